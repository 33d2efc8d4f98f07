import { Inject, Injectable } from '@nestjs/common';
import { everyContextCatalog } from '@eutf/event-catalog';
import { KAFKA, topicIn } from '@eutf/messaging';
import { InMemoryProjection, inMemoryProjectionReader, readTopicsFromStart, type Projection, type ProjectionReader } from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import { OneAtATime } from '../queries/one-at-a-time';
import { ReadModelQueries } from '../queries/read-model.queries';
import { READ_MODEL_PROJECTIONS, READ_MODELS_OPTIONS, type ReadModelsOptions } from './read-models.options';

/**
 * How far out of `recordedAt` order a topic may hold events: a partition holds them as their
 * transactions committed, each stamped when its transaction began; an hour is far longer than any
 * transaction of ours runs. A partition is read no further than this past the instant.
 */
const RECORDED_OUT_OF_ORDER_MS = 3_600_000;

/**
 * The read models as the system knew them at a past instant: every event recorded (`recordedAt`)
 * up to it, read from the topics from their beginning and folded in memory, batch by batch, by the very
 * projections that keep the live read models, then read by the same queries.
 *
 * Why the topics rather than an archive of our own: they keep every event forever, they are what
 * the live read models and their rebuilds are made from, and a second copy in MongoDB would be one
 * more thing that could disagree with them.
 */
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

@Injectable()
export class AsOfReadModels {
  private readonly catalog = everyContextCatalog();

  /** Folds run one at a time, as each holds every folded read model's documents in memory. */
  private readonly folding = new OneAtATime();
  /** The folds that requests are using now, shared by the requests of the same instant and read models. */
  private readonly shared = new Map<string, { folded: Promise<FoldedAsOf>; users: number }>();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsOptions,
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

  private foldAsOf(asOf: Date, projections: readonly Projection<object>[]): Promise<FoldedAsOf> {
    return this.folding.run(() => this.fold(asOf, projections));
  }

  private async fold(asOf: Date, projections: readonly Projection<object>[]): Promise<FoldedAsOf> {
    const until = asOf.getTime();
    const named = (topic: string) => topicIn(this.options.topicNamespace, topic);
    const folds = projections.map((projection) => ({ projection, topics: projection.topics.map(named), fold: new InMemoryProjection(projection, { catalog: this.catalog }) }));
    // Each batch is folded as it is read, so only the documents are held, never the whole log.
    const topics = [...new Set(folds.flatMap((fold) => fold.topics))];
    const read = await readTopicsFromStart(this.kafka, topics, {
      groupPrefix: `${this.options.consumerGroupPrefix}.as-of`,
      // Events recorded later are left out by their header, before they are decoded.
      recordedUpTo: { instant: until, recordedOutOfOrderMs: RECORDED_OUT_OF_ORDER_MS },
      onEvents: (topic, events) => {
        for (const { topics, fold } of folds) if (topics.includes(topic)) fold.fold(events);
      },
    });
    const folded = new Map<string, ProjectionReader<object>>(folds.map(({ projection, fold }) => [projection.name, inMemoryProjectionReader(fold.documents())]));
    const queries = new ReadModelQueries({
      // The queries take a reader of every read model; one not folded here fails when read, never answers from nothing.
      of: <Doc extends object>(projection: Projection<Doc>) => (folded.get(projection.name) ?? notFolded(projection.name)) as ProjectionReader<Doc>,
    });
    return { queries, settled: topics.every((topic) => read.pastInstant.has(topic)) };
  }
}
