import { randomUUID } from 'node:crypto';
import { createPostgresPool } from './pool';
import { describeEventStoreContract, requireInfrastructure } from '@eutf/testing';
import type { Pool } from 'pg';
import { MIGRATIONS, migrate } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

const pools: Pool[] = [];
const schemas: string[] = [];
let databaseUrl: string;

beforeAll(async () => {
  ({ postgresql: databaseUrl } = await requireInfrastructure(['postgresql']));
});

/** Each store gets a schema of its own: an empty log, as the contract requires. */
async function freshSchema(): Promise<{ pool: Pool; schema: string }> {
  const schema = `es_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const pool = createPostgresPool({ connectionString: databaseUrl, schema, applicationName: 'event-store-contract', max: 20 });
  pools.push(pool);
  schemas.push(schema);
  await migrate(pool, schema);
  return { pool, schema };
}

describeEventStoreContract('PostgreSQL', {
  canDelayCommits: true,
  async create(options = {}) {
    const { pool } = await freshSchema();
    return new PostgresEventStore(pool, options);
  },
});

afterAll(async () => {
  const [first] = pools;
  for (const schema of schemas) await first?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('PostgreSQL event store migrations', () => {
  it('apply once, and a second run (or a racing replica) finds nothing to do', async () => {
    const { pool, schema } = await freshSchema();
    const [again, racing] = await Promise.all([migrate(pool, schema), migrate(pool, schema)]);
    expect([again, racing]).toEqual([[], []]);
    const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row: { version: number }) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });
});
