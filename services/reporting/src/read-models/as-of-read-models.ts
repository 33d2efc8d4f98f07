import { Inject, Injectable } from '@nestjs/common';
import { everyContextCatalog } from '@eutf/event-catalog';
import { KAFKA, topicIn } from '@eutf/messaging';
import { applyInMemory, inMemoryProjectionReader, readTopicsFromStart, type Projection, type ProjectionReader } from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import { ReadModelQueries } from '../queries/read-model.queries';
import { READ_MODEL_PROJECTIONS, READ_MODELS_OPTIONS, type ReadModelsOptions } from './read-models.options';

/**
 * The read models as the system knew them at a past instant: every event recorded (`recordedAt`)
 * up to it, read from the topics from their beginning and folded in memory by the very
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
    const topics = [...new Set(READ_MODEL_PROJECTIONS.flatMap((projection) => projection.topics.map(named)))];
    const events = await readTopicsFromStart(this.kafka, topics, {
      groupPrefix: `${this.options.consumerGroupPrefix}.as-of`,
      keep: (event) => Date.parse(event.recordedAt) <= until,
    });
    const folded = new Map<string, ProjectionReader<object>>();
    for (const projection of READ_MODEL_PROJECTIONS) {
      const ofItsTopics = projection.topics.flatMap((topic) => events.get(named(topic)) ?? []);
      folded.set(projection.name, inMemoryProjectionReader(applyInMemory(projection as Projection<object>, ofItsTopics, { catalog: this.catalog })));
    }
    return new ReadModelQueries({
      of: <Doc extends object>(projection: Projection<Doc>) => {
        const reader = folded.get(projection.name);
        if (!reader) throw new Error(`No read model ${projection.name} is folded as of a past instant`);
        return reader as ProjectionReader<Doc>;
      },
    });
  }
}
