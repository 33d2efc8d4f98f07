import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { commandExists, isAlive, isPortOpen, log, readPid, run, spawnDetached, stopByPidFile, waitFor } from './process.mjs';
import { ports, repoRoot, requireFromRepo, stateDir } from './paths.mjs';

const moduleDir = join(repoRoot, 'infra', 'ferretdb');
const home = join(stateDir, 'ferretdb');
const binary = join(home, 'ferretdb');
const dataDir = join(home, 'data');
const pidFile = join(home, 'ferretdb.pid');
const logFile = join(home, 'ferretdb.log');

export const mongoUrl = () => `mongodb://127.0.0.1:${ports.mongo}/eutf_reporting`;

/**
 * Our changes to FerretDB itself, as one reviewed unified diff against the module's own sources
 * (the file says what and why). The module still comes from the Go module proxy, checked against
 * go.sum; a copy of it, patched, goes to the state dir, and the build uses it through a `replace`
 * in a generated copy of go.mod (`go build -modfile`; Go refuses overlays of the module cache), so
 * nothing needs a fork or a checkout of FerretDB and infra/ferretdb/go.mod stays the plain pin.
 */
const patchFile = join(moduleDir, 'ferretdb-v1.24.2-eutf.patch');
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Applies a unified diff (`--- a/path`, `+++ b/path`, `@@ -l,n +l,n @@` hunks; text before the
 * first file is a comment) to the files under `sourceDir`, writing the patched files under
 * `targetDir`. Each hunk must match exactly at the line it names: the sources are a pinned module
 * version, so any drift is an error, never a fuzzy match. Returns the patched relative paths.
 */
export function applyUnifiedDiff(diff, sourceDir, targetDir) {
  const lines = diff.split('\n');
  const files = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].startsWith('--- a/') || !lines[i + 1]?.startsWith('+++ b/')) continue;
    const path = lines[i + 1].slice('+++ b/'.length).trim();
    const hunks = [];
    i += 2;
    while (i < lines.length && lines[i].startsWith('@@ ')) {
      const header = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(lines[i]);
      if (!header) throw new Error(`${path}: unreadable hunk header "${lines[i]}"`);
      const body = [];
      for (i += 1; i < lines.length && /^[ +\-\\]/.test(lines[i]) && !lines[i].startsWith('--- a/'); i += 1) body.push(lines[i]);
      hunks.push({ oldStart: Number(header[1]), body });
    }
    i -= 1;
    files.push({ path, hunks });
  }
  if (files.length === 0) throw new Error('the FerretDB patch changes no file');
  for (const { path, hunks } of files) {
    const original = readFileSync(join(sourceDir, path), 'utf8').split('\n');
    const patched = [];
    let next = 0;
    for (const { oldStart, body } of hunks) {
      const start = oldStart - 1;
      if (start < next) throw new Error(`${path}: hunks overlap at line ${oldStart}`);
      patched.push(...original.slice(next, start));
      next = start;
      for (const line of body) {
        const [mark, text] = [line[0], line.slice(1)];
        if (mark === '\\') continue;
        if (mark === '+') {
          patched.push(text);
          continue;
        }
        if (original[next] !== text) throw new Error(`${path}: the patch does not apply at line ${next + 1} (expected "${text}")`);
        if (mark === ' ') patched.push(text);
        next += 1;
      }
    }
    patched.push(...original.slice(next));
    mkdirSync(dirname(join(targetDir, path)), { recursive: true });
    writeFileSync(join(targetDir, path), patched.join('\n'));
  }
  return files.map(({ path }) => path);
}

/** The module cache's files are read-only; the patched copy must not be. */
function makeWritable(path) {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/** Builds our tiny FerretDB 1.24 command, with our patch, once per change of its module or patch (Go caches the rest). */
export async function buildFerretDb() {
  const stamp = `${binary}.sha256`;
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go', basename(patchFile)]) hash.update(readFileSync(join(moduleDir, file)));
  const wanted = hash.digest('hex');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binary;
  if (!(await commandExists('go'))) {
    throw new Error('MongoDB (FerretDB): `go` is not installed (the native stack needs Go to build FerretDB), or set MONGO_URL');
  }
  log('FerretDB: building the MongoDB-wire-protocol server (first time only)');
  mkdirSync(home, { recursive: true });
  // Where the module's sources are (downloaded and checked against go.sum if they are not yet).
  const output = await run('go', ['mod', 'download', '-json', FERRETDB_MODULE], { cwd: moduleDir });
  const download = JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
  if (!download.Dir) throw new Error(`FerretDB: \`go mod download ${FERRETDB_MODULE}\` gave no directory: ${download.Error ?? 'unknown error'}`);
  const sourceDir = join(home, `ferretdb-${download.Version}-eutf`);
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(download.Dir, sourceDir, { recursive: true });
  makeWritable(sourceDir);
  applyUnifiedDiff(readFileSync(patchFile, 'utf8'), download.Dir, sourceDir);
  const modFile = join(home, 'go.mod');
  writeFileSync(modFile, `${readFileSync(join(moduleDir, 'go.mod'), 'utf8')}\nreplace ${FERRETDB_MODULE} ${download.Version} => ${sourceDir}\n`);
  writeFileSync(join(home, 'go.sum'), readFileSync(join(moduleDir, 'go.sum')));
  await run('go', ['build', '-trimpath', `-modfile=${modFile}`, '-o', binary, '.'], { cwd: moduleDir });
  writeFileSync(stamp, wanted);
  return binary;
}

export async function mongoReachable(url) {
  const { MongoClient } = requireFromRepo('mongoose').mongo;
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close().catch(() => {});
  }
}

export const ferretdb = {
  name: 'MongoDB (FerretDB)',
  endpoint: mongoUrl,

  async status() {
    return isAlive(readPid(pidFile)) ? `running on 127.0.0.1:${ports.mongo} (pid ${readPid(pidFile)})` : 'stopped';
  },

  async up() {
    if (isAlive(readPid(pidFile))) {
      log(`FerretDB already running on 127.0.0.1:${ports.mongo}`);
      return false;
    }
    if (await isPortOpen(ports.mongo)) {
      throw new Error(`FerretDB: port ${ports.mongo} is taken by another program; set EUTF_MONGO_PORT or MONGO_URL`);
    }
    await buildFerretDb();
    mkdirSync(dataDir, { recursive: true });
    log(`FerretDB: starting on 127.0.0.1:${ports.mongo} (SQLite storage in ${dataDir})`);
    spawnDetached(
      binary,
      // synchronous(normal) in WAL mode (FerretDB's default journal) syncs the WAL at checkpoints, not at every
      // commit: a killed process (the fault suite's kill -9) loses nothing, only a power cut can lose the last
      // commits. It makes a replaceOne ~35% cheaper (npm run bench:read-store).
      ['-listen-addr', `127.0.0.1:${ports.mongo}`, '-handler', 'sqlite', '-sqlite-url', `file:${dataDir}/?_pragma=synchronous(normal)`],
      { logFile, pidFile },
    );
    await waitFor(
      async () => {
        if (!isAlive(readPid(pidFile))) throw new Error(`the FerretDB process exited; see ${logFile}`);
        return mongoReachable(mongoUrl());
      },
      { what: 'FerretDB', timeoutMs: 30_000, logFile },
    );
    return true;
  },

  pid: () => readPid(pidFile),

  async down() {
    if (!isAlive(readPid(pidFile))) return false;
    log('FerretDB: stopping');
    return stopByPidFile(pidFile);
  },
};
