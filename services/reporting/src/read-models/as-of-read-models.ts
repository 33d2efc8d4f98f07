import { Inject, Injectable } from '@nestjs/common';
import { everyContextCatalog } from '@eutf/event-catalog';
import { KAFKA, topicIn } from '@eutf/messaging';
import { InMemoryProjection, inMemoryProjectionReader, readTopicsFromStart, type Projection, type ProjectionReader } from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import { ReadModelQueries } from '../queries/read-model.queries';
import { READ_MODEL_PROJECTIONS, READ_MODELS_OPTIONS, type ReadModelsOptions } from './read-models.options';

/**
 * The read models as the system knew them at a past instant: every event recorded (`recordedAt`)
 * up to it, read from the topics from their beginning and folded in memory, batch by batch, by the very
 * projections that keep the live read models, then read by the same queries.
 *
 * Why the topics rather than an archive of our own: they keep every event forever, they are what
 * the live read models and their rebuilds are made from, and a second copy in MongoDB would be one
 * more thing that could disagree with them.
 */
@Injectable()
export class AsOfReadModels {
  private readonly catalog = everyContextCatalog();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsOptions,
  ) {}

  /** The queries of the live read models, answered over the events recorded up to `asOf` (inclusive). */
  async queriesAsOf(asOf: Date): Promise<ReadModelQueries> {
    const until = asOf.getTime();
    const named = (topic: string) => topicIn(this.options.topicNamespace, topic);
    const folds = READ_MODEL_PROJECTIONS.map((projection) => ({ projection, topics: projection.topics.map(named), fold: new InMemoryProjection(projection, { catalog: this.catalog }) }));
    // Each batch is folded as it is read, so only the documents are held, never the whole log.
    await readTopicsFromStart(this.kafka, [...new Set(folds.flatMap(({ topics }) => topics))], {
      groupPrefix: `${this.options.consumerGroupPrefix}.as-of`,
      onEvents: (topic, events) => {
        const known = events.filter((event) => Date.parse(event.recordedAt) <= until);
        for (const { topics, fold } of folds) if (topics.includes(topic)) fold.fold(known);
      },
    });
    const folded = new Map<string, ProjectionReader<object>>(folds.map(({ projection, fold }) => [projection.name, inMemoryProjectionReader(fold.documents())]));
    return new ReadModelQueries({
      of: <Doc extends object>(projection: Projection<Doc>) => {
        const reader = folded.get(projection.name);
        if (!reader) throw new Error(`No read model ${projection.name} is folded as of a past instant`);
        return reader as ProjectionReader<Doc>;
      },
    });
  }
}
