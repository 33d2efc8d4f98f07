import { DynamicModule, Module } from '@nestjs/common';
import { POSTGRES_POOL } from '@eutf/event-store-postgres';
import type { Pool } from 'pg';
import { postgresProjectionStores } from '../postgres-projection.store';
import { PROJECTION_STORES } from '../projection.store';

/**
 * A command service's own view of another context, kept in its PostgreSQL database (the pool the
 * runtime already opened), in a schema of its own: provides `PROJECTION_STORES`, so the service
 * never touches the driver or the event-store lib.
 */
@Module({})
export class ProjectionStoresModule {
  static postgres(options: { schema: string }): DynamicModule {
    return {
      module: ProjectionStoresModule,
      providers: [{ provide: PROJECTION_STORES, useFactory: (pool: Pool) => postgresProjectionStores({ pool, schema: options.schema }), inject: [POSTGRES_POOL] }],
      exports: [PROJECTION_STORES],
    };
  }
}
