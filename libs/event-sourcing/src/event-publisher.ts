import type { RecordedEvent } from './envelope';

/**
 * Where the relay sends committed events (Kafka in production). `publish` resolves only once the
 * broker has acknowledged every event, in the order given.
 */
export interface EventPublisher {
  publish(events: readonly RecordedEvent[]): Promise<void>;
}
