import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, FREE_TEXTS } from '@eutf/event-sourcing';
import { migrate } from '../migrations';
import { OutboxRelay } from '../outbox-relay';
import { PostgresEventStore } from '../postgres-event-store';
import { PostgresFreeTextStore } from '../postgres-free-text.store';
import { KAFKA, KafkaEventPublisher } from '@eutf/messaging';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { POSTGRES_POOL } from './postgres.module';

export interface EventStoreModuleOptions {
  /** The service name: the CloudEvents source `eutf/<service>`. */
  service: string;
  /** Its PostgreSQL schema. */
  schema: string;
  /** The Kafka topic its relay publishes to. */
  topic: string;
}

const OPTIONS = Symbol('EVENT_STORE_OPTIONS');

/**
 * Brings the service's event store up to date and keeps its relay running. Migration retries
 * in the background, so the service starts while PostgreSQL is away and says so on /health/ready.
 */
@Injectable()
export class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  private readonly relay: OutboxRelay;
  private readonly publisher: KafkaEventPublisher;
  private migrated = false;
  private stopped = false;
  private migration: Promise<void> | undefined;

  constructor(
    @Inject(POSTGRES_POOL) private readonly pool: Pool,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(OPTIONS) private readonly options: EventStoreModuleOptions,
  ) {
    this.publisher = new KafkaEventPublisher(kafka, options.topic, `eutf/${options.service}`);
    this.relay = new OutboxRelay({
      pool,
      schema: options.schema,
      relayName: options.topic,
      publisher: this.publisher,
      logger: {
        info: (object, message) => this.logger.log({ ...object, msg: message }),
        warn: (object, message) => this.logger.warn({ ...object, msg: message }),
        error: (object, message) => this.logger.error({ ...object, msg: message }),
      },
    });
  }

  get isMigrated(): boolean {
    return this.migrated;
  }

  onApplicationBootstrap(): void {
    this.migration = this.migrateUntilDone();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.migration;
    await this.relay.stop();
    await this.publisher.close();
  }

  private async migrateUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        const applied = await migrate(this.pool, this.options.schema);
        if (applied.length > 0) this.logger.log({ schema: this.options.schema, applied }, 'event store migrated');
        this.migrated = true;
        this.relay.start();
        return;
      } catch (error) {
        this.logger.warn({ schema: this.options.schema, reason: (error as Error).message }, 'event store migration failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}

@Injectable()
export class EventStoreReadiness {
  constructor(
    private readonly lifecycle: EventStoreLifecycle,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isReady() {
    const session = this.indicator.check('eventStore');
    return this.lifecycle.isMigrated ? session.up() : session.down({ message: 'schema not migrated yet' });
  }
}

@Module({})
export class EventStoreModule {
  static forService(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: EVENT_STORE, useFactory: (pool: Pool) => new PostgresEventStore(pool), inject: [POSTGRES_POOL] },
        { provide: FREE_TEXTS, useFactory: (pool: Pool) => new PostgresFreeTextStore(pool), inject: [POSTGRES_POOL] },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, FREE_TEXTS, EventStoreLifecycle],
    };
  }
}
