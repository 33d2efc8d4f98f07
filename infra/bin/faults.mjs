#!/usr/bin/env node
// The fault-injection suite (`npm run test:faults`, and the last step of `npm test`): while
// partners' results flow into the projects service, kill -9 and restart in turn the Kafka broker,
// the projects service (with its relay), the reporting service, the MongoDB-wire server and
// PostgreSQL. Afterwards every accepted command's events are in the store exactly once, and the
// live read model equals one rebuilt from the topics by a fresh reporting service.
//
// It kills servers, so it runs alone: after the Jest run, on the native servers that run started
// (servers given by the environment are not ours to kill). It prints its counts and writes them
// to .infra/faults-results.json for the closing line of `npm test`.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isAlive, log, sleep } from '../lib/process.mjs';
import { repoRoot, requireFromRepo, stateDir } from '../lib/paths.mjs';
import { kafka } from '../lib/kafka.mjs';
import { ferretdb } from '../lib/ferretdb.mjs';
import { postgres } from '../lib/postgres.mjs';
import { ensureTopics, deleteTopics } from '../lib/topics.mjs';
import { DEVELOPMENT_ONLY_JWT_SECRET, mintDevelopmentToken } from './token.mjs';

const { DATABASE_URL, KAFKA_BROKERS, MONGO_URL } = process.env;
if (!DATABASE_URL || !KAFKA_BROKERS || !MONGO_URL) throw new Error('faults: DATABASE_URL, KAFKA_BROKERS and MONGO_URL must point at the native servers');
const secret = process.env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET;
const run = randomUUID().replace(/-/g, '').slice(0, 8);
const namespace = `faults-${run}`;
const schema = `faults_${run}`;
const projectId = `ml-faults-${run}`;
const checks = [];
const check = (name, ok, detail) => {
  checks.push({ name, ok, detail });
  log(`${ok ? '✔' : '✘'} ${name}${detail ? ` — ${detail}` : ''}`);
};

// ── the services, as their own processes ───────────────────────────────────────────────────────
const services = new Map();
// Each service process writes its log (warnings and errors) to a file of its own, read when a check fails.
const logDir = join(stateDir, 'faults-logs');
mkdirSync(logDir, { recursive: true });
let spawned = 0;
// Whatever way this script ends, it leaves no service of its own running.
const isRunning = (service) => service.child.exitCode === null && service.child.signalCode === null;
process.on('exit', () => {
  for (const service of services.values()) if (isRunning(service)) service.child.kill('SIGKILL');
});
/**
 * A port nobody listens on, from the system: a random one could be the local port of a connection
 * open at that moment (the ephemeral range), and the service would exit with EADDRINUSE.
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
async function startService(name, key, env) {
  const port = await freePort();
  const logFile = openSync(join(logDir, `${run}-${String((spawned += 1)).padStart(2, '0')}-${key}.log`), 'w');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'services', name, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', EUTF_TOPIC_NAMESPACE: namespace, EUTF_DEV_JWT_SECRET: secret, EUTF_DEVELOPMENT: 'true', SWC_NODE_PROJECT: 'tsconfig.base.json' },
    stdio: ['ignore', logFile, logFile],
  });
  const service = { name, url: `http://127.0.0.1:${port}`, child, env };
  services.set(key, service);
  return service;
}
async function ready(service, timeoutMs = 90_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    if (!isRunning(service)) throw new Error(`faults: the ${service.name} service exited with ${service.child.exitCode ?? service.child.signalCode}`);
    if (await fetch(`${service.url}/health/ready`).then((response) => response.ok, () => false)) return;
  }
  throw new Error(`faults: the ${service.name} service did not become ready`);
}
const mongoDatabase = (name) => {
  const url = new URL(MONGO_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const projectsEnv = { DATABASE_SCHEMA: schema };
const reportingEnv = (database, group) => ({ MONGO_URL: mongoDatabase(database), CONSUMER_GROUP_PREFIX: group });

// ── the command flow: every command retried with its Idempotency-Key until it is accepted ──────
const officer = await mintDevelopmentToken({ subject: 'faults-officer', roles: ['delegation-officer'], country: 'ML' }, secret);
const partner = await mintDevelopmentToken({ subject: 'faults-partner', roles: ['implementing-partner'], org: 'IOM' }, secret);
const stats = { sent: 0, attempts: 0, failedAttempts: 0, conflicts: 0, accepted: 0, replayed: 0 };

/** One attempt: the answer, or undefined when no server answered (down, killed mid-request, timed out). */
async function attempt(path, bearer, body, key) {
  stats.attempts += 1;
  return fetch(`${services.get('projects').url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
}

async function send(path, bearer, body, key) {
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(200)) {
    const response = await attempt(path, bearer, body, key);
    if (response && response.status < 300) {
      if (response.headers.get('idempotent-replayed') === 'true') stats.replayed += 1;
      return;
    }
    const problem = response ? await response.json().catch(() => ({})) : {};
    // Four lanes write one stream: a conflict that outlasted the server's retries is the client's to retry.
    if (response?.status === 409 && String(problem.type).endsWith('/concurrency-conflict')) {
      stats.conflicts += 1;
      continue;
    }
    // A refusal by a rule is an answer, not a fault: the test data never breaks one.
    if (response && response.status < 500) throw new Error(`faults: ${path} was refused: ${response.status} ${JSON.stringify(problem)}`);
    stats.failedAttempts += 1;
  }
  throw new Error(`faults: ${path} was never accepted`);
}

const day = (index) => new Date(Date.UTC(2017, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
const accepted = new Set();
let flowing = true;
async function partnerFlow(lane, lanes) {
  for (let index = lane; flowing; index += lanes) {
    const resultId = `r-${index}`;
    const body = { indicatorId: 'returns', period: { from: day(index), to: day(index) }, value: 10 + (index % 7), valueQualifier: null, disaggregation: [], narrative: 'Returns from Niger', evidenceLinks: [] };
    stats.sent += 1;
    await send(`/projects/${projectId}/results/${resultId}/submission`, partner, body, `faults-${run}-${resultId}`);
    accepted.add(resultId);
    stats.accepted += 1;
  }
}

// ── the faults ─────────────────────────────────────────────────────────────────────────────────
async function killHard(pid, what) {
  if (!pid || !isAlive(pid)) throw new Error(`faults: ${what} is not running`);
  process.kill(pid, 'SIGKILL');
  for (const deadline = Date.now() + 10_000; isAlive(pid) && Date.now() < deadline; ) await sleep(50);
}
const faults = [
  { name: 'Kafka broker', kill: () => killHard(kafka.pid(), 'Kafka'), restart: () => kafka.up() },
  {
    name: 'projects service (and its relay)',
    kill: () => killHard(services.get('projects').child.pid, 'the projects service'),
    restart: async () => ready(await startService('projects', 'projects', projectsEnv)),
  },
  {
    name: 'reporting service',
    kill: () => killHard(services.get('reporting').child.pid, 'the reporting service'),
    restart: async () => ready(await startService('reporting', 'reporting', reportingEnv(`faults_${run}`, `faults-${run}`))),
  },
  { name: 'MongoDB-wire server (FerretDB)', kill: () => killHard(ferretdb.pid(), 'FerretDB'), restart: () => ferretdb.up() },
  { name: 'PostgreSQL', kill: () => killHard(postgres.pid(), 'PostgreSQL'), restart: () => postgres.up() },
];

// ── what reporting shows of the project ────────────────────────────────────────────────────────
const analyst = await mintDevelopmentToken({ subject: 'faults-analyst', roles: ['hq-analyst'] }, secret);
async function projectAsShown(service) {
  const response = await fetch(`${service.url}/projects/${projectId}`, { headers: { authorization: `Bearer ${analyst}` } }).catch(() => undefined);
  return response?.ok ? response.json() : undefined;
}
async function untilShown(service, count, timeoutMs = 120_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(500)) {
    const project = await projectAsShown(service);
    if (project && project.results.length >= count) return project;
  }
  return projectAsShown(service);
}

/** The ids of the events on the projects topic (CloudEvents `ce_id`), read from its first offset to its last. */
async function eventIdsOnProjectsTopic() {
  const { Kafka, logLevel } = requireFromRepo('kafkajs');
  const topic = `${namespace}.eutf.projects.events`;
  const kafka = new Kafka({ clientId: 'eutf-faults', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const unread = new Map(offsets.filter((partition) => partition.high !== partition.low).map((partition) => [partition.partition, BigInt(partition.high)]));
  const ids = new Set();
  if (unread.size === 0) return ids;
  const consumer = kafka.consumer({ groupId: `${namespace}-topic-check-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let allRead;
    const read = new Promise((resolve) => (allRead = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const id = message.headers?.ce_id;
        if (id) ids.add(id.toString());
        if (BigInt(message.offset) + 1n >= (unread.get(partition) ?? 0n)) unread.delete(partition);
        if (unread.size === 0) allRead();
      },
    });
    await Promise.race([read, sleep(60_000)]);
  } finally {
    await consumer.disconnect().catch(() => {});
  }
  return ids;
}

const { Pool } = requireFromRepo('pg');
let exitCode = 1;
try {
  await ensureTopics(KAFKA_BROKERS, namespace);
  await Promise.all([ready(await startService('projects', 'projects', projectsEnv)), ready(await startService('reporting', 'reporting', reportingEnv(`faults_${run}`, `faults-${run}`)))]);
  await send('/projects', officer, {
    reference: null,
    projectId,
    title: 'Fault injection',
    countries: ['ML'],
    implementingPartners: ['IOM'],
    objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
  }, `faults-${run}-register`);
  await send(`/projects/${projectId}/indicators`, officer, {
    indicatorId: 'returns', title: 'Voluntary returns', eutfIndicator: null, unit: 'people', baseline: 0, target: 10_000, measurement: 'cumulative', disaggregation: [],
  }, `faults-${run}-indicator`);

  const lanes = 4;
  // Held as a settled result, so that a lane that fails does not go unhandled while faults are injected.
  const flow = Promise.allSettled(Array.from({ length: lanes }, (_, lane) => partnerFlow(lane, lanes)));
  const injected = [];
  for (const fault of faults) {
    await sleep(2_000);
    const before = stats.accepted;
    const started = Date.now();
    await fault.kill();
    await sleep(1_000);
    await fault.restart();
    injected.push(`${fault.name}: down ${((Date.now() - started) / 1000).toFixed(1)} s, ${stats.accepted - before} accepted meanwhile`);
    log(`faults: killed and restarted the ${fault.name}`);
  }
  await sleep(2_000);
  flowing = false;
  const lanesFailed = (await flow).filter((lane) => lane.status === 'rejected');
  check('every command was accepted in the end', lanesFailed.length === 0, lanesFailed.map((lane) => lane.reason.message).join('; ') || `${stats.accepted} accepted`);
  log(`faults: ${injected.length} faults injected — ${injected.join('; ')}`);
  log(`faults: ${stats.accepted} commands accepted (${stats.attempts} attempts, ${stats.failedAttempts} failed while a server was down, ${stats.conflicts} version conflicts retried, ${stats.replayed} answered from the idempotency record)`);

  // 1. Every accepted command's events are in the store exactly once, the stream without a gap.
  const pool = new Pool({ connectionString: DATABASE_URL });
  const stored = await pool.query(
    `SELECT event_id::text AS event_id, event_type, data->>'resultId' AS result_id, stream_version, position, transaction_id::text AS transaction_id FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_version`,
    [`project-${projectId}`],
  );
  const relayCheckpoint = (await pool.query(`SELECT transaction_id::text AS transaction_id, position FROM "${schema}".relay_checkpoints`)).rows;
  const submitted = stored.rows.filter((row) => row.event_type === 'ResultSubmitted').map((row) => row.result_id);
  const missing = [...accepted].filter((id) => !submitted.includes(id));
  const twice = submitted.filter((id, index) => submitted.indexOf(id) !== index);
  const gaps = stored.rows.filter((row, index) => Number(row.stream_version) !== index + 1).length;
  check('every accepted command is in the store', missing.length === 0, `${accepted.size} accepted, ${submitted.length} stored, ${missing.length} missing`);
  check('no command is in the store twice', twice.length === 0, `${twice.length} twice`);
  check('the stream has no gap', gaps === 0, `${stored.rows.length} events, versions 1..${stored.rows.length}`);

  // 2. The relay published every stored event (a batch sent again is there twice, and that is fine).
  let onTopic = new Set();
  let unpublished = stored.rows;
  for (const deadline = Date.now() + 60_000; unpublished.length > 0 && Date.now() < deadline; await sleep(1_000)) {
    onTopic = await eventIdsOnProjectsTopic();
    unpublished = stored.rows.filter((row) => !onTopic.has(row.event_id));
  }
  const relayCheckpointNow = (await pool.query(`SELECT transaction_id::text AS transaction_id, position FROM "${schema}".relay_checkpoints`)).rows;
  check(
    'the relay published every stored event',
    unpublished.length === 0,
    `${stored.rows.length} stored, ${onTopic.size} on the topic${unpublished.length > 0 ? `; not published: ${JSON.stringify(unpublished.slice(0, 5))}; relay checkpoint ${JSON.stringify(relayCheckpointNow)}` : ''}`,
  );
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => pool.end());

  // 3. The live read model equals a clean rebuild from the topics.
  const live = await untilShown(services.get('reporting'), accepted.size);
  const rebuilt = await startService('reporting', 'rebuild', reportingEnv(`faults_${run}_rebuild`, `faults-${run}-rebuild`));
  await ready(rebuilt);
  const fromTopics = await untilShown(rebuilt, accepted.size);
  const ids = (project) => (project?.results ?? []).map((result) => result.resultId).sort();
  const notShown = stored.rows.filter((row) => row.result_id && !ids(live).includes(row.result_id));
  if (notShown.length > 0) {
    const last = stored.rows[stored.rows.length - 1];
    log(`faults: not shown: ${JSON.stringify(notShown)}; last stored ${JSON.stringify(last)}; relay checkpoints ${JSON.stringify(relayCheckpoint)}; service logs in ${logDir}`);
  }
  check('the live read model shows every accepted result once', ids(live).length === accepted.size && new Set(ids(live)).size === accepted.size, `${ids(live).length} shown`);
  check('the live read model equals a clean rebuild from the topics', JSON.stringify(live) === JSON.stringify(fromTopics), `${ids(fromTopics).length} results rebuilt`);
  exitCode = checks.every((entry) => entry.ok) ? 0 : 1;
} catch (error) {
  check('the fault-injection run completed', false, error.message);
} finally {
  flowing = false;
  // SIGTERM lets each service finish its batch; one that does not stop in time is killed.
  const running = [...services.values()].filter(isRunning);
  for (const service of running) service.child.kill('SIGTERM');
  for (const deadline = Date.now() + 15_000; running.some(isRunning) && Date.now() < deadline; ) await sleep(100);
  for (const service of running) if (isRunning(service)) service.child.kill('SIGKILL');
  await deleteTopics(KAFKA_BROKERS, namespace).catch(() => {});
  const passed = checks.filter((entry) => entry.ok).length;
  // CI keeps what is printed: a failed run prints the end of each service's log.
  if (passed < checks.length) {
    for (const file of readdirSync(logDir).filter((name) => name.startsWith(run)).sort()) {
      const lines = readFileSync(join(logDir, file), 'utf8').trim().split('\n').slice(-15);
      process.stdout.write(`── ${file} (last ${lines.length} lines)\n${lines.join('\n')}\n`);
    }
  }
  writeFileSync(join(stateDir, 'faults-results.json'), JSON.stringify({ passed, failed: checks.length - passed, checks, stats }, null, 2));
  process.stdout.write(`faults: ${passed} passed, ${checks.length - passed} failed\n`);
}
process.exit(exitCode);
