import { Pool, type PoolClient } from 'pg';

export interface PostgresPoolOptions {
  connectionString: string;
  /** The service's own schema: every command service keeps its event store apart. */
  schema: string;
  applicationName: string;
  max?: number;
  /** Told when an idle connection is lost (the server restarted, say); the pool opens another when needed. */
  onConnectionLost?: (error: Error) => void;
}

/** A pool whose sessions see the service's schema first, so its tables need no prefix. */
export function createPostgresPool(options: PostgresPoolOptions): Pool {
  quoteIdentifier(options.schema);
  const pool = new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${options.schema},public`,
  });
  // An idle connection that the server drops is an 'error' on the pool: unheard, it would end the process.
  pool.on('error', (error) => options.onConnectionLost?.(error));
  return pool;
}

export function quoteIdentifier(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) {
    throw new Error(`Not a plain SQL identifier: ${identifier}`);
  }
  return `"${identifier}"`;
}

/** Runs `work` in one transaction on one of the pool's connections: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A connection lost between two statements (the server killed or restarted) is an 'error' event
  // on the client, not a query's error: the pool hears it only while the client is idle, and an
  // unheard 'error' ends the process. Heard here, the next statement fails and the work with it.
  const lost = () => {
    broken = true;
  };
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is gone: the pool must not hand it out again.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    broken = broken || !rolledBack;
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
