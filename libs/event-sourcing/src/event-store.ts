import type { LogPosition, NewEvent, RecordedEvent } from './envelope';
import type { FreeTextWrites } from './free-texts';

/**
 * What an append requires of the stream: a specific version (the one the caller read), that the
 * stream does not exist yet, that it exists, or nothing at all.
 */
export type ExpectedVersion = bigint | 'no_stream' | 'stream_exists' | 'any';

/**
 * A request's idempotency key, recorded in the same transaction as the events it produced, so a
 * retried request finds the first result and a crash can never separate the two.
 */
export interface IdempotencyRecord {
  key: string;
  /** A digest of the request; the same key with another request is refused. */
  requestFingerprint: string;
  streamId: string;
  streamVersion: bigint;
  eventIds: string[];
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  idempotency?: Omit<IdempotencyRecord, 'streamVersion' | 'eventIds' | 'streamId'>;
  /**
   * Free texts the events refer to, and erasures they record: written in the append's transaction,
   * and only when the events are appended (not on a conflict or a repeated append).
   */
  freeTexts?: FreeTextWrites;
}

export interface AppendResult {
  streamVersion: bigint;
  /** Position of the last event appended (or found, for a repeated append). */
  position: LogPosition;
  /** False when every event id was already stored: a repeated append is a no-op. */
  appended: boolean;
}

export interface ReadStreamResult {
  /** The stream's current version, or null when the stream does not exist. */
  streamVersion: bigint | null;
  events: RecordedEvent[];
}

/**
 * The event store port. Each command service owns one; adapters (PostgreSQL, KurrentDB) implement
 * it and all run the same contract suite.
 */
export interface EventStore {
  /**
   * Appends events to one stream atomically, after checking the expected version.
   * Throws ConcurrencyError on a version conflict. Re-appending event ids that are already stored
   * is a no-op that returns the stored result.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  readStream(streamId: string, options?: { fromVersion?: bigint; maxCount?: number }): Promise<ReadStreamResult>;

  /**
   * Events of every stream after `after`, in log order, never skipping an event whose transaction
   * commits later than a neighbour's: a reader sees each event exactly once.
   */
  readAll(options: { after?: LogPosition; maxCount: number }): Promise<RecordedEvent[]>;

  /** Catch-up subscription: batches from `after` on, then new events as they commit, until aborted. */
  subscribeToAll(options: { after?: LogPosition; batchSize?: number; signal: AbortSignal }): AsyncIterable<RecordedEvent[]>;

  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
}

/** DI token of a service's event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
