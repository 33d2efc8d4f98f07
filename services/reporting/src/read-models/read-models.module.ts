import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { projectsCatalog } from '@eutf/event-catalog';
import { KAFKA } from '@eutf/messaging';
import { PROJECTION_STORES, ProjectionRunner, mongoProjectionStores, type Projection, type ProjectionStores } from '@eutf/projections';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { countryPartnershipProjection } from './country-partnership.projection';
import { projectRegisterProjection } from './project-register.projection';

export const CONSUMER_GROUP_PREFIX = Symbol('CONSUMER_GROUP_PREFIX');

/** Starts the projection runners once the app is up (retrying while Kafka is away) and stops them first on shutdown. */
@Injectable()
export class ReadModelRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readonly runners: ReadonlyArray<Pick<ProjectionRunner<object>, 'start' | 'stop'>>;
  private stopped = false;
  private starting: Promise<void> | undefined;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(PROJECTION_STORES) stores: ProjectionStores, @Inject(CONSUMER_GROUP_PREFIX) groupPrefix: string) {
    const catalog = projectsCatalog();
    const runnerOf = <Doc extends object>(projection: Projection<Doc>) =>
      new ProjectionRunner({ projection, kafka, store: stores.of(projection), catalog, groupId: `${groupPrefix}.${projection.name}` });
    // Every projection the reporting service keeps, each in its own consumer group.
    this.runners = [runnerOf(projectRegisterProjection), runnerOf(countryPartnershipProjection)];
  }

  onApplicationBootstrap(): void {
    this.starting = Promise.all(this.runners.map((runner) => this.startWithRetry(runner))).then(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  private async startWithRetry(runner: Pick<ProjectionRunner<object>, 'start'>): Promise<void> {
    while (!this.stopped) {
      try {
        await runner.start();
        return;
      } catch (error) {
        this.logger.warn({ reason: (error as Error).message }, 'projection could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}

@Module({})
export class ReadModelsModule {
  static forRoot(consumerGroupPrefix: string) {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: CONSUMER_GROUP_PREFIX, useValue: consumerGroupPrefix },
        // The read models live in the service's MongoDB, one collection per projection.
        { provide: PROJECTION_STORES, useFactory: (connection: Connection) => mongoProjectionStores(connection), inject: [getConnectionToken()] },
        ReadModelRunners,
      ],
      exports: [PROJECTION_STORES],
    };
  }
}
