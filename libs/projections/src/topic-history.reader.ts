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
  /** Where to read each listed partition from (the next offset to read), rather than its first message. */
  startAt?: TopicOffsets;
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
  /** How many events were handed over. */
  events: number;
}

/** A position in each partition of some topics: the next offset a consumer would read there. */
export type TopicOffsets = ReadonlyMap<string, ReadonlyArray<{ partition: number; offset: string }>>;

/** Where each partition of a topic ended when a read began. */
export type TopicEnds = TopicOffsets;

/** A read was asked to start past a partition's end: the position is of another history than the topic's (a topic made again). */
export class OffsetPastEndError extends Error {}

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
  /** Where to read each listed partition from (the next offset to read), rather than its first message. */
  startAt?: TopicOffsets;
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
    // The last offset of each partition with something to read now: later messages are not this read's to wait for.
    const remaining = new Map<string, bigint>();
    const starts = new Map<string, bigint>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, offsets.map(({ partition, high }) => ({ partition, offset: high })));
      for (const { partition, high, low } of offsets) {
        const asked = options.startAt?.get(topic)?.find((start) => start.partition === partition)?.offset;
        // A position past the end is of another history than this topic's (a topic made again): nothing read from it would be right.
        if (asked !== undefined && BigInt(asked) > BigInt(high)) throw new OffsetPastEndError(`${topic} partition ${partition} ends at ${high}, before the offset ${asked} a read was asked to start at`);
        const start = asked === undefined || BigInt(asked) < BigInt(low) ? BigInt(low) : BigInt(asked);
        starts.set(`${topic}:${partition}`, start);
        if (BigInt(high) > start) remaining.set(`${topic}:${partition}`, BigInt(high) - 1n);
      }
    }
    if (remaining.size > 0) await consumeUntil(kafka, groupId, topics, { starts, remaining }, options);
    return ends;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** When a message's event was recorded, by its header alone (NaN without one). */
const recordedAtOf = (message: KafkaMessage) => Date.parse(message.headers?.[CE.recordedat]?.toString() ?? '');

/** Adds the message's event to `events`; a message that is not one of our events is left out, as the live runner dead-letters it. */
function pushEventOf(message: KafkaMessage, events: RecordedEvent[]): void {
  try {
    events.push(fromKafkaMessage(message));
  } catch {
    // Not ours: left out.
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
  let handedOver = 0;
  const upTo = options.recordedUpTo;
  await readPartitionsToEnd(kafka, topics, {
    groupPrefix: options.groupPrefix,
    timeoutMs: options.timeoutMs,
    startAt: options.startAt,
    onBatch: ({ topic, messages }) => {
      const events: RecordedEvent[] = [];
      let past = false;
      for (const message of messages) {
        if (upTo) {
          const recordedAt = recordedAtOf(message);
          if (recordedAt > upTo.instant) {
            if (recordedAt > upTo.instant + upTo.recordedOutOfOrderMs) {
              past = true;
              break;
            }
            continue;
          }
        }
        pushEventOf(message, events);
      }
      handedOver += events.length;
      options.onEvents(topic, events);
      if (!past) return 'continue';
      pastInstant.add(topic);
      return 'stop';
    },
  });
  return { pastInstant, events: handedOver };
}

/** What a read of each partition's prefix found. */
export interface TopicPrefixes {
  /** Where each partition's prefix ends: the first event recorded after the instant, or the partition's end. */
  ends: TopicOffsets;
  /** When the earliest of the events the prefixes end at was recorded; undefined when every partition was read to its end. */
  nextRecordedAt: number | undefined;
  /** How many events were handed over. */
  events: number;
}

/**
 * Reads each partition from `startAt` (or its first message) up to, not including, its first
 * event recorded after `recordedUpTo`, and says where each stopped. Every event of such a prefix
 * was recorded up to the instant, so a fold of the prefixes may be carried on, from their ends, by
 * a read of the events up to any later instant (`readTopicsFromStart` with `startAt`): it then
 * folds, partition by partition, the very events in the very order a read from the start would.
 * Events recorded up to the instant that a partition holds past its prefix (a transaction that
 * committed late) are left to that later read.
 */
export async function readTopicPrefixes(
  kafka: Kafka,
  topics: readonly string[],
  options: Omit<TopicHistoryOptions, 'recordedUpTo'> & { recordedUpTo: number },
): Promise<TopicPrefixes> {
  const stoppedAt = new Map<string, Map<number, { offset: string; recordedAt: number }>>();
  let events = 0;
  const ends = await readPartitionsToEnd(kafka, topics, {
    groupPrefix: options.groupPrefix,
    timeoutMs: options.timeoutMs,
    startAt: options.startAt,
    onBatch: ({ topic, partition, messages }) => {
      const prefix: RecordedEvent[] = [];
      let stop: { offset: string; recordedAt: number } | undefined;
      for (const message of messages) {
        const recordedAt = recordedAtOf(message);
        if (recordedAt > options.recordedUpTo) {
          stop = { offset: message.offset, recordedAt };
          break;
        }
        pushEventOf(message, prefix);
      }
      events += prefix.length;
      options.onEvents(topic, prefix);
      if (!stop) return 'continue';
      stoppedAt.set(topic, (stoppedAt.get(topic) ?? new Map()).set(partition, stop));
      return 'stop';
    },
  });
  const stops = [...stoppedAt.values()].flatMap((partitions) => [...partitions.values()]);
  return {
    ends: new Map(
      [...ends].map(([topic, partitions]) => [
        topic,
        // Stopped at an event, else read to its end (or had nothing past its start: the same end).
        partitions.map(({ partition, offset }) => ({ partition, offset: stoppedAt.get(topic)?.get(partition)?.offset ?? offset })),
      ]),
    ),
    nextRecordedAt: stops.length === 0 ? undefined : Math.min(...stops.map((stop) => stop.recordedAt)),
    events,
  };
}

/**
 * `starts`: the next offset to hand over of each partition; `remaining`: the last offset to hand
 * over of each partition still to read, removed once read.
 */
async function consumeUntil(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  { starts, remaining }: { starts: Map<string, bigint>; remaining: Map<string, bigint> },
  options: PartitionReadOptions,
): Promise<void> {
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
    const running = consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        timer.refresh();
        const key = `${batch.topic}:${batch.partition}`;
        const last = remaining.get(key);
        if (last === undefined) return;
        // A fetch made before a seek took effect, or fetched again after one, brings messages already handed over or not asked for.
        const next = starts.get(key) ?? 0n;
        const messages = batch.messages.filter((message) => BigInt(message.offset) >= next && BigInt(message.offset) <= last);
        let then: 'continue' | 'stop' = 'continue';
        if (messages.length > 0) {
          starts.set(key, BigInt(messages[messages.length - 1]?.offset ?? next) + 1n);
          try {
            then = await options.onBatch({ topic: batch.topic, partition: batch.partition, messages }, heartbeat);
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
        }
        timer.refresh();
        if (then === 'stop' || BigInt(batch.lastOffset()) >= last) {
          remaining.delete(key);
          // Nothing more of it is needed: its fetches would only be thrown away.
          if (then === 'stop') consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (remaining.size === 0) finish();
        }
      },
    });
    await running;
    // A group of its own has nothing committed: a partition read from past its first message is moved there (kafkajs applies a seek at the next fetch; one made before it is filtered out above).
    for (const [key, start] of starts) {
      if (!remaining.has(key)) continue;
      const at = key.lastIndexOf(':');
      consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset: start.toString() });
    }
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}
