import type { Pool } from 'pg';
import { inTransaction, quoteIdentifier } from './pool';

/**
 * The event store's schema, as versioned migrations applied in order, once each. A migration is
 * never edited after it has shipped: a change is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, idempotency keys, relay checkpoints',
    sql: `
      CREATE TABLE events (
        position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writing transaction: readers of the whole log go by it so that none skips a late commit.
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid NOT NULL,
        stream_id       text NOT NULL,
        stream_version  bigint NOT NULL,
        event_type      text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX events_log_order ON events (transaction_id, position);

      CREATE TABLE idempotency_keys (
        key                  text PRIMARY KEY,
        request_fingerprint  text NOT NULL,
        stream_id            text NOT NULL,
        stream_version       bigint NOT NULL,
        event_ids            uuid[] NOT NULL,
        recorded_at          timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE relay_checkpoints (
        relay           text PRIMARY KEY,
        transaction_id  xid8 NOT NULL,
        position        bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );

      -- One round trip per append. Appends to one stream are serialised by an advisory lock taken
      -- before anything is written, so the transaction id (assigned at the first write) and the
      -- position of a stream's events both grow with its versions.
      CREATE FUNCTION append_to_stream(
        p_stream_id text,
        p_expected text,
        p_event_ids uuid[],
        p_types text[],
        p_schema_versions integer[],
        p_data jsonb[],
        p_metadata jsonb[],
        p_occurred_at timestamptz[],
        p_idempotency_key text,
        p_request_fingerprint text
      ) RETURNS TABLE (outcome text, stream_version bigint, transaction_id xid8, last_position bigint)
      LANGUAGE plpgsql
      -- The tables of the schema it was created in, whatever the caller's search_path.
      SET search_path FROM CURRENT
      AS $fn$
      DECLARE
        v_count bigint := cardinality(p_event_ids);
        v_stored bigint;
        v_current bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

        -- The same event ids again: a repeated append, answered with what is stored.
        SELECT count(*) INTO v_stored FROM events e WHERE e.event_id = ANY (p_event_ids);
        IF v_stored = v_count THEN
          RETURN QUERY
            SELECT 'duplicate'::text, e.stream_version, e.transaction_id, e.position
            FROM events e WHERE e.event_id = ANY (p_event_ids)
            ORDER BY e.position DESC LIMIT 1;
          RETURN;
        ELSIF v_stored > 0 THEN
          RAISE EXCEPTION 'some of these event ids are already stored, not all' USING ERRCODE = 'P0E01';
        END IF;

        SELECT max(e.stream_version) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;
        IF (p_expected = 'no_stream' AND v_current IS NOT NULL)
           OR (p_expected = 'stream_exists' AND v_current IS NULL)
           OR (p_expected ~ '^[0-9]+$' AND coalesce(v_current, 0) <> p_expected::bigint) THEN
          RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
          RETURN;
        END IF;

        INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
        SELECT u.event_id, p_stream_id, coalesce(v_current, 0) + u.ordinality, u.event_type, u.schema_version, u.data, u.metadata, u.occurred_at
        FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred_at)
             WITH ORDINALITY AS u(event_id, event_type, schema_version, data, metadata, occurred_at, ordinality);

        IF p_idempotency_key IS NOT NULL THEN
          INSERT INTO idempotency_keys (key, request_fingerprint, stream_id, stream_version, event_ids)
          VALUES (p_idempotency_key, p_request_fingerprint, p_stream_id, coalesce(v_current, 0) + v_count, p_event_ids);
        END IF;

        RETURN QUERY SELECT 'appended'::text, coalesce(v_current, 0) + v_count, pg_current_xact_id(), currval(pg_get_serial_sequence('events', 'position'));
      END
      $fn$;
    `,
  },
  {
    version: 2,
    name: 'append_events: a batch of events as one JSON array',
    // The same append as append_to_stream, taking the events as one jsonb array instead of six
    // parallel arrays: the client serialises a batch once, with no array-literal escaping of each
    // event's JSON, and the server parses it once. append_to_stream stays for replicas still
    // running the previous release during a rolling deploy.
    sql: `
      CREATE FUNCTION append_events(
        p_stream_id text,
        p_expected text,
        p_events jsonb,
        p_idempotency_key text,
        p_request_fingerprint text
      ) RETURNS TABLE (outcome text, stream_version bigint, transaction_id xid8, last_position bigint)
      LANGUAGE plpgsql
      SET search_path FROM CURRENT
      AS $fn$
      DECLARE
        v_count bigint := jsonb_array_length(p_events);
        v_event_ids uuid[];
        v_stored bigint;
        v_current bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

        SELECT array_agg((e.value->>'eventId')::uuid ORDER BY e.ordinality) INTO v_event_ids
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e;

        -- The same event ids again: a repeated append, answered with what is stored.
        SELECT count(*) INTO v_stored FROM events e WHERE e.event_id = ANY (v_event_ids);
        IF v_stored = v_count THEN
          RETURN QUERY
            SELECT 'duplicate'::text, e.stream_version, e.transaction_id, e.position
            FROM events e WHERE e.event_id = ANY (v_event_ids)
            ORDER BY e.position DESC LIMIT 1;
          RETURN;
        ELSIF v_stored > 0 THEN
          RAISE EXCEPTION 'some of these event ids are already stored, not all' USING ERRCODE = 'P0E01';
        END IF;

        SELECT max(e.stream_version) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;
        IF (p_expected = 'no_stream' AND v_current IS NOT NULL)
           OR (p_expected = 'stream_exists' AND v_current IS NULL)
           OR (p_expected ~ '^[0-9]+$' AND coalesce(v_current, 0) <> p_expected::bigint) THEN
          RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
          RETURN;
        END IF;

        INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
        SELECT (e.value->>'eventId')::uuid, p_stream_id, coalesce(v_current, 0) + e.ordinality, e.value->>'type',
               (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata', (e.value->>'occurredAt')::timestamptz
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e
        ORDER BY e.ordinality;

        IF p_idempotency_key IS NOT NULL THEN
          INSERT INTO idempotency_keys (key, request_fingerprint, stream_id, stream_version, event_ids)
          VALUES (p_idempotency_key, p_request_fingerprint, p_stream_id, coalesce(v_current, 0) + v_count, v_event_ids);
        END IF;

        RETURN QUERY SELECT 'appended'::text, coalesce(v_current, 0) + v_count, pg_current_xact_id(), currval(pg_get_serial_sequence('events', 'position'));
      END
      $fn$;
    `,
  },
  {
    version: 3,
    name: 'the log order is the primary key',
    // Nothing looks an event up by its position alone: every read of the log goes by
    // (transaction id, position). As the primary key that pair is unique and the log's index at
    // once, so each appended event updates three indexes instead of four.
    sql: `
      ALTER TABLE events DROP CONSTRAINT events_pkey;
      DROP INDEX events_log_order;
      ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (transaction_id, position);
    `,
  },
  {
    version: 4,
    name: 'free texts: erasable, beside the log',
    // Free text may name people: events refer to it by id, and erasing it empties the text here
    // while the log, kept for ever, never held it. The row stays, so that the erasure is on record.
    sql: `
      CREATE TABLE free_texts (
        text_id         uuid PRIMARY KEY,
        stream_id       text NOT NULL,
        field           text NOT NULL,
        text            text,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        erased_at       timestamptz,
        erased_by       text,
        erasure_reason  text,
        CONSTRAINT free_texts_erased_has_no_text CHECK (erased_at IS NULL OR text IS NULL)
      );
    `,
  },
];

/**
 * Brings a service's schema up to date. Concurrent starts of several replicas are safe: the
 * first takes a lock and migrates, the others wait and find nothing left to do.
 */
export async function migrate(pool: Pool, schema: string): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`eutf-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
