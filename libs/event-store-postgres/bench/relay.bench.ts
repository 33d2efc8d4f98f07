/**
 * `npm run bench:relay`: how fast the outbox relay moves a backlog of stored events to Kafka,
 * against Kafka's own producer performance tool on the same broker in the same run
 * (PERFORMANCE.md: relay ≥ 0.5× the tool).
 *
 * Flags: --events (the backlog, and the tool's record count), --batch-size (the relay's),
 * --record-size (the tool's; by default the measured average size of our messages).
 */
import { randomUUID } from 'node:crypto';
import { comparePositions, type LogPosition, type NewEvent } from '@eutf/event-sourcing';
import { createKafka, KafkaEventPublisher, toKafkaMessage } from '@eutf/messaging';
import { createPostgresPool } from '../src/pool';
import type { Admin, Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { migrate, OutboxRelay, PostgresEventStore } from '../src';
import { numberFlag, printTable, rate, requiredEnv, runProducerPerformance, sampleEvent, secondsSince, timeConcurrently } from './bench-support';

const databaseUrl = requiredEnv('DATABASE_URL');
const brokers = requiredEnv('KAFKA_BROKERS');
// Where the Kafka jars are (kafka-tools included); infra/bin/bench.mjs resolves them.
const kafkaLibs = requiredEnv('EUTF_KAFKA_LIBS');
const events = numberFlag('events', 50_000);
const batchSize = numberFlag('batch-size', 500);

const SCHEMA = 'bench_relay';
const SOURCE = 'bench-relay';
const PRELOAD_PER_APPEND = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes on the wire that vary with the message: key, value, header names and values. */
function messageBytes(message: Message): number {
  const size = (value: unknown) => (value === null || value === undefined ? 0 : Buffer.byteLength(String(value)));
  const headers = Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + size(value), 0);
  return size(message.key) + size(message.value) + headers;
}

/** Sum of the partitions' end offsets: how many records the topic holds (it starts empty). */
async function recordsIn(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

async function main(): Promise<void> {
  const pool = createPostgresPool({ connectionString: databaseUrl, schema: SCHEMA, applicationName: 'bench-relay', max: 8 });
  const kafka = createKafka({ clientId: 'bench-relay', brokers: brokers.split(',') });
  const admin = kafka.admin();
  await admin.connect();
  const suffix = randomUUID().slice(0, 8);
  const relayTopic = `bench-relay-${suffix}`;
  const toolTopic = `bench-producer-performance-${suffix}`;
  let relay: OutboxRelay | undefined;
  let publisher: KafkaEventPublisher | undefined;
  try {
    // 1. A fresh store holding the backlog, written fast (100 events per append, 8 at a time).
    await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await migrate(pool, SCHEMA);
    const store = new PostgresEventStore(pool);
    const backlog = Array.from({ length: Math.ceil(events / PRELOAD_PER_APPEND) }, (_, index) =>
      Array.from({ length: Math.min(PRELOAD_PER_APPEND, events - index * PRELOAD_PER_APPEND) }, sampleEvent),
    );
    const preloadSeconds = await timeConcurrently(8, backlog.length, async (_, index) => {
      await store.appendToStream(`reintegration-case-${index % 1_000}`, backlog[index] as NewEvent[], { expectedVersion: 'any' });
    });
    const { rows } = await pool.query<{ commit: string; prepare: string; count: string }>(
      `SELECT transaction_id::text AS commit, position::text AS prepare, (SELECT count(*) FROM events)::text AS count
         FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    const last = rows[0];
    if (!last || Number(last.count) !== events) throw new Error(`preload stored ${last?.count ?? 0} events, not ${events}`);
    const lastPosition: LogPosition = { commit: BigInt(last.commit), prepare: BigInt(last.prepare) };

    // The tool sends unkeyed records without headers, so its record size is our whole message: key, value and headers.
    const sample = await store.readAll({ maxCount: 1_000 });
    const averageBytes = Math.round(sample.reduce((sum, event) => sum + messageBytes(toKafkaMessage(event, SOURCE)), 0) / sample.length);
    const recordSize = numberFlag('record-size', averageBytes);

    // 2. Fresh topics, as the services' are: 3 partitions (the broker creates none on its own).
    await admin.createTopics({
      waitForLeaders: true,
      topics: [relayTopic, toolTopic].map((topic) => ({ topic, numPartitions: 3 })),
    });

    // 3. The relay, from an empty checkpoint until it has published and checkpointed the last event.
    publisher = new KafkaEventPublisher(kafka, relayTopic, SOURCE);
    relay = new OutboxRelay({
      pool,
      schema: SCHEMA,
      relayName: 'bench',
      publisher,
      batchSize,
      registry: new Registry(),
      logger: { info: () => undefined, warn: (o, m) => console.error(m, o), error: (o, m) => console.error(m, o) },
    });
    const startedAt = process.hrtime.bigint();
    relay.start();
    const deadline = Date.now() + 180_000;
    while (comparePositions(await relay.readCheckpoint(), lastPosition) < 0) {
      if (Date.now() > deadline) throw new Error('the relay did not reach the last event within 3 minutes');
      await sleep(10);
    }
    const relaySeconds = secondsSince(startedAt);
    await relay.stop();
    const relayed = await recordsIn(admin, relayTopic);
    if (relayed !== events) throw new Error(`the relay's topic holds ${relayed} records, ${events} were stored`);

    // 4. Kafka's own producer on the same broker, same record count, acks=all and idempotence like ours.
    const tool = await runProducerPerformance({ kafkaLibs, brokers, topic: toolTopic, records: events, recordSize });
    const produced = await recordsIn(admin, toolTopic);
    if (produced !== events) throw new Error(`the tool's topic holds ${produced} records, ${events} were sent`);

    // 5. Report.
    const relayPerSecond = rate(events, relaySeconds);
    const ratio = Math.round((relayPerSecond / tool.recordsPerSecond) * 100) / 100;
    console.log(
      `\nKafka at ${brokers}; ${events.toLocaleString('en-GB')} events preloaded in ${preloadSeconds.toFixed(1)} s; ` +
        `relay batch size ${batchSize}; our messages average ${averageBytes} bytes (key + value + headers), tool record size ${recordSize}\n`,
    );
    printTable(
      ['contender', 'events/s', 'seconds'],
      [
        ['OutboxRelay → KafkaEventPublisher', relayPerSecond, Math.round(relaySeconds * 100) / 100],
        ['Kafka ProducerPerformance', tool.recordsPerSecond, Math.round((events / tool.recordsPerSecond) * 100) / 100],
      ],
    );
    console.log('');
    printTable(['ratio', 'measured', 'target'], [['relay / ProducerPerformance', ratio, '≥ 0.5']]);
    console.log(`\nProducerPerformance: ${tool.summary.trim()}`);
    console.log(`sanity: ${relayed} records on the relay's topic, ${produced} on the tool's\n`);
    console.log(
      JSON.stringify({
        bench: 'relay',
        events,
        batchSize,
        averageMessageBytes: averageBytes,
        recordSize,
        relayEventsPerSecond: relayPerSecond,
        relaySeconds: Math.round(relaySeconds * 1000) / 1000,
        producerPerformanceRecordsPerSecond: tool.recordsPerSecond,
        ratio,
      }),
    );
  } finally {
    // 6. Leave nothing behind (a failed run included: a running relay would hold a connection).
    await relay?.stop();
    await publisher?.close();
    await admin.deleteTopics({ topics: [relayTopic, toolTopic] }).catch(() => undefined);
    await admin.disconnect();
    await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
