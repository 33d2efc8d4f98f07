import { ensureTopics, kafkaReachable } from './topics.mjs';
import { ferretdb, mongoReachable } from './ferretdb.mjs';
import { kafka } from './kafka.mjs';
import { postgres } from './postgres.mjs';
import { containerRuntimeAvailable, startContainers } from './containers.mjs';
import { log } from './process.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, requireFromRepo } from './paths.mjs';

/** The three servers, the variable that points at each, and how to tell it answers. */
export const servers = [
  { key: 'postgres', variable: 'DATABASE_URL', name: 'PostgreSQL', native: postgres, reachable: postgresReachable },
  { key: 'kafka', variable: 'KAFKA_BROKERS', name: 'Kafka', native: kafka, reachable: kafkaReachable },
  { key: 'mongo', variable: 'MONGO_URL', name: 'MongoDB', native: ferretdb, reachable: mongoReachable },
];

async function postgresReachable(url) {
  const { Client } = requireFromRepo('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

const withTimeout = (promise, ms) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

/**
 * Finds or starts every server, in the order ARCHITECTURE.md gives:
 * endpoints given in the environment → containers when a container runtime answers → the native stack.
 * Returns the environment for the services and tests, and a stop() that stops only what this call started.
 */
export async function bringUpInfrastructure({ preferCompose = false } = {}) {
  const env = {};
  const missing = [];
  const unreachable = [];
  for (const server of servers) {
    const given = process.env[server.variable];
    if (given) {
      env[server.variable] = given;
      try {
        await withTimeout(server.reachable(given), 5_000);
        log(`${server.name}: using ${server.variable}=${redact(given)}`);
      } catch (error) {
        unreachable.push(`${server.name} is not reachable at ${server.variable}=${redact(given)}: ${error.message}`);
      }
    } else {
      missing.push(server);
    }
  }
  if (unreachable.length > 0) throw new Error(unreachable.join('\n'));

  const stops = [];
  let native = false;
  if (missing.length > 0 && (await containerRuntimeAvailable())) {
    const started = await startContainers(missing.map((server) => server.key), { preferCompose });
    Object.assign(env, started.env);
    stops.push(started.stop);
  } else if (missing.length > 0) {
    // Start the native servers side by side: the JVM, the Go build and initdb overlap.
    native = missing.length === servers.length;
    const results = await Promise.allSettled(missing.map((server) => server.native.up()));
    results.forEach((result, index) => {
      const server = missing[index];
      env[server.variable] = server.native.endpoint();
      if (result.status === 'fulfilled' && result.value) stops.push(() => server.native.down());
    });
    const failures = results.filter((result) => result.status === 'rejected').map((result) => result.reason.message);
    if (failures.length > 0) {
      await Promise.allSettled(stops.map((stop) => stop()));
      throw new Error(failures.join('\n'));
    }
  }

  await ensureTopics(env.KAFKA_BROKERS);
  return {
    env,
    /** True when every server is one of the native stack's (ours to stop, restart, or kill in the fault suite). */
    native,
    async stop() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
}

export async function nativeStatus() {
  return Promise.all(servers.map(async (server) => `${server.name.padEnd(10)} ${await server.native.status()}`));
}

export async function nativeDown() {
  await Promise.allSettled(servers.map((server) => server.native.down()));
}

/** Names the servers' versions, read over real connections, so a run shows what it talked to. */
export async function describeServers(env) {
  const lines = [];
  const { Client } = requireFromRepo('pg');
  const pg = new Client({ connectionString: env.DATABASE_URL });
  await pg.connect();
  lines.push(`PostgreSQL  ${(await pg.query('SHOW server_version')).rows[0].server_version} at ${redact(env.DATABASE_URL)}`);
  await pg.end();
  const { MongoClient } = requireFromRepo('mongoose').mongo;
  const mongo = new MongoClient(env.MONGO_URL, { serverSelectionTimeoutMS: 3_000 });
  const info = await mongo.db('admin').command({ buildInfo: 1 });
  await mongo.close();
  const flavour = info.ferretdbVersion
    ? `FerretDB ${ferretDbModuleVersion()} (MongoDB ${info.version} wire protocol)`
    : `MongoDB ${info.version}`;
  lines.push(`MongoDB     ${flavour} at ${env.MONGO_URL}`);
  const { Kafka, logLevel } = requireFromRepo('kafkajs');
  const admin = new Kafka({ clientId: 'eutf-infra', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const cluster = await admin.describeCluster();
  const apiVersions = cluster.brokers.length;
  await admin.disconnect();
  const native = env.KAFKA_BROKERS === kafka.endpoint() ? `Apache Kafka ${kafkaJarVersion()} (native, KRaft), ` : '';
  lines.push(`Kafka       ${native}cluster ${cluster.clusterId}, ${apiVersions} broker(s) at ${env.KAFKA_BROKERS}`);
  return lines;
}

/** FerretDB embedded as a library reports no version of its own; ours is the one go.mod pins. */
function ferretDbModuleVersion() {
  const goMod = readFileSync(join(repoRoot, 'infra', 'ferretdb', 'go.mod'), 'utf8');
  return /github\.com\/FerretDB\/FerretDB (v[\d.]+)/.exec(goMod)?.[1] ?? 'unknown';
}

function kafkaJarVersion() {
  const pom = readFileSync(join(repoRoot, 'infra', 'kafka', 'pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

export function redact(url) {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/**
 * What a test run uses on the same servers as `npm start`: its own PostgreSQL database, MongoDB
 * database and topic namespace, so tests never write into the demo's data and the demo never
 * shows test events. A server that refuses to create the database is used as given.
 */
export async function isolateForTests(env) {
  process.env.EUTF_TOPIC_NAMESPACE = process.env.EUTF_TOPIC_NAMESPACE || 'test';
  const isolated = { ...env, EUTF_TOPIC_NAMESPACE: process.env.EUTF_TOPIC_NAMESPACE };
  const mongo = new URL(env.MONGO_URL);
  mongo.pathname = `${mongo.pathname.replace(/^\//, '') || 'eutf_reporting'}_test`;
  isolated.MONGO_URL = mongo.toString();
  const postgres = new URL(env.DATABASE_URL);
  const database = `${postgres.pathname.replace(/^\//, '') || 'eutf'}_test`;
  const { Client } = requireFromRepo('pg');
  const client = new Client({ connectionString: env.DATABASE_URL });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    postgres.pathname = `/${database}`;
    isolated.DATABASE_URL = postgres.toString();
  } catch (error) {
    log(`PostgreSQL: tests use the given database (${error.message})`);
  } finally {
    await client.end().catch(() => {});
  }
  await ensureTopics(env.KAFKA_BROKERS, process.env.EUTF_TOPIC_NAMESPACE);
  return isolated;
}
