import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, requireFromRepo } from './paths.mjs';
import { log } from './process.mjs';

export const topicsFile = join(repoRoot, 'infra', 'kafka', 'topics.json');

function admin(brokers) {
  const { Kafka, logLevel } = requireFromRepo('kafkajs');
  const kafka = new Kafka({
    clientId: 'eutf-infra',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    retry: { retries: 0 },
  });
  return kafka.admin();
}

export async function kafkaReachable(brokers) {
  const client = admin(brokers);
  try {
    await client.connect();
    const cluster = await client.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await client.disconnect().catch(() => {});
  }
}

/**
 * Creates every topic of infra/kafka/topics.json that is missing (prefixed with EUTF_TOPIC_NAMESPACE
 * when it is set, as the services read it); existing ones are left as they are.
 */
export async function ensureTopics(brokers, namespace = process.env.EUTF_TOPIC_NAMESPACE) {
  const prefix = namespace ? `${namespace}.` : '';
  const topics = JSON.parse(readFileSync(topicsFile, 'utf8')).topics.map((topic) => ({ ...topic, name: `${prefix}${topic.name}` }));
  const client = admin(brokers);
  await client.connect();
  try {
    const existing = new Set(await client.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await client.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      log(`Kafka: created topics ${missing.map((topic) => topic.name).join(', ')}`);
    }
  } finally {
    await client.disconnect();
  }
}

/** Deletes the topics of a namespace, e.g. a benchmark run's own. */
export async function deleteTopics(brokers, namespace) {
  const prefix = `${namespace}.`;
  const client = admin(brokers);
  await client.connect();
  try {
    const topics = (await client.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await client.deleteTopics({ topics });
  } finally {
    await client.disconnect();
  }
}
