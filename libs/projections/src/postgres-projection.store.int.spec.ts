import { randomUUID } from 'node:crypto';
import { createPostgresPool } from '@eutf/event-store-postgres';
import { requireInfrastructure } from '@eutf/testing';
import type { Pool } from 'pg';
import { postgresProjectionStores } from './postgres-projection.store';
import { recordStreamVersion } from './stream-version.guard';
import { describeProjectionStoreContract } from './test-support/projection-store.contract';
import { caseActivityProjection } from './test-support/reintegration-case.fixture';

/** A schema of the run's own, as a command service keeps its views apart from other services'. */
const schema = `projections_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
let pool: Pool;

beforeAll(async () => {
  const { postgresql } = await requireInfrastructure(['postgresql']);
  pool = createPostgresPool({ connectionString: postgresql, schema: 'public', applicationName: 'projection-store-contract', max: 10 });
});

afterAll(async () => {
  if (!pool) return;
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describeProjectionStoreContract('PostgreSQL', {
  stores: () => postgresProjectionStores({ pool, schema }),
  atomicWrites: true,
});

describe('PostgreSQL projection store at rest', () => {
  it('keeps each document as JSONB in its own row, beside its revision and stream versions', async () => {
    const collection = `test_case_activity_rows_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const store = postgresProjectionStores({ pool, schema }).of(caseActivityProjection({ collection, topics: [] }));
    await store.prepare();
    const doc = { caseRef: 'RC-1', country: 'NE', status: 'open' as const, supportCents: 0, eventCount: 1, appliedEventIds: ['event-1'] };
    await store.save([
      { documentId: 'case-1', previousRevision: 0n, document: { doc, streamVersions: recordStreamVersion(undefined, 'project.v2.case-1', 1n), revision: 1n } },
    ]);
    const { rows } = await pool.query(`SELECT id, revision, stream_versions, document FROM "${schema}"."${collection}"`);
    expect(rows).toEqual([{ id: 'case-1', revision: '1', stream_versions: { 'project%2Ev2%2Ecase-1': '1' }, document: doc }]);
    await store.drop();
  });

  it('refuses a projection that asks for a unique index, which it would not keep', () => {
    const projection = { ...caseActivityProjection({ collection: 'unused', topics: [] }), indexes: [{ keys: { caseRef: 1 as const }, unique: true }] };
    expect(() => postgresProjectionStores({ pool, schema }).of(projection)).toThrow(/unique indexes are not kept in PostgreSQL/);
  });

  it('refuses a schema or table name that is not a plain SQL identifier', () => {
    expect(() => postgresProjectionStores({ pool, schema: 'views; DROP' })).toThrow(/Not a plain SQL identifier/);
    expect(() => postgresProjectionStores({ pool, schema }).of(caseActivityProjection({ collection: 'Case-Activity', topics: [] }))).toThrow(
      /Not a plain SQL identifier/,
    );
  });
});
