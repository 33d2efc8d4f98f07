import type { Kafka } from 'kafkajs';
import type { TopicEnds } from './topic-history.reader';

/** Kafka's states of a group that no member is running. */
const IDLE_GROUP_STATES = new Set(['Empty', 'Dead']);

/**
 * Moves a consumer group's committed offsets, for all its topics at once. kafkajs'
 * `admin.setOffsets` takes one topic at a time and waits out a whole empty fetch (5 s) for each:
 * a projection of two topics paid 10 s at the end of every catch-up. Here one short-lived member
 * joins the group with every topic, paused, seeks each partition (kafkajs commits a seek with the
 * next fetch) and leaves once the broker holds every offset, read back to be sure.
 *
 * As with setOffsets, the group must have no running member: another replica's offsets are not
 * ours to move, and the caller then falls back on consuming.
 */
export async function moveGroupOffsets(kafka: Kafka, groupId: string, offsets: TopicEnds, { timeoutMs = 60_000 } = {}): Promise<void> {
  const topics = [...offsets.keys()];
  if (topics.length === 0) return;
  const admin = kafka.admin();
  // A fetch that finds every partition paused waits this long: short, since nothing is read.
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), member.connect()]);
  try {
    await member.subscribe({ topics, fromBeginning: true });
    const { state } = await member.describeGroup();
    if (!IDLE_GROUP_STATES.has(state)) throw new Error(`the consumer group ${groupId} must have no running member to move its offsets (it is ${state})`);
    const held = async () => {
      const committed = await admin.fetchOffsets({ groupId, topics });
      return committed.every(({ topic, partitions }) =>
        (offsets.get(topic) ?? []).every(({ partition, offset }) => partitions.find((candidate) => candidate.partition === partition)?.offset === offset),
      );
    };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the offsets of ${groupId} did not move within ${timeoutMs} ms`)), timeoutMs);
      let checking = false;
      member.on(member.events.FETCH, () => {
        if (checking) return;
        checking = true;
        held().then(
          (done) => {
            checking = false;
            if (!done) return;
            clearTimeout(timer);
            resolve();
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
      member.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
      // Nothing is to be read: the member is there to commit.
      member.pause(topics.map((topic) => ({ topic })));
      for (const [topic, partitions] of offsets) for (const { partition, offset } of partitions) member.seek({ topic, partition, offset });
    });
  } finally {
    await Promise.allSettled([member.disconnect(), admin.disconnect()]);
  }
}
