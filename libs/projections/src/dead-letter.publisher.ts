import { producerConfig } from '@eutf/messaging';
import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';

/** The headers a dead letter carries on top of the original message's own. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-dead-letter-reason',
  projection: 'x-dead-letter-projection',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
}

/**
 * Sends the messages a projection could not apply to the dead-letter topic: the original key, value
 * and headers, unchanged, so the event can be read, fixed and replayed, plus where it came from and
 * why. Idempotent producer, acknowledged by all in-sync replicas, and awaited: the consumer commits
 * its offset only once the dead letter is safely stored, so an event is never silently dropped.
 */
export class DeadLetterPublisher {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly projectionName: string,
  ) {
    this.producer = kafka.producer(producerConfig);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map(({ topic, partition, message, reason }) => {
        const headers: IHeaders = {
          ...message.headers,
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.projection]: this.projectionName,
          [DEAD_LETTER_HEADERS.originalTopic]: topic,
          [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
          [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
        };
        return { key: message.key, value: message.value, headers };
      }),
    });
  }
}
