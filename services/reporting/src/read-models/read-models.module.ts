import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { everyContextCatalog } from '@eutf/event-catalog';
import { KAFKA } from '@eutf/messaging';
import { PROJECTION_STORES, ProjectionRunner, mongoProjectionStores, startProjectionRunners, type Projection, type ProjectionStores } from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { Counter, register } from 'prom-client';
import { AsOfCheckpoints } from './as-of-checkpoints';
import { AsOfReadModels } from './as-of-read-models';
import { ReadModelVersions, versionedProjectionStores } from './read-model-versions';
import { READ_MODEL_PROJECTIONS, READ_MODELS_OPTIONS, type ReadModelsOptions } from './read-models.options';

export type { ReadModelsOptions } from './read-models.options';

/** How often the checkpoints of folds as of past instants are carried on to the last checkpoint instant. */
const CHECKPOINTS_EVERY_MS = 3_600_000;

/**
 * Starts the projection runners once the app is up (retrying while Kafka is away) and stops them
 * first on shutdown. Once they run, keeps the checkpoints that folds as of past instants start
 * from: after the catch-up, so as not to compete with it, and every hour.
 */
@Injectable()
export class ReadModelRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readonly runners: ReadonlyArray<ProjectionRunner<object>>;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private checkpointing: Promise<void> | undefined;
  private nextCheckpoints: NodeJS.Timeout | undefined;
  private readonly checkpointRuns = (register.getSingleMetric('eutf_as_of_checkpoint_runs_total') as Counter | undefined) ?? new Counter({ name: 'eutf_as_of_checkpoint_runs_total', help: 'Runs that carried the checkpoints of folds as of past instants on to the last checkpoint instant, since the service started' });

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PROJECTION_STORES) stores: ProjectionStores,
    @Inject(READ_MODELS_OPTIONS) options: ReadModelsOptions,
    private readonly asOf: AsOfReadModels,
  ) {
    const catalog = everyContextCatalog();
    const runnerOf = <Doc extends object>(projection: Projection<Doc>) =>
      new ProjectionRunner({
        projection,
        kafka,
        store: stores.of(projection),
        catalog,
        groupId: `${options.consumerGroupPrefix}.${projection.name}`,
        topicNamespace: options.topicNamespace,
        logLevel: options.logLevel,
      });
    // Every projection the reporting service keeps, each in its own consumer group.
    this.runners = READ_MODEL_PROJECTIONS.map(runnerOf);
  }

  onApplicationBootstrap(): void {
    this.starting = this.startWithRetry();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.asOf.stop();
    clearTimeout(this.nextCheckpoints);
    await this.starting;
    await this.checkpointing;
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** Together: the projections that have committed nothing yet catch up in memory reading their topics once between them. */
  private async startWithRetry(): Promise<void> {
    while (!this.stopped) {
      try {
        await startProjectionRunners(this.runners);
        this.keepCheckpoints();
        return;
      } catch (error) {
        this.logger.warn({ reason: (error as Error).message }, 'projection could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  private keepCheckpoints(): void {
    if (this.stopped) return;
    this.checkpointing = this.asOf
      .extendCheckpoints()
      .then(
        (stored) => {
          if (stored > 0) this.logger.log({ stored }, 'checkpoints of folds as of past instants carried on');
        },
        (error: unknown) => this.logger.warn({ reason: (error as Error).message }, 'checkpoints could not be carried on; trying again later'),
      )
      .finally(() => {
        this.checkpointRuns.inc();
        if (this.stopped) return;
        this.nextCheckpoints = setTimeout(() => this.keepCheckpoints(), CHECKPOINTS_EVERY_MS);
        this.nextCheckpoints.unref();
      });
  }
}

@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsOptions) {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODELS_OPTIONS, useValue: options },
        // The read models live in the service's MongoDB, one collection per projection, each with its version beside them.
        { provide: PROJECTION_STORES, useFactory: (connection: Connection) => versionedProjectionStores(mongoProjectionStores(connection), connection), inject: [getConnectionToken()] },
        ReadModelVersions,
        ReadModelRunners,
        AsOfCheckpoints,
        AsOfReadModels,
      ],
      exports: [PROJECTION_STORES, AsOfReadModels, ReadModelVersions],
    };
  }
}
