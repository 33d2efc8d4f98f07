import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const root = resolve(__dirname, '../../..');

interface TopicSpec {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

const adminOf = (brokers: string) =>
  new Kafka({ clientId: 'eutf-test-topics', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();

/**
 * Creates every topic of infra/kafka/topics.json under `namespace.` (as the services name them when
 * `EUTF_TOPIC_NAMESPACE` is set). A suite that runs the services as processes gets a topic set of
 * its own this way: suites sharing one topic would share stream ids too, and one suite's projection
 * would skip another's events as already applied.
 */
export async function createTopicNamespace(brokers: string, namespace: string): Promise<string[]> {
  const { topics } = JSON.parse(readFileSync(join(root, 'infra', 'kafka', 'topics.json'), 'utf8')) as { topics: TopicSpec[] };
  const admin = adminOf(brokers);
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic: `${namespace}.${topic.name}`,
        numPartitions: topic.partitions,
        configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return topics.map((topic) => `${namespace}.${topic.name}`);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics a suite created with {@link createTopicNamespace}. */
export async function deleteTopicNamespace(brokers: string, namespace: string): Promise<void> {
  const admin = adminOf(brokers);
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
