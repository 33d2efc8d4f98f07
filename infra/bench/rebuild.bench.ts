/**
 * `npm run bench:rebuild`: the reporting service's read models built again from nothing
 * (PERFORMANCE.md: a projection rebuild ≥ 20,000 events/s, 1 million events in under 50 s; a
 * service ≤ 300 MB).
 *
 * 1. generates --events events for --projects projects (reports.history.ts, seeded by --seed) and
 *    writes them to this run's topics, as the relays would, and into three event stores (the
 *    projects, disbursements and returns services' logs, in schemas of this run), as the services
 *    would have recorded them;
 * 2. from Kafka: a reporting service on those topics and a new database. A projection whose group
 *    has committed nothing catches up in memory (the topics folded to their end, each document
 *    written once, the group's offsets set there), as `rebuild()` does; timed until every
 *    projection's group has committed the end of its topics; beside it, the ceiling of reading:
 *    the same topics read and decoded by this process alone, nothing folded or written;
 * 3. from the event stores: each store's relay publishes its whole log again, to a second set of
 *    topics ("re-relaying", ARCHITECTURE.md), timed; then a second reporting service on those, timed
 *    as in 2;
 * 4. the two databases compared document by document, bookkeeping included; the run fails if
 *    they differ;
 * 5. each reporting service's peak resident memory (the kernel's high-water mark).
 *
 * Events/s count each event once, however many projections read it (the projects topic feeds four).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createPostgresPool, migrate, OutboxRelay } from '@eutf/event-store-postgres';
import { EVENT_TOPICS, KafkaEventPublisher, createKafka, topicIn, type EventTopic } from '@eutf/messaging';
import { readTopicsFromStart } from '@eutf/projections';
import { startServiceProcess } from '@eutf/service-testing';
import { numberFlag, printTable, rate, requiredEnv, residentMegabytes, runBench, secondsSince, stopProcess } from '@eutf/testing/bench';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { writeHistory } from './history.writer';
import { compareReadModels, dropDatabase, untilProjectionsCaughtUp } from './reporting-read-models';

const projects = numberFlag('projects', 10_000);
const events = numberFlag('events', 1_000_000);
const seed = numberFlag('seed', 12);
const batch = numberFlag('batch', 2_000);
/** How long a rebuild may take; past it the table says how far it got. */
const limitSeconds = numberFlag('limit', 900);

const run = randomUUID().replace(/-/g, '').slice(0, 8);
const namespace = requiredEnv('EUTF_TOPIC_NAMESPACE');
/** The second set of topics, which the relays fill again from the event stores (bench.mjs makes and deletes both). */
const relayedNamespace = `${namespace}-relayed`;
const databases = { fromKafka: `bench_rebuild_${run}_kafka`, fromStores: `bench_rebuild_${run}_stores` } as const;
const schemaOf = (topic: EventTopic) => `bench_rebuild_${run}_${topic.split('.')[1]}`;
const kafka = createKafka({ clientId: `bench-rebuild-${run}`, brokers: requiredEnv('KAFKA_BROKERS').split(','), logLevel: 'warn' });
const admin = kafka.admin();
const children: ChildProcess[] = [];
const pools = new Map<EventTopic, Pool>();

/** What the stores recorded: inserted as the log rows they are (versions, instants and ids as generated), one statement per month and store. */
const INSERT_EVENTS = `
  INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at, recorded_at)
  SELECT (e->>'eventId')::uuid, e->>'streamId', (e->>'streamVersion')::bigint, e->>'type', (e->>'schemaVersion')::integer,
         e->'data', e->'metadata', (e->>'occurredAt')::timestamptz, (e->>'recordedAt')::timestamptz
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS rows(e, n) ORDER BY n`;

/** A reporting service from nothing on a namespace's topics; its figures once every projection has applied them. */
async function rebuildReadModels(label: string, topicNamespace: string, database: string) {
  const mongo = new URL(requiredEnv('MONGO_URL'));
  mongo.pathname = `/${database}`;
  const groupPrefix = `bench-rebuild-${run}-${database}`;
  const startedAt = process.hrtime.bigint();
  // EUTF_BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles", to look inside the service.
  const nodeFlags = (process.env['EUTF_BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const { child } = await startServiceProcess('reporting', { MONGO_URL: mongo.toString(), CONSUMER_GROUP_PREFIX: groupPrefix, EUTF_TOPIC_NAMESPACE: topicNamespace }, nodeFlags, {
    // Its warnings and errors are shown, and each projection's own account of its catch-up (fold and write seconds).
    logLevel: 'info',
    onOutput: (chunk) =>
      process.stderr.write(
        chunk
          .split('\n')
          .filter((line) => /"level":(40|50|60)/.test(line) || line.includes('caught up in memory'))
          .map((line) => `\n  [reporting] ${line.slice(0, 400)}`)
          .join(''),
      ),
  });
  children.push(child);
  const caughtUp = await untilProjectionsCaughtUp({ admin, namespace: topicNamespace, groupPrefix, limitSeconds, label });
  const seconds = secondsSince(startedAt);
  const memory = residentMegabytes(child.pid as number);
  await stopProcess(child);
  return { seconds, share: caughtUp.share, applied: caughtUp.applied, peakMb: memory.peak };
}

/** Every store's relay publishes its whole log to the relayed topics; resolves once Kafka has acknowledged all of it. */
async function relayEverything(perTopic: Record<EventTopic, number>) {
  const registry = new Registry();
  const relays = [...pools].map(([topic, pool]) => {
    const publisher = new KafkaEventPublisher(kafka, topicIn(relayedNamespace, topic), `eutf/${topic.split('.')[1]}`);
    return { topic, publisher, relay: new OutboxRelay({
      pool,
      schema: schemaOf(topic),
      relayName: `bench-rebuild-${run}`,
      publisher,
      batchSize: batch,
      registry,
    }) };
  });
  const total = Object.values(perTopic).reduce((sum, count) => sum + count, 0);
  const startedAt = process.hrtime.bigint();
  for (const { relay } of relays) relay.start();
  let published = 0;
  while (published < total && secondsSince(startedAt) < limitSeconds) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const metric = await registry.getSingleMetric('eutf_relay_events_published_total')?.get();
    published = (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
    process.stderr.write(`\r  relayed ${published.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} events from the stores`);
  }
  process.stderr.write('\n');
  const seconds = secondsSince(startedAt);
  await Promise.all(relays.map(({ relay }) => relay.stop()));
  await Promise.all(relays.map(({ publisher }) => publisher.close()));
  return { seconds, published };
}

async function main() {
  await admin.connect();
  const databaseUrl = requiredEnv('DATABASE_URL');
  for (const topic of Object.values(EVENT_TOPICS)) {
    const pool = createPostgresPool({ connectionString: databaseUrl, schema: schemaOf(topic), applicationName: `bench-rebuild-${run}` });
    pools.set(topic, pool);
    await migrate(pool, schemaOf(topic));
  }
  // 1. The history, to the topics and to the stores.
  let storeSeconds = 0;
  const written = await writeHistory({
    brokers: requiredEnv('KAFKA_BROKERS'),
    namespace,
    clientId: `bench-rebuild-${run}`,
    projects,
    events,
    seed,
    batch,
    alsoWrite: async (month) => {
      const startedAt = process.hrtime.bigint();
      for (const [topic, pool] of pools) {
        const rows = month.filter((generated) => generated.topic === topic).map(({ event }) => ({ ...event, streamVersion: event.streamVersion.toString(), position: undefined }));
        if (rows.length > 0) await pool.query(INSERT_EVENTS, [JSON.stringify(rows)]);
      }
      storeSeconds += secondsSince(startedAt);
    },
  });
  const total = Object.values(written.perTopic).reduce((sum, count) => sum + count, 0);
  console.log(`history: ${projects.toLocaleString('en-GB')} projects, ${total.toLocaleString('en-GB')} events (${Object.entries(written.perTopic).map(([topic, count]) => `${topic} ${count.toLocaleString('en-GB')}`).join(', ')})`);

  // 2. From Kafka.
  const fromKafka = await rebuildReadModels('rebuild from Kafka', namespace, databases.fromKafka);
  // The ceiling of reading: the same topics read and decoded as the projections decode them, once,
  // by this process, nothing folded or written.
  const readStartedAt = process.hrtime.bigint();
  let read = 0;
  await readTopicsFromStart(kafka, Object.values(EVENT_TOPICS).map((topic) => topicIn(namespace, topic)), {
    groupPrefix: `bench-rebuild-${run}-read`,
    timeoutMs: limitSeconds * 1000,
    onEvents: (_topic, decoded) => {
      read += decoded.length;
    },
  });
  const readSeconds = secondsSince(readStartedAt);
  // 3. From the event stores, through their relays.
  const relayed = await relayEverything(written.perTopic);
  const fromStores = await rebuildReadModels('rebuild from the relayed stores', relayedNamespace, databases.fromStores);
  // 4. The same documents?
  const compared = await compareReadModels(requiredEnv('MONGO_URL'), [databases.fromKafka, databases.fromStores]);

  const fixed = (value: number, digits = 1) => Number(value.toFixed(digits));
  const rebuildRow = (label: string, result: typeof fromKafka) => [
    [result.share >= 1 ? `${label}: every projection caught up (s)` : `${label}: NOT caught up, ${(100 * result.share).toFixed(1)} % after (s)`, fixed(result.seconds), `≤ ${fixed((50 * total) / 1_000_000)}`],
    [`${label}: events/s`, rate(total * Math.min(result.share, 1), result.seconds), '≥ 20,000'],
    [`${label}: reporting service, peak resident memory (MB)`, fixed(result.peakMb), '≤ 300'],
  ];
  printTable(
    ['measure', 'value', 'target'],
    [
      ['history written to Kafka (events/s)', rate(total, written.seconds), ''],
      ['history written to the event stores, one insert per month and store (events/s)', rate(total, storeSeconds), ''],
      ...rebuildRow('from Kafka (service start to applied)', fromKafka),
      [`ceiling: the topics read and decoded alone, nothing folded or written (events/s, ${read.toLocaleString('en-GB')} events)`, rate(read, readSeconds), ''],
      ['re-relayed from the event stores to Kafka (events/s)', rate(relayed.published, relayed.seconds), ''],
      ...rebuildRow('from the relayed stores (service start to applied)', fromStores),
      ['from the event stores, relay and rebuild together (events/s)', rate(total * Math.min(fromStores.share, 1), relayed.seconds + fromStores.seconds), ''],
      [`read models compared (${compared.collections} collections, ${compared.documents.toLocaleString('en-GB')} documents): differing`, compared.differences.length, '0'],
    ],
  );
  if (compared.differences.length > 0) {
    console.log(`\nthe two rebuilds differ: ${compared.differences.join(', ')}`);
    process.exitCode = 1;
  }
  console.log(
    `\n${JSON.stringify({
      bench: 'rebuild',
      projects,
      events: total,
      perTopic: written.perTopic,
      seed,
      fromKafka: { seconds: fixed(fromKafka.seconds), eventsPerSecond: rate(total * Math.min(fromKafka.share, 1), fromKafka.seconds), share: fixed(fromKafka.share, 4), peakResidentMb: fixed(fromKafka.peakMb) },
      readAlone: { seconds: fixed(readSeconds), eventsPerSecond: rate(read, readSeconds) },
      relayed: { seconds: fixed(relayed.seconds), eventsPerSecond: rate(relayed.published, relayed.seconds) },
      fromStores: { seconds: fixed(fromStores.seconds), eventsPerSecond: rate(total * Math.min(fromStores.share, 1), fromStores.seconds), share: fixed(fromStores.share, 4), peakResidentMb: fixed(fromStores.peakMb) },
      compared: { collections: compared.collections, documents: compared.documents, differing: compared.differences.length },
    })}`,
  );
}

/** Stops the services, drops the run's databases and schemas, whether the run ended or was interrupted (`runBench` calls it once). */
const cleanUp = async () => {
  await Promise.all(children.map(stopProcess));
  // FerretDB (SQLite) may still be running queries of the stopped services; give them time to finish.
  await new Promise((done) => setTimeout(done, 5_000));
  for (const database of Object.values(databases)) {
    if (!(await dropDatabase(requiredEnv('MONGO_URL'), database))) console.error(`could not drop the database ${database} within 60 s; drop it by hand`);
  }
  for (const [topic, pool] of pools) {
    await pool.query(`DROP SCHEMA IF EXISTS "${schemaOf(topic)}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
  await admin.disconnect().catch(() => undefined);
};
runBench(main, cleanUp, 'stopping the reporting services and dropping what this run made');
