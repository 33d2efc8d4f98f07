import type { EventCatalog, RecordedEvent } from '@eutf/event-sourcing';
import { fromKafkaMessage } from '@eutf/messaging';
import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { readForProjection } from './event.reader';
import type { Projection } from './projection.definition';
import { EventOutcome, foldEvent } from './projection.fold';
import type { ProjectionLogger } from './projection.logger';
import type { ProjectionMetrics } from './projection.metrics';
import { DocumentChange, ProjectionStore, ProjectionWriteConflictError } from './projection.store';

/** The messages of one partition that Kafka handed over at once. */
export interface ProjectionBatch {
  topic: string;
  partition: number;
  messages: readonly KafkaMessage[];
}

export interface ProjectionBatchProcessorDependencies<Doc extends object> {
  projection: Projection<Doc>;
  catalog: EventCatalog;
  store: Pick<ProjectionStore<Doc>, 'load' | 'save'>;
  deadLetters: Pick<DeadLetterPublisher, 'publish'>;
  metrics: ProjectionMetrics;
  logger: ProjectionLogger;
  now: () => number;
  /** Attempts at a batch whose documents another writer changed meanwhile. */
  maxWriteAttempts: number;
}

interface ReadableMessage {
  message: KafkaMessage;
  event: RecordedEvent;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What may be logged about an event: where it is and what it is, never its data. */
const logFieldsOf = (batch: ProjectionBatch, message: KafkaMessage, event?: RecordedEvent) => ({
  topic: batch.topic,
  partition: batch.partition,
  offset: message.offset,
  ...(event
    ? { eventId: event.eventId, eventType: event.type, streamId: event.streamId, streamVersion: event.streamVersion.toString() }
    : {}),
});

/**
 * Applies one Kafka batch to the read model:
 * 1. decode each message (CloudEvents) and upcast its data; what cannot be read is dead-lettered;
 * 2. load the documents the events concern, in one find;
 * 3. fold the events into them in order, in memory, through the version guard;
 * 4. write every changed document in one bulk write (again, from 2, if another writer got there first);
 * 5. send the dead letters and wait for the broker's acknowledgement.
 * It returns only once all of that is durable; the caller then commits the offsets.
 *
 * `heartbeat` is called between the phases: a batch of a large topic being rebuilt can take longer
 * than the consumer group's session, and a member that stays silent that long is dropped from the
 * group ("The coordinator is not aware of this member") and its batch is fetched again. kafkajs'
 * heartbeat only reaches the broker when one is due, so calling it often costs nothing.
 */
export class ProjectionBatchProcessor<Doc extends object> {
  constructor(private readonly deps: ProjectionBatchProcessorDependencies<Doc>) {}

  async process(batch: ProjectionBatch, heartbeat: () => Promise<void> = async () => undefined): Promise<void> {
    const { projection, metrics, logger } = this.deps;
    const deadLetters: DeadLetter[] = [];
    const readable: ReadableMessage[] = [];

    // 1. Decode and upcast
    for (const message of batch.messages) {
      let event: RecordedEvent;
      try {
        event = fromKafkaMessage(message);
      } catch (error) {
        deadLetters.push({ topic: batch.topic, partition: batch.partition, message, reason: `undecodable: ${messageOf(error)}` });
        continue;
      }
      try {
        readable.push({ message, event: readForProjection(projection, this.deps.catalog, event) });
      } catch (error) {
        deadLetters.push({ topic: batch.topic, partition: batch.partition, message, reason: `unreadable: ${messageOf(error)}` });
      }
    }

    await heartbeat();

    // 2.–4. Fold and write
    const outcomes = await this.applyAndWrite(readable, heartbeat);

    let lastApplied: RecordedEvent | undefined;
    const counts = { applied: 0, skipped: 0, ignored: 0 };
    outcomes.forEach((outcome, index) => {
      const { message, event } = readable[index] as ReadableMessage;
      if (outcome.kind === 'rejected') {
        deadLetters.push({ topic: batch.topic, partition: batch.partition, message, reason: outcome.reason });
        return;
      }
      counts[outcome.kind] += 1;
      if (outcome.kind === 'applied') lastApplied = event;
    });

    // 5. Dead letters, in the partition's order
    deadLetters.sort((a, b) => (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1));
    await this.deps.deadLetters.publish(deadLetters);
    await heartbeat();
    const eventOf = new Map(readable.map(({ message, event }) => [message, event]));
    for (const letter of deadLetters) {
      const fields = logFieldsOf(batch, letter.message, eventOf.get(letter.message));
      logger.warn({ projection: projection.name, reason: letter.reason, ...fields }, 'event dead-lettered');
    }

    metrics.count('applied', counts.applied);
    metrics.count('skipped', counts.skipped);
    metrics.count('ignored', counts.ignored);
    metrics.count('dead_lettered', deadLetters.length);
    if (lastApplied) metrics.recordLag(lastApplied.recordedAt, this.deps.now());
  }

  private async applyAndWrite(readable: readonly ReadableMessage[], heartbeat: () => Promise<void>): Promise<EventOutcome[]> {
    const { projection, store, logger, maxWriteAttempts } = this.deps;
    const documentIds = new Set<string>();
    for (const { event } of readable) {
      try {
        const documentId = projection.documentIdOf(event);
        if (documentId) documentIds.add(documentId);
      } catch {
        // The fold reports it, as the event's outcome.
      }
    }

    for (let attempt = 1; ; attempt += 1) {
      const documents = await store.load([...documentIds]);
      await heartbeat();
      const loadedRevisions = new Map([...documents].map(([id, tracked]) => [id, tracked.revision]));
      const outcomes = readable.map(({ event }) => foldEvent(projection, documents, event));
      const changes: DocumentChange<Doc>[] = [...documents]
        .filter(([id, tracked]) => tracked.revision !== (loadedRevisions.get(id) ?? 0n))
        .map(([documentId, document]) => ({ documentId, previousRevision: loadedRevisions.get(documentId) ?? 0n, document }));
      await heartbeat();
      try {
        await store.save(changes);
        await heartbeat();
        return outcomes;
      } catch (error) {
        if (!(error instanceof ProjectionWriteConflictError) || attempt >= maxWriteAttempts) throw error;
        // What this attempt wrote before the conflict is skipped by the guard next time round.
        logger.warn({ projection: projection.name, attempt }, 'write conflict; applying the batch again');
      }
    }
  }
}
