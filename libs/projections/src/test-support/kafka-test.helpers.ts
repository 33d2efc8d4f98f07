import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { toKafkaMessage } from '@eutf/messaging';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { ProjectionLogger } from '../projection.logger';

/** Polls until `probe` returns something other than undefined or false; fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function createTopic(admin: Admin, topic: string, partitions: number): Promise<void> {
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  if (!created) throw new Error(`Topic ${topic} already exists`);
}

/**
 * Waits until the group has committed every message of its topics. The runner commits only after
 * its bulk write and its dead letters are acknowledged, so from then on the read model is final.
 */
export function waitUntilCaughtUp(admin: Admin, groupId: string, topics: readonly string[]): Promise<true> {
  return eventually(`group ${groupId} to catch up`, async () => {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const { partition, high, low } of ends) {
        const offset = committed?.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1';
        const done = Number(offset) < 0 ? high === low : offset === high;
        if (!done) return false;
      }
    }
    return true;
  });
}

/** Reads a topic from its beginning into memory, for assertions on what was sent to it. */
export class TopicRecorder {
  readonly messages: KafkaMessage[] = [];
  readonly groupId = `test.recorder.${randomUUID()}`;
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.messages.push(message);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export const header = (message: KafkaMessage, name: string): string | undefined => {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
};

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(lines: LogLine[]): ProjectionLogger {
  return {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
}

/** Events as a consumer receives them from one partition, offsets from 0: a batch without a broker. */
export const asKafkaMessages = (events: readonly RecordedEvent[]): KafkaMessage[] =>
  events.map((event, index) => {
    const message = toKafkaMessage(event, 'urn:test');
    return {
      key: Buffer.from(String(message.key)),
      value: Buffer.from(String(message.value)),
      headers: message.headers ?? {},
      offset: String(index),
      timestamp: '0',
      attributes: 0,
    };
  });
