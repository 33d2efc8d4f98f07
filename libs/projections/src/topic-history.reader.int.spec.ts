import { randomUUID } from 'node:crypto';
import { createKafka, producerConfig, toKafkaMessage } from '@eutf/messaging';
import { requireInfrastructure } from '@eutf/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { readPartitionsToEnd, readTopicPrefixes, readTopicsFromStart } from './topic-history.reader';
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

  it('reads each partition’s prefix of events recorded up to an instant, then on from where each prefix ends', async () => {
    const prefixed: string[] = [];
    const prefixes = await readTopicPrefixes(kafka, [busy, quiet], {
      groupPrefix: `topic-history-test-${run}`,
      recordedUpTo: instant,
      onEvents: (topic, events) => prefixed.push(...events.map((event) => `${topic === busy ? 'busy' : 'quiet'} ${event.recordedAt}`)),
    });
    expect(prefixed).toHaveLength(6);
    expect(prefixes.events).toBe(6);
    // Each stopped at its first event recorded after the instant: the quiet topic's, ten minutes and one after it, is the earliest.
    expect(prefixes.ends).toEqual(new Map([[busy, [{ partition: 0, offset: '3' }]], [quiet, [{ partition: 0, offset: '3' }]]]));
    expect(prefixes.nextRecordedAt).toBe(instant + 11 * 60_000);

    const after: string[] = [];
    const read = await readTopicsFromStart(kafka, [busy, quiet], {
      groupPrefix: `topic-history-test-${run}`,
      recordedUpTo: { instant: instant + 3 * HOUR, recordedOutOfOrderMs: HOUR },
      startAt: prefixes.ends,
      onEvents: (topic, events) => after.push(...events.map((event) => `${topic === busy ? 'busy' : 'quiet'} ${event.recordedAt}`)),
    });
    const at = (from: number, minute: number) => new Date(from + minute * 60_000).toISOString();
    expect(after.sort()).toEqual([`busy ${at(instant + 2 * HOUR, 1)}`, `busy ${at(instant + 2 * HOUR, 2)}`, `quiet ${at(instant + 10 * 60_000, 1)}`, `quiet ${at(instant + 10 * 60_000, 2)}`]);
    expect(read.pastInstant.size).toBe(0);

    // Read to their ends, the prefixes end where the partitions do, and nothing is recorded past them yet.
    const whole = await readTopicPrefixes(kafka, [busy, quiet], { groupPrefix: `topic-history-test-${run}`, recordedUpTo: instant + 3 * HOUR, startAt: prefixes.ends, onEvents: () => undefined });
    expect([whole.ends.get(busy), whole.events, whole.nextRecordedAt]).toEqual([[{ partition: 0, offset: '5' }], 4, undefined]);
  });

  it('refuses to start past the end of a partition: that position is of another history', async () => {
    await expect(
      readTopicsFromStart(kafka, [busy], { groupPrefix: `topic-history-test-${run}`, startAt: new Map([[busy, [{ partition: 0, offset: '9' }]]]), onEvents: () => undefined }),
    ).rejects.toThrow(`${busy} partition 0 ends at 5, before the offset 9 a read was asked to start at`);
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
