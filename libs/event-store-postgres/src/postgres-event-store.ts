import {
  ConcurrencyError,
  IdempotencyKeyRaceError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type FreeTextWrites,
  type IdempotencyRecord,
  type LogPosition,
  type NewEvent,
  type ReadStreamResult,
  type RecordedEvent,
  START_OF_LOG,
} from '@eutf/event-sourcing';
import type { Pool, PoolClient } from 'pg';
import { pause } from './pause';
import { inTransaction } from './pool';

export class PartiallyStoredEventsError extends Error {
  constructor(readonly streamId: string) {
    super(`Some of the event ids appended to ${streamId} are already stored and some are not`);
    this.name = 'PartiallyStoredEventsError';
  }
}

export interface PostgresEventStoreOptions {
  /**
   * Runs inside the append's transaction, after the events are written and before COMMIT.
   * A test seam: contract tests delay commits with it to prove readers never skip a late commit.
   */
  beforeCommit?: (streamId: string) => Promise<void>;
  /** How long an idle catch-up subscription waits before looking again. */
  pollIntervalMs?: number;
}

interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  occurred_at: Date;
  recorded_at: Date;
}

const COLUMNS =
  'position, transaction_id, event_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at, recorded_at';

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    streamId: row.stream_id,
    streamVersion: BigInt(row.stream_version),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) },
  };
}

/**
 * The event store on PostgreSQL. The pool's search_path selects the service's schema
 * (see `migrate`). Log order is (transaction id, position), read only below the oldest
 * transaction still running, so a reader never passes an event that commits late.
 */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = typeof options.expectedVersion === 'bigint' ? options.expectedVersion.toString() : options.expectedVersion;
    // One JSON document for the whole batch: serialised once, parsed once by the server.
    const batch = JSON.stringify(
      events.map(({ eventId, type, schemaVersion, data, metadata, occurredAt }) => ({ eventId, type, schemaVersion, data, metadata, occurredAt })),
    );
    const parameters = [streamId, expected, batch, options.idempotency?.key ?? null, options.idempotency?.requestFingerprint ?? null];
    const sql = 'SELECT * FROM append_events($1, $2, $3::jsonb, $4, $5)';
    type AppendRow = { outcome: 'appended' | 'duplicate' | 'conflict'; stream_version: string | null; transaction_id: string | null; last_position: string | null };

    let row: AppendRow | undefined;
    const freeTexts = options.freeTexts;
    const writesFreeTexts = (freeTexts?.record?.length ?? 0) + (freeTexts?.erase?.length ?? 0) > 0;
    try {
      if (this.options.beforeCommit || writesFreeTexts) {
        row = await inTransaction(this.pool, async (client) => {
          const result = (await client.query<AppendRow>(sql, parameters)).rows[0];
          if (result?.outcome === 'appended') {
            if (freeTexts) await writeFreeTexts(client, freeTexts);
            await this.options.beforeCommit?.(streamId);
          }
          return result;
        });
      } else {
        row = (await this.pool.query<AppendRow>(sql, parameters)).rows[0];
      }
    } catch (error) {
      throw translateError(error, streamId, options.idempotency?.key);
    }
    if (!row) throw new Error('append_events returned nothing');
    if (row.outcome === 'conflict') {
      throw new ConcurrencyError(streamId, options.expectedVersion, row.stream_version === null ? null : BigInt(row.stream_version));
    }
    return {
      streamVersion: BigInt(row.stream_version as string),
      position: { commit: BigInt(row.transaction_id as string), prepare: BigInt(row.last_position as string) },
      appended: row.outcome === 'appended',
    };
  }

  async readStream(streamId: string, options: { fromVersion?: bigint; maxCount?: number } = {}): Promise<ReadStreamResult> {
    const fromVersion = options.fromVersion ?? 1n;
    // One round trip, also when nothing is at or past fromVersion: the stream's version comes on a
    // row of its own, joined to the events (a row of nulls when there are none).
    const { rows } = await this.pool.query<Partial<EventRow> & { current_version: string | null }>(
      `SELECT v.current_version, e.*
         FROM (SELECT max(stream_version) AS current_version FROM events WHERE stream_id = $1) v
         LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2
            ORDER BY stream_version LIMIT $3
         ) e ON true
        ORDER BY e.stream_version`,
      [streamId, fromVersion.toString(), options.maxCount ?? null],
    );
    const version = rows[0]?.current_version ?? null;
    const events = rows.filter((row) => row.event_id != null).map((row) => toRecordedEvent(row as EventRow));
    return { streamVersion: version === null ? null : BigInt(version), events };
  }

  async readAll(options: { after?: LogPosition; maxCount: number }): Promise<RecordedEvent[]> {
    const after = options.after ?? START_OF_LOG;
    // Every transaction below the snapshot's xmin has ended, so the rows below it are final:
    // reading in (transaction_id, position) order up to there can never pass a late commit.
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, position
        LIMIT $3`,
      [after.commit.toString(), after.prepare.toString(), options.maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  async *subscribeToAll(options: { after?: LogPosition; batchSize?: number; signal: AbortSignal }): AsyncIterable<RecordedEvent[]> {
    let after = options.after ?? START_OF_LOG;
    const batchSize = options.batchSize ?? 500;
    while (!options.signal.aborted) {
      const batch = await this.readAll({ after, maxCount: batchSize });
      if (batch.length > 0) {
        after = (batch[batch.length - 1] as RecordedEvent).position;
        yield batch;
      }
      if (batch.length < batchSize) await pause(this.options.pollIntervalMs ?? 20, options.signal);
    }
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.pool.query<{
      request_fingerprint: string;
      stream_id: string;
      stream_version: string;
      event_ids: string[];
    }>('SELECT request_fingerprint, stream_id, stream_version, event_ids FROM idempotency_keys WHERE key = $1', [key]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      key,
      requestFingerprint: row.request_fingerprint,
      streamId: row.stream_id,
      streamVersion: BigInt(row.stream_version),
      eventIds: row.event_ids,
    };
  }
}

/** Stores the texts the appended events refer to, and empties those they record as erased, in the append's transaction. */
async function writeFreeTexts(client: PoolClient, { record = [], erase = [] }: FreeTextWrites): Promise<void> {
  if (record.length > 0) {
    await client.query(
      `INSERT INTO free_texts (text_id, stream_id, field, text)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [record.map((entry) => entry.textId), record.map((entry) => entry.streamId), record.map((entry) => entry.field), record.map((entry) => entry.text)],
    );
  }
  for (const erasure of erase) {
    const { rowCount } = await client.query(
      `UPDATE free_texts SET text = NULL, erased_at = now(), erased_by = $3, erasure_reason = $4
        WHERE text_id = $1 AND stream_id = $2 AND erased_at IS NULL`,
      [erasure.textId, erasure.streamId, erasure.erasedBy, erasure.reasonCode],
    );
    // The decider saw the text as not erased yet: a text missing here is a broken store, not a retry.
    if (rowCount !== 1) throw new Error(`free text ${erasure.textId} of ${erasure.streamId} is not in the store or already erased`);
  }
}

function translateError(error: unknown, streamId: string, idempotencyKey: string | undefined): unknown {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505' && pgError.constraint === 'idempotency_keys_pkey' && idempotencyKey) {
    return new IdempotencyKeyRaceError(idempotencyKey);
  }
  if (pgError.code === 'P0E01') return new PartiallyStoredEventsError(streamId);
  return error;
}
