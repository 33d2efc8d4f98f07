import { inTransaction, quoteIdentifier } from '@eutf/event-store-postgres';
import type { Pool } from 'pg';
import type { Projection } from './projection.definition';
import type { TrackedDocument } from './projection.fold';
import {
  DocumentChange,
  DocumentFilter,
  inOrderOf,
  OrderableField,
  ProjectionStore,
  ProjectionStores,
  ProjectionWriteConflictError,
} from './projection.store';

export interface PostgresProjectionStoresOptions {
  pool: Pool;
  /** The schema holding the projections' tables (created if missing): the service's own, or one for its views. */
  schema: string;
}

interface StoredRow {
  id: string;
  revision: string;
  stream_versions: Record<string, string>;
  document: unknown;
}

const UNDEFINED_TABLE = '42P01';
const DEADLOCK_DETECTED = '40P01';

const codeOf = (error: unknown) => (error as { code?: unknown }).code;

/** A missing table reads as no documents, as a missing MongoDB collection does (say, mid-rebuild). */
async function orNothing<Row>(query: Promise<{ rows: Row[] }>): Promise<Row[]> {
  try {
    return (await query).rows;
  } catch (error) {
    if (codeOf(error) === UNDEFINED_TABLE) return [];
    throw error;
  }
}

/**
 * A projection's documents in a PostgreSQL table, one row per document: its id, its revision, the
 * stream versions the guard keeps, and the document itself as JSONB. Each batch is written by one
 * INSERT … ON CONFLICT in a transaction, so unlike FerretDB the revision check and the write are
 * one atomic step, and a batch is written whole or not at all.
 */
export class PostgresProjectionStore<Doc extends object> implements ProjectionStore<Doc> {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly projection: Projection<Doc>,
  ) {
    this.table = `${quoteIdentifier(schema)}.${quoteIdentifier(projection.collection)}`;
    // Its filters are served by one JSONB index; a uniqueness rule would need one of its own.
    if (projection.indexes?.some((index) => index.unique)) {
      throw new Error(`${projection.name}: unique indexes are not kept in PostgreSQL; enforce the rule in the projection`);
    }
  }

  async get(documentId: string): Promise<Doc | undefined> {
    const rows = await orNothing(this.pool.query<{ document: Doc }>(`SELECT document FROM ${this.table} WHERE id = $1`, [documentId]));
    return rows[0]?.document;
  }

  async getMany(documentIds: readonly string[]): Promise<Doc[]> {
    if (documentIds.length === 0) return [];
    const rows = await orNothing(this.pool.query<{ id: string; document: Doc }>(`SELECT id, document FROM ${this.table} WHERE id = ANY($1::text[])`, [[...documentIds]]));
    return inOrderOf(documentIds, new Map(rows.map((row) => [row.id, row.document])));
  }

  async find(filter: DocumentFilter<Doc>, options: { orderBy?: OrderableField<Doc> } = {}): Promise<Doc[]> {
    const parameters: unknown[] = [];
    const conditions = Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => {
        // As MongoDB matches: the field equals the value, or is an array holding it.
        parameters.push(JSON.stringify({ [field]: value }), JSON.stringify({ [field]: [value] }));
        return `(document @> $${parameters.length - 1}::jsonb OR document @> $${parameters.length}::jsonb)`;
      });
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    let order = 'id';
    if (options.orderBy !== undefined) {
      parameters.push(options.orderBy);
      // MongoDB's order: missing and null first, then strings by their bytes.
      order = `document->>$${parameters.length} COLLATE "C" NULLS FIRST, id`;
    }
    const rows = await orNothing(this.pool.query<{ document: Doc }>(`SELECT document FROM ${this.table} ${where} ORDER BY ${order}`, parameters));
    return rows.map((row) => row.document);
  }

  async load(documentIds: readonly string[]): Promise<Map<string, TrackedDocument<Doc>>> {
    if (documentIds.length === 0) return new Map();
    const rows = await orNothing(
      this.pool.query<StoredRow>(`SELECT id, revision, stream_versions, document FROM ${this.table} WHERE id = ANY($1::text[])`, [[...documentIds]]),
    );
    return new Map(
      rows.map((row) => [row.id, { doc: row.document as Doc, streamVersions: row.stream_versions, revision: BigInt(row.revision) }]),
    );
  }

  /**
   * Every change in one statement: a new document is inserted; an existing one is replaced only if
   * its stored revision is still the one it was loaded at. Fewer rows written than changes means
   * another writer got there first: the transaction is rolled back and the batch refused. Rows are
   * written in id order, so two batches touching the same documents queue rather than deadlock.
   */
  async save(changes: readonly DocumentChange<Doc>[]): Promise<void> {
    if (changes.length === 0) return;
    try {
      await inTransaction(this.pool, async (client) => {
        const { rowCount } = await client.query(
          `WITH batch AS (
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::jsonb[], $5::jsonb[])
               AS change(id, previous_revision, revision, stream_versions, document)
           )
           INSERT INTO ${this.table} AS stored (id, revision, stream_versions, document)
           SELECT id, revision, stream_versions, document FROM batch ORDER BY id
           ON CONFLICT (id) DO UPDATE
             SET revision = excluded.revision, stream_versions = excluded.stream_versions, document = excluded.document
             WHERE stored.revision = (SELECT previous_revision FROM batch WHERE batch.id = excluded.id)`,
          [
            changes.map((change) => change.documentId),
            changes.map((change) => change.previousRevision.toString()),
            changes.map((change) => change.document.revision.toString()),
            changes.map((change) => JSON.stringify(change.document.streamVersions)),
            changes.map((change) => JSON.stringify(change.document.doc)),
          ],
        );
        // Thrown inside, so what this statement did write is rolled back.
        if (rowCount !== changes.length) throw new ProjectionWriteConflictError(this.projection.collection);
      });
    } catch (error) {
      if (codeOf(error) === DEADLOCK_DETECTED) throw new ProjectionWriteConflictError(this.projection.collection);
      throw error;
    }
  }

  /**
   * The schema, the table and one index for the reader's filters (JSONB containment), which
   * stands in for the projection's MongoDB indexes. Replicas starting together take turns:
   * `IF NOT EXISTS` alone still races in the catalog.
   */
  async prepare(): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(this.schema)}`,
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         id text COLLATE "C" PRIMARY KEY,
         revision bigint NOT NULL,
         stream_versions jsonb NOT NULL,
         document jsonb NOT NULL
       )`,
      `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${this.projection.collection}_document`)} ON ${this.table} USING gin (document jsonb_path_ops)`,
    ];
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`eutf-projection:${this.table}`]);
      for (const statement of statements) await client.query(statement);
    });
  }

  async drop(): Promise<void> {
    await this.pool.query(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

/**
 * Every projection's documents in a table of its own (named by `Projection.collection`), in one
 * schema: for a command service's own view of another context's facts.
 */
export function postgresProjectionStores({ pool, schema }: PostgresProjectionStoresOptions): ProjectionStores {
  quoteIdentifier(schema);
  return { of: (projection) => new PostgresProjectionStore(pool, schema, projection) };
}
