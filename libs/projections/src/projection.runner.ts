import type { EventCatalog } from '@eutf/event-sourcing';
import { REPORTING_DEAD_LETTER_TOPIC, topicIn } from '@eutf/messaging';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { ProjectionBatchProcessor } from './projection-batch.processor';
import { CatchUpDocuments } from './catch-up.documents';
import { moveGroupOffsets } from './group-offsets';
import type { Projection } from './projection.definition';
import { ProjectionLogger, defaultProjectionLogger } from './projection.logger';
import { ProjectionMetrics } from './projection.metrics';
import type { ProjectionStore } from './projection.store';
import { readPartitionsToEnd, type PartitionBatch, type TopicEnds } from './topic-history.reader';

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
  /**
   * Whether a rebuild, and a start with nothing committed yet, fold the topics in memory first
   * (default true): see `catchUpInMemory`. Off, they consume batch by batch from the first offset.
   */
  catchUpInMemory?: boolean;
  /** How long reading the topics for a catch-up may take before it gives up (default 30 minutes). */
  catchUpTimeoutMs?: number;
}

/** Documents written per bulk operation when a catch-up stores what it folded. */
const CATCH_UP_WRITE_CHUNK = 1_000;

/** The most bytes of events a batch of one partition holds (kafkajs' default too; named because the rebuild rate depends on it). */
const PROJECTION_BATCH_BYTES = 1024 * 1024;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One projection's part in a catch-up in memory (`ProjectionRunner.catchUp`). */
export interface CatchUp {
  topics: readonly string[];
  apply: (batch: PartitionBatch, heartbeat: () => Promise<void>) => Promise<void>;
  finish: (ends: TopicEnds) => Promise<void>;
  giveUp: (error: unknown) => void;
}

/**
 * Reads the union of the catch-ups' topics once, to the end each partition has now, handing every
 * batch to each catch-up that reads its topic, then finishes each. A service's projections often
 * share a topic (four of reporting's read the projects topic): read once, its records are fetched
 * and decoded by Kafka's client once instead of once per projection. Throws if the read fails (or
 * the finish of a lone catch-up); of several, one whose finish fails is given up alone.
 */
async function catchUpTogether(kafka: Kafka, catchUps: readonly CatchUp[], options: { groupPrefix?: string; timeoutMs?: number } = {}): Promise<void> {
  const topics = [...new Set(catchUps.flatMap((catchUp) => catchUp.topics))];
  const ends = await readPartitionsToEnd(kafka, topics, {
    groupPrefix: options.groupPrefix ?? 'eutf.catch-up',
    timeoutMs: options.timeoutMs ?? 30 * 60_000,
    onBatch: async (batch, heartbeat) => {
      for (const catchUp of catchUps) if (catchUp.topics.includes(batch.topic)) await catchUp.apply(batch, heartbeat);
      return 'continue' as const;
    },
  });
  if (catchUps.length === 1) return catchUps[0]?.finish(ends);
  // Together: moving a group's offsets waits out one empty fetch of kafkajs' (5 s), which need not be paid once per projection.
  await Promise.all(catchUps.map((catchUp) => catchUp.finish(ends).catch((error: unknown) => catchUp.giveUp(error))));
}

/** What starting a runner takes, whatever its documents are. */
export type StartableRunner = Pick<ProjectionRunner<object>, 'prepareToStart' | 'catchUp' | 'consume' | 'kafka' | 'catchUpGroupPrefix' | 'catchUpTimeoutMs'>;

/**
 * Starts runners (of one Kafka client) together: those whose groups have committed nothing catch
 * up in memory first, reading their topics once between them; then every one consumes from its
 * committed offsets. A catch-up that gives up leaves its runner to consume from the first offset.
 */
export async function startProjectionRunners(runners: readonly StartableRunner[]): Promise<void> {
  const [first] = runners;
  if (!first) return;
  const catchingUp: StartableRunner[] = [];
  for (const runner of runners) if ((await runner.prepareToStart()).catchesUp) catchingUp.push(runner);
  if (catchingUp.length > 0) {
    const catchUps = catchingUp.map((runner) => runner.catchUp({ replace: false }));
    await catchUpTogether(first.kafka, catchUps, { groupPrefix: first.catchUpGroupPrefix, timeoutMs: first.catchUpTimeoutMs }).catch((error: unknown) => {
      for (const catchUp of catchUps) catchUp.giveUp(error);
    });
  }
  for (const runner of runners) await runner.consume();
}

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
  private readonly metrics: ProjectionMetrics;
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
    this.metrics = new ProjectionMetrics(options.projection.name, options.registry);
    this.processor = this.processorOver(this.store);
  }

  /** The one way a batch is applied, over the store or over documents held in memory. */
  private processorOver(store: Pick<ProjectionStore<Doc>, 'load' | 'save'>): ProjectionBatchProcessor<Doc> {
    return new ProjectionBatchProcessor({
      projection: this.options.projection,
      catalog: this.options.catalog,
      store,
      deadLetters: this.deadLetters,
      metrics: this.metrics,
      logger: this.logger,
      now: this.options.now ?? Date.now,
      maxWriteAttempts: this.options.maxWriteAttempts ?? 3,
    });
  }

  /**
   * Joins the consumer group and consumes from the committed offsets. The first time (nothing
   * committed), it first catches up in memory, then consumes from where that ended. Runners of one
   * service start together with `startProjectionRunners`, so that they read their topics once.
   */
  async start(): Promise<void> {
    await startProjectionRunners([this]);
  }

  /** What starting needs before any catch-up: the store's indexes and the dead-letter producer; whether this runner must catch up first. */
  async prepareToStart(): Promise<{ running: boolean; catchesUp: boolean }> {
    if (this.consumer) return { running: true, catchesUp: false };
    await this.store.prepare();
    await this.connectDeadLetters();
    return { running: false, catchesUp: this.catchesUpInMemory() && !(await this.hasCommittedOffsets()) };
  }

  /** Consumes from the committed offsets (after a catch-up, from where it stopped). */
  async consume(): Promise<void> {
    if (this.consumer) return;
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
   * 2. catch up in memory: fold the topics to their present end, drop the documents, write the
   *    folded ones, move the group's offsets to those ends;
   * 3. consume again from there. Since documents follow from the events alone, they end as the
   *    first build left them.
   * If the catch-up gives up (a topic unreadable for 30 minutes, a write refused), the rebuild goes
   * the slow way: offsets to the start of every partition, documents dropped, consumed batch by batch.
   */
  async rebuild(): Promise<void> {
    this.logger.info({ projection: this.projection.name }, 'projection rebuild started');
    await this.stopConsuming();
    try {
      if (this.catchesUpInMemory()) {
        await this.connectDeadLetters();
        try {
          await catchUpTogether(this.kafka, [this.catchUp({ replace: true })], { groupPrefix: this.catchUpGroupPrefix, timeoutMs: this.catchUpTimeoutMs });
          return;
        } catch (error) {
          this.logger.warn({ projection: this.projection.name, reason: messageOf(error) }, 'catch-up in memory gave up; rebuilding from the first offset');
        }
      }
      await this.resetOffsetsToEarliest();
      await this.store.drop();
    } finally {
      await this.start();
    }
  }

  /**
   * A catch-up in memory of this projection: fed every batch of its topics up to the end each
   * partition has now (`catchUpTogether` reads them), it folds them through the same batch
   * processor as live (same decoding, guard and dead letters) into documents held in memory; then
   * `finish` writes the documents in bulk and moves the group's offsets to those ends. Each
   * document is written once however many events it took, instead of once per batch that touched
   * it: what makes a rebuild fast. With `replace`, the read model is dropped first; without, a
   * document already there is a write conflict, and the caller consumes from the first offset.
   *
   * The group must have no member while its offsets move, as for a rebuild: with another replica
   * running, moving them fails and the caller falls back on consuming, which the guard keeps right.
   */
  catchUp({ replace }: { replace: boolean }): CatchUp {
    const startedAt = Date.now();
    const documents = new CatchUpDocuments<Doc>();
    const processor = this.processorOver(documents);
    const topics = this.topics();
    let events = 0;
    return {
      topics,
      apply: async (batch, heartbeat) => {
        events += batch.messages.length;
        await processor.process(batch, heartbeat);
      },
      finish: async (ends) => {
        const foldedAt = Date.now();
        if (replace) await this.store.drop();
        await this.store.prepare();
        for (const changes of documents.changes(CATCH_UP_WRITE_CHUNK)) await this.store.save(changes);
        await this.commitEnds(new Map(topics.map((topic) => [topic, ends.get(topic) ?? []])));
        this.logger.info(
          { projection: this.projection.name, events, documents: documents.size, foldSeconds: (foldedAt - startedAt) / 1000, writeSeconds: (Date.now() - foldedAt) / 1000 },
          'projection caught up in memory',
        );
      },
      giveUp: (error) =>
        this.logger.warn({ projection: this.projection.name, reason: messageOf(error) }, 'catch-up in memory gave up; consuming from the first offset'),
    };
  }

  get kafka(): Kafka {
    return this.options.kafka;
  }

  /** The short-lived groups of its catch-ups are `<groupId>.catch-up.<uuid>`. */
  get catchUpGroupPrefix(): string {
    return `${this.options.groupId}.catch-up`;
  }

  get catchUpTimeoutMs(): number {
    return this.options.catchUpTimeoutMs ?? 30 * 60_000;
  }

  private catchesUpInMemory(): boolean {
    return this.options.catchUpInMemory ?? true;
  }

  private async connectDeadLetters(): Promise<void> {
    if (this.producerConnected) return;
    await this.deadLetters.connect();
    this.producerConnected = true;
  }

  private async hasCommittedOffsets(): Promise<boolean> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: this.topics() });
      return committed.some(({ partitions }) => partitions.some(({ offset }) => Number(offset) >= 0));
    } finally {
      await admin.disconnect();
    }
  }

  private async commitEnds(ends: TopicEnds): Promise<void> {
    await moveGroupOffsets(this.options.kafka, this.options.groupId, ends);
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
    const earliest = new Map<string, Array<{ partition: number; offset: string }>>();
    try {
      for (const topic of this.topics()) earliest.set(topic, (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low })));
    } finally {
      await admin.disconnect();
    }
    await moveGroupOffsets(this.options.kafka, this.options.groupId, earliest);
  }
}
