import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';

/** DI token of the service's PostgreSQL connection pool. */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');

export interface PostgresOptions {
  connectionString: string;
  /** The service's own schema: every command service keeps its event store apart. */
  schema: string;
  applicationName: string;
  max?: number;
}

export function createPostgresPool(options: PostgresOptions): Pool {
  quoteIdentifier(options.schema);
  return new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    // search_path puts the service's own schema first, so its tables need no prefix.
    options: `-c search_path=${options.schema},public`,
  });
}

@Injectable()
class PostgresPoolCloser implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

@Module({})
export class PostgresModule {
  static forRoot(options: PostgresOptions): DynamicModule {
    return {
      module: PostgresModule,
      global: true,
      providers: [
        {
          provide: POSTGRES_POOL,
          // No query here: a service starts even while PostgreSQL is away and says so on /health/ready.
          useFactory: () => createPostgresPool(options),
        },
        PostgresPoolCloser,
      ],
      exports: [POSTGRES_POOL],
    };
  }
}

export function quoteIdentifier(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) {
    throw new Error(`Not a plain SQL identifier: ${identifier}`);
  }
  return `"${identifier}"`;
}
