import { Pool } from 'pg';

export interface PostgresPoolOptions {
  connectionString: string;
  /** The service's own schema: every command service keeps its event store apart. */
  schema: string;
  applicationName: string;
  max?: number;
}

/** A pool whose sessions see the service's schema first, so its tables need no prefix. */
export function createPostgresPool(options: PostgresPoolOptions): Pool {
  quoteIdentifier(options.schema);
  return new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${options.schema},public`,
  });
}

export function quoteIdentifier(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) {
    throw new Error(`Not a plain SQL identifier: ${identifier}`);
  }
  return `"${identifier}"`;
}
