import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, isAlive, isPortOpen, log, readPid, run, spawnDetached, stopByPidFile, waitFor } from './process.mjs';
import { ports, repoRoot, requireFromRepo, stateDir } from './paths.mjs';

const moduleDir = join(repoRoot, 'infra', 'ferretdb');
const home = join(stateDir, 'ferretdb');
const binary = join(home, 'ferretdb');
const dataDir = join(home, 'data');
const pidFile = join(home, 'ferretdb.pid');
const logFile = join(home, 'ferretdb.log');

export const mongoUrl = () => `mongodb://127.0.0.1:${ports.mongo}/eutf_reporting`;

/** Builds our tiny FerretDB 1.24 command once per change of its module (Go caches the rest). */
export async function buildFerretDb() {
  const stamp = `${binary}.sha256`;
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(moduleDir, file)));
  const wanted = hash.digest('hex');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binary;
  if (!(await commandExists('go'))) {
    throw new Error('MongoDB (FerretDB): `go` is not installed (the native stack needs Go to build FerretDB), or set MONGO_URL');
  }
  log('FerretDB: building the MongoDB-wire-protocol server (first time only)');
  mkdirSync(home, { recursive: true });
  await run('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: moduleDir });
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
      ['-listen-addr', `127.0.0.1:${ports.mongo}`, '-handler', 'sqlite', '-sqlite-url', `file:${dataDir}/`],
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
