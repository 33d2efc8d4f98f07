import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventCatalog } from '@eutf/event-sourcing';
import { POSTGRES_POOL } from '@eutf/event-store-postgres';
import { KAFKA } from '@eutf/messaging';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { postgresProjectionStores } from '../postgres-projection.store';
import type { Projection } from '../projection.definition';
import { ProjectionRunner } from '../projection.runner';
import { PROJECTION_STORES, type ProjectionStores } from '../projection.store';

/**
 * A command service's own view of another context's facts, kept in its PostgreSQL schema from
 * that context's topic (e.g. disbursements' view of the projects). The consumer group is named
 * after the schema, so a view in a fresh schema is built from the first event.
 */
export interface OwnViewOptions<Doc extends object = object> {
  projection: Projection<Doc>;
  catalog: EventCatalog;
  /** The service's schema (its validated `DATABASE_SCHEMA`, or its name). */
  schema: string;
  topicNamespace: string | undefined;
  logLevel: string;
}

const OWN_VIEW_OPTIONS = Symbol('OWN_VIEW_OPTIONS');

/** Runs the view's projection while the service is up: started once it is (retried while Kafka is away), stopped first. */
@Injectable()
class OwnViewRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OwnView');
  private readonly runner: ProjectionRunner<object>;
  private running = true;
  private started: Promise<unknown> | undefined;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(PROJECTION_STORES) stores: ProjectionStores, @Inject(OWN_VIEW_OPTIONS) options: OwnViewOptions) {
    const { projection } = options;
    this.runner = new ProjectionRunner({
      projection,
      kafka,
      store: stores.of(projection),
      catalog: options.catalog,
      groupId: `${options.schema}.${projection.name}`,
      topicNamespace: options.topicNamespace,
      logLevel: options.logLevel,
    });
  }

  onApplicationBootstrap(): void {
    this.started = this.keepTrying();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.started;
    await this.runner.stop();
  }

  private async keepTrying(): Promise<void> {
    for (;;) {
      if (!this.running) return;
      try {
        return await this.runner.start();
      } catch (error) {
        this.logger.warn({ reason: (error as Error).message }, 'own view could not start; trying again in 2 s');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}

@Module({})
export class OwnViewModule {
  static forRoot<Doc extends object>(options: OwnViewOptions<Doc>): DynamicModule {
    return {
      module: OwnViewModule,
      providers: [
        { provide: OWN_VIEW_OPTIONS, useValue: options },
        { provide: PROJECTION_STORES, useFactory: (pool: Pool) => postgresProjectionStores({ pool, schema: options.schema }), inject: [POSTGRES_POOL] },
        OwnViewRunners,
      ],
      exports: [PROJECTION_STORES],
    };
  }
}
