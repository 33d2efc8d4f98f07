import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { PostgresPoolOptions, createPostgresPool } from '../pool';
import { Pool } from 'pg';

/** DI token of the service's PostgreSQL connection pool. */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');

@Injectable()
class PostgresPoolCloser implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

@Module({})
export class PostgresModule {
  static forRoot(options: PostgresPoolOptions): DynamicModule {
    return {
      module: PostgresModule,
      global: true,
      providers: [
        // No query here: a service starts even while PostgreSQL is away and says so on /health/ready.
        {
          provide: POSTGRES_POOL,
          useFactory: () => {
            const logger = new Logger('PostgreSQL');
            return createPostgresPool({ ...options, onConnectionLost: (error) => logger.warn(`a pooled connection was lost: ${error.message}`) });
          },
        },
        PostgresPoolCloser,
      ],
      exports: [POSTGRES_POOL],
    };
  }
}
