import { randomUUID } from 'node:crypto';
import { createKafka, producerConfig, toKafkaMessage } from '@eutf/messaging';
import { requireInfrastructure } from '@eutf/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { readPartitionsToEnd, readTopicsFromStart } from './topic-history.reader';
import { createTopic } from './test-support/kafka-test.helpers';
import { caseStream } from './test-support/reintegration-case.fixture';

const SOURCE = 'urn:eutf:test:topic-history';
const HOUR = 3_600_000;

describe('readTopicsFromStart up to an instant, on real Kafka', () => {
  const run = randomUUID().slice(0, 8);
  /** One topic whose relay has published events recorded long after the instant, one whose last event is only minutes after it. */
  const [busy, quiet] = [`test.topic-history.busy.${run}`, `test.topic-history.quiet.${run}`];
  const instant = Date.parse('2025-03-01T12:00:00Z');
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    const endpoints = await requireInfrastructure(['kafka']);
    kafka = createKafka({ clientId: `topic-history-test-${run}`, brokers: endpoints.kafka.split(',') });
    admin = kafka.admin();
    await admin.connect();
    await createTopic(admin, busy, 1);
    await createTopic(admin, quiet, 1);
    producer = kafka.producer(producerConfig);
    await producer.connect();
    // Each stream's events one minute apart from its start.
    const publish = (topic: string, startsAt: number, count: number) => {
      const stream = caseStream(`case-${topic}`, new Date(startsAt));
      const events = Array.from({ length: count }, () => stream.next('ReintegrationCaseOpened', { caseRef: 'RC-1' }));
      return producer.send({ topic, acks: -1, messages: events.map((event) => toKafkaMessage(event, SOURCE)) });
    };
    // busy: 3 events a day before the instant, then 2 two hours after it; quiet: 3 a day before, then 2 ten minutes after.
    await publish(busy, instant - 24 * HOUR, 3);
    await publish(busy, instant + 2 * HOUR, 2);
    await publish(quiet, instant - 24 * HOUR, 3);
    await publish(quiet, instant + 10 * 60_000, 2);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [busy, quiet] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('hands over only the events recorded up to the instant, and names the topics that hold every event recorded by then', async () => {
    const handed = new Map<string, string[]>();
    const read = await readTopicsFromStart(kafka, [busy, quiet], {
      groupPrefix: `topic-history-test-${run}`,
      recordedUpTo: { instant, recordedOutOfOrderMs: HOUR },
      onEvents: (topic, events) => handed.set(topic, [...(handed.get(topic) ?? []), ...events.map((event) => event.recordedAt)]),
    });
    const dayBefore = (minute: number) => new Date(instant - 24 * HOUR + minute * 60_000).toISOString();
    expect(handed.get(busy)).toEqual([dayBefore(1), dayBefore(2), dayBefore(3)]);
    expect(handed.get(quiet)).toEqual([dayBefore(1), dayBefore(2), dayBefore(3)]);
    // Only the busy topic shows an event recorded more than an hour after the instant: of the quiet
    // one, an event recorded by then may still be on its way, so an answer from it is not final.
    expect([...read.pastInstant]).toEqual([busy]);
  });

  it('names no topic when asked for no instant', async () => {
    const read = await readTopicsFromStart(kafka, [busy, quiet], { groupPrefix: `topic-history-test-${run}`, onEvents: () => undefined });
    expect(read.pastInstant.size).toBe(0);
  });

  it('gives up only when no batch comes for the time allowed: a long read that keeps making progress is not cut short', async () => {
    const wide = `test.topic-history.wide.${run}`;
    await createTopic(admin, wide, 6);
    const stream = caseStream(`case-${wide}`, new Date(instant));
    await producer.send({
      topic: wide,
      acks: -1,
      messages: Array.from({ length: 6 }, (_, partition) => ({ ...toKafkaMessage(stream.next('ReintegrationCaseOpened', { caseRef: 'RC-1' }), SOURCE), partition })),
    });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      // Six batches of 400 ms each: 2.4 s in all, against 1 s allowed without a batch.
      const startedAt = Date.now();
      const ends = await readPartitionsToEnd(kafka, [wide], { groupPrefix: `topic-history-test-${run}`, timeoutMs: 1_000, onBatch: () => pause(400).then(() => 'continue' as const) });
      expect(Date.now() - startedAt).toBeGreaterThan(2_000);
      expect(ends.get(wide)?.map(({ offset }) => offset)).toEqual(['1', '1', '1', '1', '1', '1']);
      // A batch that takes longer than that is a stall.
      await expect(
        readPartitionsToEnd(kafka, [wide], { groupPrefix: `topic-history-test-${run}`, timeoutMs: 1_000, onBatch: () => pause(2_500).then(() => 'continue' as const) }),
      ).rejects.toThrow(`reading ${wide} from the start: no batch for 1000 ms`);
    } finally {
      await admin.deleteTopics({ topics: [wide] }).catch(() => undefined);
    }
  });
});
