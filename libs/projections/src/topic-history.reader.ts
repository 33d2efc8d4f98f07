import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { CE, fromKafkaMessage } from '@eutf/messaging';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface TopicHistoryOptions {
  /** The short-lived consumer group is `<prefix>.<uuid>`, deleted once read. */
  groupPrefix: string;
  /**
   * Given each batch's events as they are read, in their partition's order (a stream lives on one
   * partition, so each stream's events come in order; partitions interleave). Synchronous: the
   * events are not kept once it returns.
   */
  onEvents: (topic: string, events: readonly RecordedEvent[]) => void;
  /**
   * Gives up when no batch has come for this long (default 60 s): a read that keeps making
   * progress is never cut short, however many events the topics hold.
   */
  timeoutMs?: number;
  /**
   * Only the events recorded (`recordedAt`) up to this instant (ms since the epoch) are handed
   * over; the others are left out undecoded, by their header alone. A partition is read no further
   * once an event recorded `recordedOutOfOrderMs` after it has been seen: a partition holds its
   * events in the order they were committed, which may differ from their `recordedAt` only by how
   * long a transaction ran.
   */
  recordedUpTo?: { instant: number; recordedOutOfOrderMs: number };
}

/** What a read of the topics found beyond the events it handed over. */
export interface TopicHistoryRead {
  /**
   * With `recordedUpTo`: the topics in which an event recorded more than `recordedOutOfOrderMs`
   * after the instant was seen. A topic's relay publishes in the order events were committed, so
   * such a topic holds every event recorded up to the instant: nothing recorded by then can still
   * arrive. Of a topic not listed, that is not known (a quiet topic, or a relay that is behind).
   */
  pastInstant: ReadonlySet<string>;
}

/** Where each partition of a topic ended when a read began: the next offset a consumer would read. */
export type TopicEnds = ReadonlyMap<string, ReadonlyArray<{ partition: number; offset: string }>>;

/** One partition's messages, handed over in its order, none past the end the read began with. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: readonly KafkaMessage[];
}

export interface PartitionReadOptions {
  /** The short-lived consumer group is `<prefix>.<uuid>`, deleted once read. */
  groupPrefix: string;
  /**
   * Given each batch as it is fetched; returns 'stop' when it needs nothing more of that partition.
   * The next batch of the partition comes only once it has settled.
   */
  onBatch: (batch: PartitionBatch, heartbeat: () => Promise<void>) => Promise<'continue' | 'stop'> | 'continue' | 'stop';
  /**
   * Gives up when no batch has come for this long (default 60 s): a read that keeps making
   * progress is never cut short, however many events the topics hold.
   */
  timeoutMs?: number;
}

/**
 * Reads topics from their first message to the end each partition had when asked, and returns
 * those ends: what a report "as of" a past date folds, and what a projection catching up in memory
 * folds before it joins its group at exactly those offsets.
 *
 * kafkajs has no manual partition assignment, so this joins a consumer group of its own, commits
 * nothing, and deletes the group when done.
 */
export async function readPartitionsToEnd(kafka: Kafka, topics: readonly string[], options: PartitionReadOptions): Promise<TopicEnds> {
  const groupId = `${options.groupPrefix}.${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, Array<{ partition: number; offset: string }>>();
    // The last offset of each non-empty partition now: later messages are not this read's to wait for.
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, offsets.map(({ partition, high }) => ({ partition, offset: high })));
      for (const { partition, high, low } of offsets) {
        if (BigInt(high) > BigInt(low)) remaining.set(`${topic}:${partition}`, BigInt(high) - 1n);
      }
    }
    if (remaining.size > 0) await consumeUntil(kafka, groupId, topics, remaining, options);
    return ends;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Reads topics from their first event to the end they had when asked, handing each batch's events
 * over as they come, never holding the whole log in memory. Every topic keeps its events forever,
 * so the topics are the archive, and the answer comes from the same log the live read models were
 * built from. Messages that are not our events are left out, as the live runner dead-letters them.
 */
export async function readTopicsFromStart(kafka: Kafka, topics: readonly string[], options: TopicHistoryOptions): Promise<TopicHistoryRead> {
  const pastInstant = new Set<string>();
  const upTo = options.recordedUpTo;
  await readPartitionsToEnd(kafka, topics, {
    groupPrefix: options.groupPrefix,
    timeoutMs: options.timeoutMs,
    onBatch: ({ topic, messages }) => {
      const events: RecordedEvent[] = [];
      let past = false;
      for (const message of messages) {
        if (upTo) {
          const recordedAt = Date.parse(message.headers?.[CE.recordedat]?.toString() ?? '');
          if (recordedAt > upTo.instant) {
            if (recordedAt > upTo.instant + upTo.recordedOutOfOrderMs) {
              past = true;
              break;
            }
            continue;
          }
        }
        try {
          events.push(fromKafkaMessage(message));
        } catch {
          continue;
        }
      }
      options.onEvents(topic, events);
      if (!past) return 'continue';
      pastInstant.add(topic);
      return 'stop';
    },
  });
  return { pastInstant };
}

async function consumeUntil(kafka: Kafka, groupId: string, topics: readonly string[], remaining: Map<string, bigint>, options: PartitionReadOptions): Promise<void> {
  // Fetches of a few MB keep the broker busy enough; larger ones only held more undecoded bytes at once.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytes: 16 * 1024 * 1024, maxBytesPerPartition: 4 * 1024 * 1024, allowAutoTopicCreation: false });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`reading ${topics.join(', ')} from the start: no batch for ${timeoutMs} ms`)), timeoutMs);
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        timer.refresh();
        const key = `${batch.topic}:${batch.partition}`;
        const last = remaining.get(key);
        if (last === undefined) return;
        const messages = batch.messages.filter((message) => BigInt(message.offset) <= last);
        let next: 'continue' | 'stop';
        try {
          next = await options.onBatch({ topic: batch.topic, partition: batch.partition, messages }, heartbeat);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        timer.refresh();
        if (next === 'stop' || BigInt(batch.lastOffset()) >= last) {
          remaining.delete(key);
          // Nothing more of it is needed: its fetches would only be thrown away.
          if (next === 'stop') consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
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
