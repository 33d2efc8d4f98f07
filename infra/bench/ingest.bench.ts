/**
 * `npm run bench:ingest`: partners' results end to end — HTTP command → event store → relay →
 * Kafka → reporting projection → MongoDB — with the projects and reporting services running as
 * their own processes, as `npm start` runs them (PERFORMANCE.md: ≥ 2,000 events/s sustained;
 * p99 command latency ≤ 50 ms at 500 requests/s; p99 projection lag ≤ 1 s; ≤ 300 MB per service).
 *
 * 1. registers --projects projects, each with one per-period indicator (setup, not measured);
 * 2. throughput: --events result submissions from --concurrency clients, as fast as they answer,
 *    and the CPU each process used meanwhile (the services, this bench's clients, each server);
 * 3. latency: --rate submissions per second, sent on schedule for --seconds whatever the answers
 *    (latency counts from the scheduled moment, so a slow answer cannot hide the ones behind it);
 * 4. the projection's lag, sampled every 100 ms from the reporting service's own gauge
 *    (eutf_projection_lag_seconds: age of the last event it applied), and the time until every
 *    projection's group has committed the end of the run's topics once the relay has put every
 *    accepted event there; each service's peak resident memory (the kernel's high-water mark);
 * 5. the ceilings on the same servers, in the same run: the event store's own rate of single-event
 *    appends (from --concurrency clients, no HTTP, no service) and Kafka's ProducerPerformance
 *    tool with records the size of ours; the end-to-end rate is printed as a share of each;
 * 6. a second reporting service rebuilds the read models from the topics into a new database, and
 *    the two are compared document by document: the run fails if they differ.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mintDevelopmentToken } from '@eutf/identity';
import { Pool } from 'pg';
import { createPostgresPool, migrate, PostgresEventStore } from '@eutf/event-store-postgres';
import { createKafka, EVENT_TOPICS, toKafkaMessage, topicIn } from '@eutf/messaging';
import { startServiceProcess } from '@eutf/service-testing';
import { BENCH_RETURNS_INDICATOR, benchProjectRegistration, benchResult } from './bench-projects';
import { compareReadModels, dropDatabase, untilProjectionsCaughtUp } from './reporting-read-models';
import { cpuSecondsBetween, cpuSecondsByGroup, numberFlag, percentile, printTable, rate, requiredEnv, residentMegabytes, runProducerPerformance, secondsSince, timeConcurrently, type CpuGroups } from '@eutf/testing/bench';

const projects = numberFlag('projects', 200);
const events = numberFlag('events', 6_000);
const concurrency = numberFlag('concurrency', 32);
const targetRate = numberFlag('rate', 500);
const seconds = numberFlag('seconds', 10);

const run = randomUUID().replace(/-/g, '').slice(0, 8);
const secret = requiredEnv('EUTF_DEV_JWT_SECRET');
const children: ChildProcess[] = [];
let sampling: NodeJS.Timeout | undefined;

/** A service as its own process, as `npm start` runs it. */
async function startService(service: string, env: Record<string, string>): Promise<{ url: string; pid: number }> {
  // EUTF_BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles", to look inside the services.
  const nodeFlags = (process.env['EUTF_BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const { url, child } = await startServiceProcess(service, env, nodeFlags);
  children.push(child);
  return { url, pid: child.pid as number };
}

/** A metric's value from a Prometheus text page, for the sample whose labels include `labels`. */
function metric(page: string, name: string, labels: string): number {
  const line = page.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

async function main() {
  const database = new URL(requiredEnv('DATABASE_URL'));
  const mongo = new URL(requiredEnv('MONGO_URL'));
  mongo.pathname = `/bench_ingest_${run}`;
  const [projectsService, reporting] = await Promise.all([
    startService('projects', { DATABASE_URL: database.toString(), DATABASE_SCHEMA: `bench_ingest_${run}` }),
    startService('reporting', { MONGO_URL: mongo.toString(), CONSUMER_GROUP_PREFIX: `bench-ingest-${run}` }),
  ]);
  const officer = await mintDevelopmentToken({ subject: 'bench-officer', roles: ['delegation-officer'], country: 'ML' }, secret);
  const partner = await mintDevelopmentToken({ subject: 'bench-partner', roles: ['implementing-partner'], org: 'IOM' }, secret);

  /** The status of a POST to the projects service, its body read and dropped. */
  /** A request's status; 0 when it got no answer (at a fixed rate beyond what the service answers, connections queue until they time out). */
  const send = async (path: string, token: string, body: object) => {
    try {
      const response = await fetch(`${projectsService.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };
  const post = async (path: string, token: string, body: object) => {
    const status = await send(path, token, body);
    if (status >= 300) throw new Error(`POST ${path}: ${status}`);
  };

  // 1. Setup: projects, each with a per-period indicator, so every result has its own period.
  const projectId = (index: number) => `ml-bench-${run}-${index}`;
  await timeConcurrently(8, projects, async (_, index) => {
    await post('/projects', officer, benchProjectRegistration(projectId(index), index));
    await post(`/projects/${projectId(index)}/indicators`, officer, BENCH_RETURNS_INDICATOR);
  });

  // Result n goes to project n mod P, for its own day: one event per accepted submission.
  let submitted = 0;
  let accepted = 0;
  const refusals = new Map<number, number>();
  const submit = async () => {
    const n = submitted;
    submitted += 1;
    const day = new Date(Date.UTC(2017, 0, 1 + Math.floor(n / projects))).toISOString().slice(0, 10);
    const status = await send(`/projects/${projectId(n % projects)}/results/r-${n}/submission`, partner, benchResult(day));
    // Under overload a project's stream sees more writers at once than the handler retries for
    // (409), and a connection the service does not accept within undici's connect timeout (10 s)
    // gets no answer (0).
    const ok = status >= 200 && status < 300;
    if (ok) accepted += 1;
    else refusals.set(status, (refusals.get(status) ?? 0) + 1);
    return ok;
  };

  // Sample the projection's lag and the services' memory while the load runs.
  const lags: number[] = [];
  sampling = setInterval(() => {
    void fetch(`${reporting.url}/metrics`)
      .then((response) => response.text())
      .then((page) => {
        // A result shows in reports once both have it: its project's entry lists it, its own document holds it.
        const lag = Math.max(...['project-register-3', 'project-results'].map((name) => metric(page, 'eutf_projection_lag_seconds', `projection="${name}"`)));
        if (!Number.isNaN(lag)) lags.push(lag);
      })
      .catch(() => undefined);
  }, 100);

  // 2. Throughput, and the CPU each process spent on it: where the machine's cores went.
  const cpuGroups: CpuGroups = {
    'projects service': projectsService.pid,
    'reporting service': reporting.pid,
    'this bench (its HTTP clients)': process.pid,
    PostgreSQL: /(^|\/)postgres[: ]/,
    Kafka: /kafka\.Kafka/,
    'MongoDB-wire server': /ferretdb|mongod/,
  };
  const cpuBefore = cpuSecondsByGroup(cpuGroups);
  const throughputSeconds = await timeConcurrently(concurrency, events, async () => {
    await submit();
  });
  const cpu = cpuSecondsBetween(cpuBefore, cpuSecondsByGroup(cpuGroups));
  const cpuTotal = [...cpu.values()].reduce((sum, seconds) => sum + seconds, 0);

  // 3. Latency at a fixed rate
  const latencies: number[] = [];
  const total = targetRate * seconds;
  const startedAt = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: total }, async (_, index) => {
      const scheduled = (index / targetRate) * 1000;
      const wait = scheduled - Number(process.hrtime.bigint() - startedAt) / 1e6;
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      // The latency of accepted submissions only: a refused one (listed below the table) may fail fast.
      if (await submit()) latencies.push(Number(process.hrtime.bigint() - startedAt) / 1e6 - scheduled);
    }),
  );
  const rateSeconds = secondsSince(startedAt);

  // 4. Until every projection has applied every registration, indicator and result: first until the
  // relay has put them all on the run's own projects topic, then until each projection's group has
  // committed that topic's end.
  const kafka = createKafka({ clientId: `bench-ingest-${run}`, brokers: requiredEnv('KAFKA_BROKERS').split(','), logLevel: 'warn' });
  const admin = kafka.admin();
  await admin.connect();
  const namespace = requiredEnv('EUTF_TOPIC_NAMESPACE');
  const expectedOnTopic = projects * 2 + accepted;
  const drainStartedAt = process.hrtime.bigint();
  const onTopic = async () => (await admin.fetchTopicOffsets(topicIn(namespace, EVENT_TOPICS.projects))).reduce((sum, { high }) => sum + Number(high), 0);
  let relayed = await onTopic();
  while (relayed < expectedOnTopic && secondsSince(drainStartedAt) < 300) {
    await new Promise((done) => setTimeout(done, 100));
    relayed = await onTopic();
  }
  if (relayed < expectedOnTopic) console.log(`the projects topic holds ${relayed} of the ${expectedOnTopic} events accepted, 300 s after the load`);
  const live = await untilProjectionsCaughtUp({ admin, namespace, groupPrefix: `bench-ingest-${run}`, limitSeconds: 300, label: 'live read models' });
  const drainSeconds = secondsSince(drainStartedAt);
  clearInterval(sampling);
  const memory = { projects: residentMegabytes(projectsService.pid).peak, reporting: residentMegabytes(reporting.pid).peak };

  // 5. The ceilings, on the same servers: the store's own single-event appends, and Kafka's producer tool.
  const ceilingSchema = `bench_ingest_${run}_ceiling`;
  const ceilingPool = createPostgresPool({ connectionString: database.toString(), schema: ceilingSchema, applicationName: `bench-ingest-${run}`, max: concurrency });
  let appendsPerSecond = Number.NaN;
  let recordBytes = Number.NaN;
  try {
    await migrate(ceilingPool, ceilingSchema);
    const store = new PostgresEventStore(ceilingPool);
    // One of the run's own result events, as the relay put it on the topic: the size of a record.
    const runPool = createPostgresPool({ connectionString: database.toString(), schema: `bench_ingest_${run}`, applicationName: `bench-ingest-${run}`, max: 1 });
    const sample = (await new PostgresEventStore(runPool).readAll({ maxCount: 1_000 }).finally(() => runPool.end())).at(-1);
    if (!sample) throw new Error('the run stored no event');
    const message = toKafkaMessage(sample, 'urn:eutf:projects');
    recordBytes = Buffer.byteLength(String(message.key)) + Buffer.byteLength(String(message.value)) + Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)), 0);
    const appends = Math.min(events, 5_000);
    const appendSeconds = await timeConcurrently(concurrency, appends, async (_, index) => {
      await store.appendToStream(`project-ceiling-${run}-${index}`, [{ eventId: randomUUID(), type: sample.type, schemaVersion: sample.schemaVersion, data: sample.data, metadata: sample.metadata, occurredAt: new Date().toISOString() }], { expectedVersion: 'no_stream' });
    });
    appendsPerSecond = rate(appends, appendSeconds);
  } finally {
    await ceilingPool.query(`DROP SCHEMA IF EXISTS "${ceilingSchema}" CASCADE`).catch(() => undefined);
    await ceilingPool.end();
  }
  const toolTopic = `${namespace}.producer-performance`;
  await admin.createTopics({ topics: [{ topic: toolTopic, numPartitions: 3 }], waitForLeaders: true });
  // At least 50,000 records: fewer, and the tool's own start-up (a JVM) is most of what it measures.
  const tool = await runProducerPerformance({ kafkaLibs: requiredEnv('EUTF_KAFKA_LIBS'), brokers: requiredEnv('KAFKA_BROKERS'), topic: toolTopic, records: Math.max(events, 50_000), recordSize: recordBytes });

  // 6. The live read models against a clean rebuild from the topics.
  const rebuiltMongo = new URL(requiredEnv('MONGO_URL'));
  rebuiltMongo.pathname = `/bench_ingest_${run}_rebuilt`;
  const rebuildStartedAt = process.hrtime.bigint();
  await startService('reporting', { MONGO_URL: rebuiltMongo.toString(), CONSUMER_GROUP_PREFIX: `bench-ingest-${run}-rebuilt` });
  const rebuilt = await untilProjectionsCaughtUp({ admin, namespace: requiredEnv('EUTF_TOPIC_NAMESPACE'), groupPrefix: `bench-ingest-${run}-rebuilt`, limitSeconds: 300, label: 'rebuild from the topics' });
  const rebuildSeconds = secondsSince(rebuildStartedAt);
  await admin.disconnect();
  const compared = await compareReadModels(requiredEnv('MONGO_URL'), [`bench_ingest_${run}`, `bench_ingest_${run}_rebuilt`]);
  const endToEnd = rate(events, throughputSeconds);

  const fixed = (value: number, digits = 1) => Number(value.toFixed(digits));
  printTable(
    ['measure', 'value', 'target'],
    [
      ['results submitted, as fast as answered (requests/s)', rate(events, throughputSeconds), '≥ 2,000'],
      [`latency at ${targetRate}/s, p50 of the ${latencies.length} of ${total} accepted (ms)`, fixed(percentile(latencies, 50)), ''],
      [`latency at ${targetRate}/s, p99 of the same (ms)`, fixed(percentile(latencies, 99)), '≤ 50'],
      [`achieved rate (requests/s)`, rate(total, rateSeconds), String(targetRate)],
      ['projection lag, p50 of samples (s)', fixed(percentile(lags, 50), 3), ''],
      ['projection lag, p99 of samples (s)', fixed(percentile(lags, 99), 3), '≤ 1'],
      ['every projection caught up after the load (s)', fixed(drainSeconds, 2), ''],
      ...[...cpu].map(([name, seconds]): [string, number, string] => [`CPU while submitting as fast as answered: ${name} (cores)`, fixed(seconds / throughputSeconds, 2), '']),
      [`CPU while submitting as fast as answered: all of the above (cores, of ${availableParallelism()})`, fixed(cpuTotal / throughputSeconds, 2), ''],
      ['CPU per submitted result, all of the above (ms)', fixed((1000 * cpuTotal) / events, 2), ''],
      ['projects service, peak resident memory (MB)', fixed(memory.projects), '≤ 300'],
      ['reporting service, peak resident memory (MB)', fixed(memory.reporting), '≤ 300'],
      ['ceiling: the event store alone, single-event appends (events/s)', appendsPerSecond, ''],
      [`ceiling: Kafka ProducerPerformance, ${recordBytes}-byte records, acks=all (records/s)`, tool.recordsPerSecond, ''],
      ['end to end / the event store alone', fixed(endToEnd / appendsPerSecond, 2), ''],
      ['end to end / Kafka ProducerPerformance', fixed(endToEnd / tool.recordsPerSecond, 3), ''],
      [`rebuild from the topics into a new database (s, ${live.share >= 1 && rebuilt.share >= 1 ? 'both caught up' : 'NOT both caught up'})`, fixed(rebuildSeconds), ''],
      [`read models after the run vs that rebuild (${compared.collections} collections, ${compared.documents} documents): differing`, compared.differences.length, '0'],
    ],
  );
  if (compared.differences.length > 0 || live.share < 1 || rebuilt.share < 1) {
    console.log(`\nthe read models after the run differ from a clean rebuild (live applied ${(100 * live.share).toFixed(1)} %, rebuild ${(100 * rebuilt.share).toFixed(1)} %): ${compared.differences.join(', ')}`);
    process.exitCode = 1;
  }
  if (refusals.size > 0) console.log(`\nnot accepted: ${[...refusals].map(([status, count]) => `${count} × ${status === 0 ? 'no answer' : status}`).join(', ')} of ${submitted} submissions`);
  console.log(
    `\n${JSON.stringify({
      bench: 'ingest',
      projects,
      events,
      concurrency,
      rate: targetRate,
      seconds,
      requestsPerSecond: rate(events, throughputSeconds),
      accepted,
      refused: Object.fromEntries(refusals),
      latencyMs: { p50: fixed(percentile(latencies, 50)), p99: fixed(percentile(latencies, 99)) },
      projectionLagSeconds: { p50: fixed(percentile(lags, 50), 3), p99: fixed(percentile(lags, 99), 3) },
      drainSeconds: fixed(drainSeconds, 2),
      cpuCoresWhileSubmitting: Object.fromEntries([...cpu].map(([name, seconds]) => [name, fixed(seconds / throughputSeconds, 2)])),
      cpuMsPerResult: fixed((1000 * cpuTotal) / events, 2),
      peakResidentMb: { projects: fixed(memory.projects), reporting: fixed(memory.reporting) },
      ceilings: { storeAppendsPerSecond: appendsPerSecond, producerPerformanceRecordsPerSecond: tool.recordsPerSecond, recordBytes },
      ratios: { toStore: fixed(endToEnd / appendsPerSecond, 2), toProducerPerformance: fixed(endToEnd / tool.recordsPerSecond, 3) },
      rebuild: { seconds: fixed(rebuildSeconds), differing: compared.differences.length },
    })}`,
  );
}

main()
  .catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`${error instanceof Error ? error.message : String(error)}${cause}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    clearInterval(sampling);
    await Promise.all(children.map((child) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))));
    // What the run wrote goes with it: its schema of events and its database of read models.
    const pool = new Pool({ connectionString: requiredEnv('DATABASE_URL') });
    await pool.query(`DROP SCHEMA IF EXISTS "bench_ingest_${run}" CASCADE`).finally(() => pool.end());
    for (const name of [`bench_ingest_${run}`, `bench_ingest_${run}_rebuilt`]) {
      if (!(await dropDatabase(requiredEnv('MONGO_URL'), name))) console.error(`could not drop the database ${name} within 60 s; drop it by hand`);
    }
  });
