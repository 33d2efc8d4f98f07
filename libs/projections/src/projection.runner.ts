import type { EventCatalog } from '@eutf/event-sourcing';
import { REPORTING_DEAD_LETTER_TOPIC, topicIn } from '@eutf/messaging';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { ProjectionBatchProcessor } from './projection-batch.processor';
import type { Projection } from './projection.definition';
import { ProjectionLogger, defaultProjectionLogger } from './projection.logger';
import { ProjectionMetrics } from './projection.metrics';
import type { ProjectionStore } from './projection.store';

export interface ProjectionRunnerOptions<Doc extends object> {
  projection: Projection<Doc>;
  kafka: Kafka;
  /** Where its documents live (`mongoProjectionStores(connection).of(projection)`, or PostgreSQL's). */
  store: ProjectionStore<Doc>;
  catalog: EventCatalog;
  /** The consumer group: one per projection, shared by the replicas that run it. */
  groupId: string;
  /** Prefixes the projection's topics and the default dead-letter topic (`EUTF_TOPIC_NAMESPACE`). */
  topicNamespace?: string;
  /** Defaults to REPORTING_DEAD_LETTER_TOPIC, in the namespace. */
  deadLetterTopic?: string;
  /** Defaults to prom-client's global registry. */
  registry?: Registry;
  logger?: ProjectionLogger;
  /** The level of the default logger (the service's `LOG_LEVEL`). */
  logLevel?: string;
  /** Milliseconds since the epoch; the lag metric's clock. */
  now?: () => number;
  /** Tuning for the kafkajs consumer (the group id and topic creation are not negotiable). */
  consumer?: Partial<Omit<ConsumerConfig, 'groupId' | 'allowAutoTopicCreation'>>;
  /** Attempts at a batch whose documents another writer changed meanwhile (default 3). */
  maxWriteAttempts?: number;
}

/** The most bytes of events a batch of one partition holds (kafkajs' default too; named because the rebuild rate depends on it). */
const PROJECTION_BATCH_BYTES = 1024 * 1024;

/**
 * Keeps a projection's read model up to date from Kafka, and rebuilds it on demand.
 *
 * Why kafkajs directly rather than NestJS' Kafka transport (`@EventPattern`): the transport hands
 * over one message at a time and commits offsets on its own. A projection needs the whole batch
 * (one find and one bulk write per batch), must commit only after that write and the dead letters
 * are acknowledged, and must stop, reset and replay its group for a rebuild. Only batch-level
 * control of offsets gives that.
 */
export class ProjectionRunner<Doc extends object> {
  private readonly projection: Projection<Doc>;
  private readonly store: ProjectionStore<Doc>;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly processor: ProjectionBatchProcessor<Doc>;
  private readonly logger: ProjectionLogger;
  private consumer: Consumer | undefined;
  private producerConnected = false;

  constructor(private readonly options: ProjectionRunnerOptions<Doc>) {
    this.projection = options.projection;
    this.logger = options.logger ?? defaultProjectionLogger(options.projection.name, options.logLevel);
    this.store = options.store;
    this.deadLetters = new DeadLetterPublisher(
      options.kafka,
      options.deadLetterTopic ?? topicIn(options.topicNamespace, REPORTING_DEAD_LETTER_TOPIC),
      options.projection.name,
    );
    this.processor = new ProjectionBatchProcessor({
      projection: options.projection,
      catalog: options.catalog,
      store: this.store,
      deadLetters: this.deadLetters,
      metrics: new ProjectionMetrics(options.projection.name, options.registry),
      logger: this.logger,
      now: options.now ?? Date.now,
      maxWriteAttempts: options.maxWriteAttempts ?? 3,
    });
  }

  /** Joins the consumer group and consumes from the committed offsets (from the beginning, the first time). */
  async start(): Promise<void> {
    if (this.consumer) return;
    await this.store.prepare();
    if (!this.producerConnected) {
      await this.deadLetters.connect();
      this.producerConnected = true;
    }
    const consumer = this.options.kafka.consumer({
      // An idle fetch waits at most this long, and so does stop(), which lets the fetch in hand finish.
      maxWaitTimeInMs: 1_000,
      // A batch is one find and one bulk write, each growing with its documents, with heartbeats
      // between them: 1 MiB of events (about 2,400 of ours) per partition keeps each phase well
      // inside the 30 s session while every projection of the service rebuilds at once. Smaller
      // batches fold fewer events into each document they write: with 512 KiB, bench:reports
      // (1,000 projects) took 200 s to apply three quarters of its events, with 1 MiB 102 s.
      maxBytesPerPartition: PROJECTION_BATCH_BYTES,
      maxBytes: 4 * PROJECTION_BATCH_BYTES,
      ...this.options.consumer,
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.logger.error(
        { projection: this.projection.name, error: payload.error.name, reason: payload.error.message, restart: payload.restart },
        'projection consumer crashed',
      ),
    );
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics(), fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.onBatch(payload) });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
    this.logger.info({ projection: this.projection.name, groupId: this.options.groupId }, 'projection started');
  }

  /** Finishes the batch in hand (its write and its commit), leaves the group and disconnects. */
  async stop(): Promise<void> {
    await this.stopConsuming();
    if (this.producerConnected) {
      await this.deadLetters.disconnect();
      this.producerConnected = false;
    }
    this.logger.info({ projection: this.projection.name }, 'projection stopped');
  }

  /**
   * Throws the read model away and builds it again from the first event of its topics:
   * 1. stop consuming (the group must then have no member: kafkajs refuses to move the offsets of a
   *    group that another replica is still running, and the rebuild then resumes without dropping);
   * 2. move the group's offsets to the start of every partition of its topics;
   * 3. drop its documents;
   * 4. consume again. Since documents follow from the events alone, they end as the first build left them.
   */
  async rebuild(): Promise<void> {
    this.logger.info({ projection: this.projection.name }, 'projection rebuild started');
    await this.stopConsuming();
    try {
      await this.resetOffsetsToEarliest();
      await this.store.drop();
    } finally {
      await this.start();
    }
  }

  private async onBatch({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const last = batch.messages[batch.messages.length - 1];
    if (!last || !isRunning() || isStale()) return;
    await this.processor.process(batch, heartbeat);
    // A seek since the batch was fetched (a rebalance): what was written stays, as the guard makes
    // a second pass harmless, but the offset is for the new position to decide.
    if (isStale()) return;
    resolveOffset(last.offset);
    // With autoCommit off, commitOffsetsIfNecessary() without arguments never commits: name the offset.
    const next = (BigInt(last.offset) + 1n).toString();
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    await heartbeat();
  }

  private async stopConsuming(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  /** The projection's topics as the broker names them. */
  private topics(): string[] {
    return this.projection.topics.map((topic) => topicIn(this.options.topicNamespace, topic));
  }

  private async resetOffsetsToEarliest(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      for (const topic of this.topics()) {
        const partitions = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId: this.options.groupId,
          topic,
          partitions: partitions.map(({ partition, low }) => ({ partition, offset: low })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }
}
