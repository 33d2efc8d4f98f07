import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { fromKafkaMessage } from '@eutf/messaging';
import type { Kafka } from 'kafkajs';

export interface TopicHistoryOptions {
  /** The short-lived consumer group is `<prefix>.<uuid>`, deleted once read. */
  groupPrefix: string;
  /** Keeps only the events this accepts (`recordedAt` up to an instant); all of them by default. */
  keep?: (event: RecordedEvent) => boolean;
  /** Gives up after this long (default 60 s). */
  timeoutMs?: number;
}

/**
 * Reads topics from their first event to the end they had when asked, into memory, by topic: the events a
 * report "as of" a past date folds with `applyInMemory`. Every topic keeps its events forever, so
 * the topics are the archive, and the answer is read from the same log the live read models
 * were built from. Each partition's order is kept (one stream lives on one partition); partitions
 * follow one another in a fixed order, so the same log always gives the same list.
 *
 * kafkajs has no manual partition assignment, so this joins a consumer group of its own, commits
 * nothing, and deletes the group when done. Messages that are not our events are left out, as the
 * live runner dead-letters them.
 */
export async function readTopicsFromStart(kafka: Kafka, topics: readonly string[], options: TopicHistoryOptions): Promise<Map<string, RecordedEvent[]>> {
  const groupId = `${options.groupPrefix}.${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    // 1. Where each partition ends now: later events are not this read's to wait for.
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) remaining.set(`${topic}:${partition}`, BigInt(high) - 1n);
      }
    }
    const byPartition = new Map<string, RecordedEvent[]>();
    if (remaining.size > 0) await consumeUntil(kafka, groupId, topics, remaining, byPartition, options);
    // 2. Each topic's events, its partitions in a fixed order, each in its own order.
    const partitionsOf = (topic: string) => [...byPartition.keys()].filter((key) => key.slice(0, key.lastIndexOf(':')) === topic).sort((a, b) => partitionNumber(a) - partitionNumber(b));
    return new Map(topics.map((topic) => [topic, partitionsOf(topic).flatMap((key) => byPartition.get(key) ?? [])]));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

const partitionNumber = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));

async function consumeUntil(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  remaining: Map<string, bigint>,
  byPartition: Map<string, RecordedEvent[]>,
  options: TopicHistoryOptions,
): Promise<void> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytes: 50 * 1024 * 1024, maxBytesPerPartition: 10 * 1024 * 1024, allowAutoTopicCreation: false });
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`reading ${topics.join(', ')} from the start took longer than ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const last = remaining.get(key);
        if (last === undefined) return;
        const events = byPartition.get(key) ?? [];
        byPartition.set(key, events);
        for (const message of batch.messages) {
          if (BigInt(message.offset) > last) break;
          let event: RecordedEvent;
          try {
            event = fromKafkaMessage(message);
          } catch {
            continue;
          }
          if (!options.keep || options.keep(event)) events.push(event);
        }
        if (BigInt(batch.lastOffset()) >= last) {
          remaining.delete(key);
          if (remaining.size === 0) finish();
        }
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}
