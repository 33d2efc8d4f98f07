import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { comparePositions, type LogPosition, type NewEvent } from '@eutf/event-sourcing';
import { CE, createKafka, KafkaEventPublisher } from '@eutf/messaging';
import { createPostgresPool } from './pool';
import { requireInfrastructure } from '@eutf/testing';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { migrate } from './migrations';
import { OutboxRelay } from './outbox-relay';
import { PostgresEventStore } from './postgres-event-store';

const root = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitUntil<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let databaseUrl: string;
let brokers: string[];
let kafka: Kafka;
let admin: Admin;
const pools: Pool[] = [];
const schemas: string[] = [];
const topics: string[] = [];

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka']);
  databaseUrl = endpoints.postgresql;
  brokers = endpoints.kafka.split(',');
  kafka = createKafka({ clientId: 'relay-spec', brokers });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await admin?.disconnect();
  for (const schema of schemas) await pools[0]?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all(pools.map((pool) => pool.end()));
});

/** A fresh store with `streams` × `perStream` events, and a fresh topic for them. */
async function seededStore(streams: number, perStream: number) {
  const schema = `relay_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const pool = createPostgresPool({ connectionString: databaseUrl, schema, applicationName: 'relay-spec' });
  pools.push(pool);
  schemas.push(schema);
  await migrate(pool, schema);
  const store = new PostgresEventStore(pool);
  const appended: string[] = [];
  let last: LogPosition | undefined;
  for (let round = 0; round < perStream / 10; round += 1) {
    await Promise.all(
      Array.from({ length: streams }, async (_, index) => {
        const events: NewEvent[] = Array.from({ length: 10 }, () => ({
          eventId: randomUUID(),
          type: 'ReturnOperationRegistered',
          schemaVersion: 1,
          data: { returnees: 12 },
          occurredAt: '2017-05-01T00:00:00.000Z',
          metadata: { actor: { subject: 'iom-1', role: 'implementing-partner', org: 'IOM' }, correlationId: randomUUID(), causationId: null },
        }));
        const result = await store.appendToStream(`return-operation-${index}`, events, { expectedVersion: 'any' });
        appended.push(...events.map((event) => event.eventId));
        if (!last || comparePositions(result.position, last) > 0) last = result.position;
      }),
    );
  }
  const topic = `relay-spec-${randomUUID()}`;
  topics.push(topic);
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  return { pool, schema, store, topic, appended, lastPosition: last as LogPosition };
}

async function messagesOnTopic(topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

/** Everything on the topic, in partition order: (event id, stream, version) per message. */
async function readTopic(topic: string, expected: number) {
  const consumer = kafka.consumer({ groupId: `relay-spec-reader-${randomUUID()}` });
  const received: Array<{ id: string; stream: string; version: number; partition: number }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      received.push({
        id: message.headers?.[CE.id]?.toString() ?? '',
        stream: message.key?.toString() ?? '',
        version: Number(message.headers?.[CE.streamversion]?.toString()),
        partition,
      });
    },
  });
  await waitUntil(async () => received.length >= expected, `${expected} messages on ${topic}`);
  await consumer.disconnect();
  return received;
}

function startRelayProcess(schema: string, topic: string, publishDelayMs: number): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'libs/event-store-postgres/test/relay-process.fixture.ts')], {
    cwd: root,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'tsconfig.base.json',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers.join(','),
      RELAY_SCHEMA: schema,
      RELAY_TOPIC: topic,
      RELAY_BATCH_SIZE: '50',
      RELAY_PUBLISH_DELAY_MS: String(publishDelayMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())));

describe('the outbox relay to Kafka', () => {
  it('publishes every event at least once, in stream order, across a kill -9 in the middle of its work', async () => {
    const { pool, schema, topic, appended, lastPosition } = await seededStore(20, 100);
    // Only reads the checkpoint the relay processes keep; never started here.
    const relay = new OutboxRelay({ pool, schema, relayName: 'kafka', publisher: { publish: async () => undefined } });

    const first = startRelayProcess(schema, topic, 25);
    await waitUntil(async () => (await messagesOnTopic(topic)) >= 300, 'the first relay to publish some events');
    first.kill('SIGKILL');
    await exited(first);
    const published = await messagesOnTopic(topic);
    expect(published).toBeLessThan(appended.length);
    const checkpoint = await relay.readCheckpoint();
    expect(comparePositions(checkpoint, lastPosition)).toBeLessThan(0);

    const second = startRelayProcess(schema, topic, 0);
    await waitUntil(async () => comparePositions(await relay.readCheckpoint(), lastPosition) === 0, 'the restarted relay to catch up');
    second.kill('SIGTERM');
    await exited(second);

    const received = await readTopic(topic, appended.length);
    expect(new Set(received.map((message) => message.id))).toEqual(new Set(appended));
    // At least once: a batch in flight at the kill may come twice, but each stream's first
    // sightings run 1, 2, 3… with nothing missing and nothing out of order.
    const firstSightings = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const message of received) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      firstSightings.set(message.stream, [...(firstSightings.get(message.stream) ?? []), message.version]);
    }
    for (const versions of firstSightings.values()) expect(versions).toEqual(versions.map((_, index) => index + 1));
    // Keyed by stream id: one stream, one partition.
    const partitionsByStream = new Map<string, Set<number>>();
    for (const message of received) partitionsByStream.set(message.stream, (partitionsByStream.get(message.stream) ?? new Set()).add(message.partition));
    for (const partitions of partitionsByStream.values()) expect(partitions.size).toBe(1);
  });

  it('lets only one of two relay instances of a service publish', async () => {
    const { pool, schema, topic, appended, lastPosition } = await seededStore(5, 20);
    const registry = new Registry();
    const publishers = [new KafkaEventPublisher(kafka, topic, 'x'), new KafkaEventPublisher(kafka, topic, 'x')];
    const [a, b] = publishers.map(
      (publisher) => new OutboxRelay({ pool, schema, relayName: 'kafka', publisher, registry, standbyRetryMs: 100 }),
    ) as [OutboxRelay, OutboxRelay];
    a.start();
    b.start();
    await waitUntil(async () => comparePositions(await a.readCheckpoint(), lastPosition) === 0, 'the relay to catch up');
    await sleep(500);
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all(publishers.map((publisher) => publisher.close()));
    expect(await messagesOnTopic(topic)).toBe(appended.length);
    const metrics = await registry.getMetricsAsJSON();
    const publishedTotal = metrics.find((metric) => metric.name === 'eutf_relay_events_published_total');
    expect(publishedTotal?.values[0]?.value).toBe(appended.length);
    const lag = metrics.find((metric) => metric.name === 'eutf_relay_lag_seconds');
    expect(lag?.values[0]?.value).toBe(0);
  });
});
