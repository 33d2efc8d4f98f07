#!/usr/bin/env node
// `npm run bench:store` / `bench:read-store` / `bench:relay` / `bench:ingest` / `bench:commands` / `bench:reports` / `bench:rebuild`: finds or starts the servers (as `npm test` does),
// runs one TypeScript benchmark against them, and stops only what this run started. Flags after
// the name go to the benchmark, e.g. `npm run bench:store -- --events 40000`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveKafkaJars } from '../lib/kafka.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { bringUpInfrastructure, describeServers } from '../lib/stack.mjs';
import { deleteTopics, ensureTopics } from '../lib/topics.mjs';
import { DEVELOPMENT_ONLY_JWT_SECRET } from './token.mjs';

const benches = {
  store: 'libs/event-store-postgres/bench/append.bench.ts',
  'read-store': 'infra/bench/read-store.bench.ts',
  relay: 'libs/event-store-postgres/bench/relay.bench.ts',
  ingest: 'infra/bench/ingest.bench.ts',
  commands: 'infra/bench/commands.bench.ts',
  reports: 'infra/bench/reports.bench.ts',
  rebuild: 'infra/bench/rebuild.bench.ts',
};

const [name, ...flags] = process.argv.slice(2);
const file = benches[name];
if (!file) {
  console.error(`usage: node infra/bin/bench.mjs ${Object.keys(benches).join('|')} [--flag value …]`);
  process.exit(2);
}

let infrastructure;
let child;
let benchNamespace;
const stopInfrastructure = async () => {
  const running = infrastructure;
  infrastructure = undefined;
  await running?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    // The benchmark cleans up what it wrote on the signal; its topics go once it has stopped.
    if (child && child.exitCode === null) await new Promise((done) => (child.once('close', done), child.kill(signal)));
    await deleteBenchTopics();
    await stopInfrastructure();
    process.exit(130);
  });
}

const deleteBenchTopics = async () => {
  if (!benchNamespace) return;
  for (const namespace of [benchNamespace, `${benchNamespace}-relayed`]) await deleteTopics(infrastructure.env.KAFKA_BROKERS, namespace).catch(() => {});
};

const run = (command, args) =>
  new Promise((resolvePromise, reject) =>
    spawn(command, args, { cwd: repoRoot, stdio: 'inherit' }).on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} exited with ${code}`)))),
  );

let exitCode = 1;
try {
  infrastructure = await bringUpInfrastructure();
  process.stderr.write(`${(await describeServers(infrastructure.env)).map((line) => `  ${line}`).join('\n')}\n`);
  // The relay and ingest benches run Kafka's own producer tool; the jars are cached, so this is quick after the first time.
  const kafkaLibs = name === 'relay' || name === 'ingest' ? { EUTF_KAFKA_LIBS: await resolveKafkaJars() } : {};
  // The ingest bench runs the services on topics of their own, new for each run (so its projection
  // starts from nothing), signs its tokens with a development key, and drives one partner's token
  // at full speed: the per-caller command budget is off. The reports bench writes its history to
  // topics of its own, so its projections start from that history alone.
  // The rebuild bench has its relays publish the event stores' logs again, to a second set of topics.
  if (['ingest', 'commands', 'reports', 'rebuild'].includes(name)) {
    benchNamespace = `bench${Date.now()}`;
    await ensureTopics(infrastructure.env.KAFKA_BROKERS, benchNamespace);
    if (name === 'rebuild') await ensureTopics(infrastructure.env.KAFKA_BROKERS, `${benchNamespace}-relayed`);
  }
  const ingest = benchNamespace ? { EUTF_TOPIC_NAMESPACE: benchNamespace, EUTF_DEV_JWT_SECRET: process.env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET, EUTF_DEVELOPMENT: 'true', COMMAND_RATE_LIMIT_PER_MINUTE: '0' } : {};
  // The services a bench starts run compiled, as `npm start` runs them: built here first.
  const startsServices = ['ingest', 'commands', 'reports', 'rebuild'].includes(name);
  if (startsServices) await run(process.execPath, [join(repoRoot, 'infra', 'bin', 'build.mjs')]);
  const env = { ...process.env, ...infrastructure.env, ...kafkaLibs, ...ingest, SWC_NODE_PROJECT: 'tsconfig.base.json', ...(startsServices ? { EUTF_RUN_COMPILED: 'true' } : {}) };
  exitCode = await new Promise((resolvePromise) => {
    child = spawn(process.execPath, ['-r', '@swc-node/register', file, ...flags], { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
} catch (error) {
  process.stderr.write(`✘ ${error.message}\n`);
} finally {
  await deleteBenchTopics();
  await stopInfrastructure();
}
process.exit(exitCode);
