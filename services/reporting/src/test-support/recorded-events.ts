import { randomUUID } from 'node:crypto';
import { everyContextCatalog } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { toKafkaMessage } from '@eutf/messaging';
import type { Kafka, Producer } from 'kafkajs';

const catalog = everyContextCatalog();

/**
 * Records events as a command service's store and relay would: each stream numbered from 1, each
 * event stamped `recordedAt` with the clock when it is written, and sent to its topic keyed by its
 * stream. Each event is 1 ms after the previous one, so a test can name the instant between two.
 */
export class EventRecorder {
  private readonly versions = new Map<string, bigint>();
  private position = 0n;
  private lastRecordedAt = 0;
  private producer: Producer | undefined;

  constructor(private readonly kafka: Kafka) {}

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer?.disconnect() ?? Promise.resolve();
  }

  /** Writes the events in order, one by one, and answers them as recorded. */
  async record(topic: string, events: ReadonlyArray<{ streamId: string; type: string; data: unknown }>): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    for (const { streamId, type, data } of events) {
      const streamVersion = (this.versions.get(streamId) ?? 0n) + 1n;
      this.versions.set(streamId, streamVersion);
      this.position += 1n;
      const now = Math.max(Date.now(), this.lastRecordedAt + 1);
      // Wait for the clock to pass the stamp, so "now" after a write is never before it.
      while (Date.now() <= now) await new Promise((done) => setTimeout(done, 1));
      this.lastRecordedAt = now;
      const event: RecordedEvent = {
        eventId: randomUUID(),
        type,
        schemaVersion: catalog.get(type).currentVersion,
        data,
        occurredAt: new Date(now).toISOString(),
        recordedAt: new Date(now).toISOString(),
        streamId,
        streamVersion,
        position: { commit: this.position, prepare: this.position },
        metadata: { actor: { subject: 'test', role: 'delegation-officer', country: 'ML' }, correlationId: randomUUID(), causationId: null },
      };
      await this.producer?.send({ topic, acks: -1, messages: [toKafkaMessage(event, 'test')] });
      recorded.push(event);
    }
    return recorded;
  }
}
