import type { EventPublisher, RecordedEvent } from '@eutf/event-sourcing';
import type { Kafka, Producer } from 'kafkajs';
import { toKafkaMessage } from './cloudevents';
import { producerConfig } from './kafka-client';

/**
 * Publishes recorded events to one topic as CloudEvents, keyed by stream id. The producer is
 * idempotent with one request in flight, and every send waits for all in-sync replicas
 * (acks=all), so a resolved publish means the broker has every event, in order.
 */
export class KafkaEventPublisher implements EventPublisher {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    /** CloudEvents `source`: which service's store the events come from. */
    private readonly source: string,
  ) {}

  async publish(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.producer) {
      const producer = this.kafka.producer(producerConfig);
      await producer.connect();
      this.producer = producer;
    }
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: events.map((event) => toKafkaMessage(event, this.source)),
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
