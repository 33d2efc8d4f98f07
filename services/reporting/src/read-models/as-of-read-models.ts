import { Inject, Injectable, Logger } from '@nestjs/common';
import { everyContextCatalog } from '@eutf/event-catalog';
import { KAFKA, topicIn } from '@eutf/messaging';
import {
  InMemoryProjection,
  inMemoryProjectionReader,
  OffsetPastEndError,
  readTopicPrefixes,
  readTopicsFromStart,
  type Projection,
  type ProjectionReader,
  type TopicOffsets,
  type TopicPrefixes,
} from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import { OneAtATime } from '../queries/one-at-a-time';
import { ReadModelQueries } from '../queries/read-model.queries';
import { AsOfCheckpoints, endsOf, modelsOf, UnreadableCheckpointError, type CheckpointRecord, type FoldedDocuments } from './as-of-checkpoints';
import { CONSOLIDATED_REPORT_READ_MODELS, READ_MODEL_PROJECTIONS, READ_MODELS_OPTIONS, type ReadModelsOptions } from './read-models.options';

/**
 * How far out of `recordedAt` order a topic may hold events: a partition holds them as their
 * transactions committed, each stamped when its transaction began; an hour is far longer than any
 * transaction of ours runs. A partition is read no further than this past the instant.
 */
const RECORDED_OUT_OF_ORDER_MS = 3_600_000;

/**
 * The read models folded as of an instant, and whether that answer is final: every topic showed an
 * event recorded well after the instant, so no event recorded up to it can still arrive (a relay
 * that was down, Kafka unreachable). Only a final answer may be kept; any other is folded again
 * when asked again.
 */
export interface FoldedAsOf {
  queries: ReadModelQueries;
  settled: boolean;
}

/** A reader of a read model left out of a fold: every read fails, naming it. */
function notFolded(name: string): ProjectionReader<object> {
  const refuse = () => Promise.reject(new Error(`No read model ${name} is folded as of this past instant`));
  return { get: refuse, getMany: refuse, find: refuse };
}

/**
 * The instants checkpoints are kept at: the last second of the 15th and of the last day of each
 * month (UTC). Half a month apart, so that a fold as of any instant folds half a month of events
 * at most after its checkpoint: with a checkpoint a month, bench:reports at 10,000 projects took
 * 2.7 s as of 20 days into June 2020, against 1.7-2.2 s just after a month end.
 */
const checkpointInstantsOf = (year: number, month: number) => [Date.UTC(year, month, 16) - 1000, Date.UTC(year, month + 1, 1) - 1000];

/** The first instant a checkpoint is kept at, at or after `instant`. */
export function checkpointInstantAtOrAfter(instant: number): number {
  const date = new Date(instant);
  const candidates = [0, 1].flatMap((months) => checkpointInstantsOf(date.getUTCFullYear(), date.getUTCMonth() + months));
  return candidates.find((candidate) => candidate >= instant) as number;
}

/** The last instant a checkpoint is kept at, at or before `instant`. */
export function checkpointInstantAtOrBefore(instant: number): number {
  const date = new Date(instant);
  const candidates = [-1, 0].flatMap((months) => checkpointInstantsOf(date.getUTCFullYear(), date.getUTCMonth() + months));
  return candidates.filter((candidate) => candidate <= instant).at(-1) as number;
}

/** A fold under way: each projection's in-memory documents and the topics that feed it. */
type Folds = Array<{ projection: Projection<object>; topics: string[]; fold: InMemoryProjection<object> }>;

/**
 * The read models as the system knew them at a past instant: every event recorded (`recordedAt`)
 * up to it, read from the topics and folded in memory, batch by batch, by the very projections
 * that keep the live read models, then read by the same queries.
 *
 * Why the topics rather than an archive of our own: they keep every event forever, they are what
 * the live read models and their rebuilds are made from, and a second copy of the events would be
 * one more thing that could disagree with them. What is kept beside them is a cache of folds: the
 * consolidated report's read models folded on the 15th and at the end of each month
 * (`AsOfCheckpoints`), from which a fold reads on the same topics, so that it folds half a month
 * of events at most rather than the whole history (at 10,000 projects, a million events: some 45 s).
 */
@Injectable()
export class AsOfReadModels {
  private readonly catalog = everyContextCatalog();
  private readonly logger = new Logger('AsOfReadModels');

  /** Folds run one at a time, as each holds every folded read model's documents in memory; a checkpoint is made one at a time between them. */
  private readonly folding = new OneAtATime();
  /** The folds that requests are using now, shared by the requests of the same instant and read models. */
  private readonly shared = new Map<string, { folded: Promise<FoldedAsOf>; users: number }>();
  private stopped = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsOptions,
    private readonly checkpoints: AsOfCheckpoints,
  ) {}

  /**
   * Runs `use` over the queries as of `asOf`, and says whether its answer is final (`settled`).
   * Only `projections` are folded: a query reading another fails, never answers from nothing.
   * Requests for the same instant and read models at the same time share one fold, which is let go
   * once the last of them is done.
   */
  async withQueriesAsOf<T>(asOf: Date, use: (queries: ReadModelQueries) => Promise<T>, projections: readonly Projection<object>[] = READ_MODEL_PROJECTIONS): Promise<{ answer: T; settled: boolean }> {
    const at = `${asOf.getTime()} ${projections.map((projection) => projection.name).join(',')}`;
    let fold = this.shared.get(at);
    if (!fold) {
      fold = { folded: this.foldAsOf(asOf, projections), users: 0 };
      this.shared.set(at, fold);
    }
    fold.users += 1;
    try {
      const { queries, settled } = await fold.folded;
      return { answer: await use(queries), settled };
    } finally {
      fold.users -= 1;
      if (fold.users === 0 && this.shared.get(at) === fold) this.shared.delete(at);
    }
  }

  /** The queries of the live read models (or of `projections` only), answered over the events recorded up to `asOf` (inclusive). */
  async queriesAsOf(asOf: Date, projections: readonly Projection<object>[] = READ_MODEL_PROJECTIONS): Promise<ReadModelQueries> {
    return (await this.foldAsOf(asOf, projections)).queries;
  }

  /**
   * The documents of `projections` folded over the events recorded up to `asOf`: from the latest
   * checkpoint at or before it where one of these read models is kept (unless `fromCheckpoint` is
   * false), else from the start of the topics. Either way the same events in each partition's order.
   */
  async documentsAsOf(asOf: Date, projections: readonly Projection<object>[], { fromCheckpoint = true } = {}): Promise<{ documents: ReadonlyMap<string, ReadonlyMap<string, object>>; settled: boolean; checkpoint: CheckpointRecord | undefined }> {
    return this.folding.run(async () => {
      const { folds, settled, checkpoint } = await this.fold(asOf.getTime(), projections, fromCheckpoint);
      return { documents: new Map(folds.map(({ projection, fold }) => [projection.name, fold.documents()])), settled, checkpoint };
    });
  }

  private foldAsOf(asOf: Date, projections: readonly Projection<object>[]): Promise<FoldedAsOf> {
    return this.folding.run(async () => {
      const { folds, settled } = await this.fold(asOf.getTime(), projections, true);
      const folded = new Map<string, ProjectionReader<object>>(folds.map(({ projection, fold }) => [projection.name, inMemoryProjectionReader(fold.documents())]));
      const queries = new ReadModelQueries({
        // The queries take a reader of every read model; one not folded here fails when read, never answers from nothing.
        of: <Doc extends object>(projection: Projection<Doc>) => (folded.get(projection.name) ?? notFolded(projection.name)) as ProjectionReader<Doc>,
      });
      return { queries, settled };
    });
  }

  private foldsOf(projections: readonly Projection<object>[], from?: FoldedDocuments): Folds {
    const named = (topic: string) => topicIn(this.options.topicNamespace, topic);
    return projections.map((projection) => ({
      projection,
      topics: projection.topics.map(named),
      fold: new InMemoryProjection(projection, { catalog: this.catalog }, from?.get(projection.name) ?? []),
    }));
  }

  private readonly topicsOf = (folds: Folds) => [...new Set(folds.flatMap((fold) => fold.topics))];
  private readonly feed = (folds: Folds) => (topic: string, events: Parameters<InMemoryProjection<object>['fold']>[0]) => {
    for (const { topics, fold } of folds) if (topics.includes(topic)) fold.fold(events);
  };

  private async fold(until: number, projections: readonly Projection<object>[], fromCheckpoint: boolean): Promise<{ folds: Folds; settled: boolean; checkpoint: CheckpointRecord | undefined }> {
    const checkpoint = fromCheckpoint ? await this.checkpoints.latest(modelsOf(projections), until) : undefined;
    if (checkpoint) {
      try {
        return { ...(await this.foldFrom(until, projections, checkpoint)), checkpoint };
      } catch (error) {
        // A checkpoint is a cache: one that cannot be read, or no longer fits the topics, is passed over and dropped, to be made again.
        this.logger.warn({ checkpoint: checkpoint._id, reason: (error as Error).message }, 'checkpoint passed over; folding from the start of the topics');
        if (error instanceof UnreadableCheckpointError) await this.checkpoints.dropUnreadable(checkpoint).catch(() => undefined);
        if (error instanceof OffsetPastEndError) await this.checkpoints.drop(checkpoint.models).catch(() => undefined);
      }
    }
    return { ...(await this.foldFrom(until, projections, undefined)), checkpoint: undefined };
  }

  private async foldFrom(until: number, projections: readonly Projection<object>[], checkpoint: CheckpointRecord | undefined): Promise<{ folds: Folds; settled: boolean }> {
    const startedAt = performance.now();
    const folds = this.foldsOf(projections, checkpoint ? await this.checkpoints.load(checkpoint) : undefined);
    const loadedAt = performance.now();
    // Each batch is folded as it is read, so only the documents are held, never the whole log.
    const topics = this.topicsOf(folds);
    const read = await readTopicsFromStart(this.kafka, topics, {
      groupPrefix: `${this.options.consumerGroupPrefix}.as-of`,
      // Events recorded later are left out by their header, before they are decoded.
      recordedUpTo: { instant: until, recordedOutOfOrderMs: RECORDED_OUT_OF_ORDER_MS },
      startAt: checkpoint ? endsOf(checkpoint) : undefined,
      onEvents: this.feed(folds),
    });
    const settled = topics.every((topic) => read.pastInstant.has(topic));
    // What an operator needs to see why a report as of an instant took the time it took.
    this.logger.log(
      { asOf: new Date(until).toISOString(), checkpoint: checkpoint?.upTo.toISOString() ?? null, loadMs: Math.round(loadedAt - startedAt), events: read.events, readMs: Math.round(performance.now() - loadedAt), settled },
      'folded as of a past instant',
    );
    return { folds, settled };
  }

  /**
   * Carries the checkpoints of `projections` (the consolidated report's read models) on to the
   * last checkpoint instant an hour or more ago: one at each such instant (the 15th, the month's
   * end) the history holds events before, each folded from the one before, one a step, between
   * the folds that requests wait for.
   * Returns how many it stored.
   */
  async extendCheckpoints(now = Date.now(), projections: readonly Projection<object>[] = CONSOLIDATED_REPORT_READ_MODELS): Promise<number> {
    try {
      return await this.carryCheckpointsOn(now, projections);
    } catch (error) {
      if (!(error instanceof OffsetPastEndError || error instanceof UnreadableCheckpointError)) throw error;
      // The last checkpoint cannot be carried on (its offsets lie past a partition's end, a topic made again; or it cannot be read): all are made again from the start.
      this.logger.warn({ reason: error.message }, 'checkpoints dropped, to be made again from the start of the topics');
      await this.checkpoints.drop(modelsOf(projections));
      return this.carryCheckpointsOn(now, projections);
    }
  }

  private async carryCheckpointsOn(now: number, projections: readonly Projection<object>[]): Promise<number> {
    const until = checkpointInstantAtOrBefore(now - RECORDED_OUT_OF_ORDER_MS);
    const models = modelsOf(projections);
    const previous = await this.checkpoints.latest(models);
    if (previous && previous.upTo.getTime() >= until) return 0;
    const folds = this.foldsOf(projections, previous ? await this.folding.run(() => this.checkpoints.load(previous)) : undefined);
    const topics = this.topicsOf(folds);
    let startAt: TopicOffsets | undefined = previous ? endsOf(previous) : undefined;
    let unchangedSince = previous;
    let storedUpTo = previous?.upTo.getTime() ?? Number.NEGATIVE_INFINITY;
    // First where the last checkpoint left off (or before anything was recorded): what was recorded since tells where the next checkpoint is.
    let upTo = previous ? previous.upTo.getTime() : -1;
    let stored = 0;
    while (!this.stopped) {
      // A step (half a month read, folded and stored) runs between folds, never beside one: both hold many documents at once.
      const read: TopicPrefixes = await this.folding.run(async () => {
        const prefixes = await readTopicPrefixes(this.kafka, topics, { groupPrefix: `${this.options.consumerGroupPrefix}.as-of-checkpoint`, startAt, recordedUpTo: upTo, onEvents: this.feed(folds) });
        if (prefixes.events > 0) unchangedSince = undefined;
        const folded: FoldedDocuments = new Map(folds.map(({ projection, fold }) => [projection.name, fold.trackedDocuments()]));
        if (upTo > storedUpTo && [...folded.values()].some((documents) => documents.size > 0)) {
          unchangedSince = await this.checkpoints.save({ models, upTo, ends: prefixes.ends, nextRecordedAt: prefixes.nextRecordedAt, folded, unchangedSince });
          storedUpTo = upTo;
          stored += 1;
        }
        return prefixes;
      });
      startAt = read.ends;
      // The checkpoint instant of the next event recorded, or the last one when every partition was read to its end.
      const next = read.nextRecordedAt === undefined ? until : checkpointInstantAtOrAfter(read.nextRecordedAt);
      if (next > until || next <= upTo) break;
      upTo = next;
    }
    return stored;
  }

  /** Stops carrying checkpoints on after the step under way. */
  stop(): void {
    this.stopped = true;
  }
}
