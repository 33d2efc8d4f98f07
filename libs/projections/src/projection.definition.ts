import type { RecordedEvent } from '@eutf/event-sourcing';

/** An index the read model needs; created on start, and again after a rebuild drops the collection. */
export interface ProjectionIndex {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  name?: string;
}

/**
 * A read model as a pure definition: which events it reads, which document each one concerns, and
 * how a document changes, `(doc, event) → doc`. The same definition runs live against a
 * `ProjectionStore` (`ProjectionRunner`) and in memory (`applyInMemory`), so a report "as of" a
 * past date is built by exactly the code that builds today's.
 *
 * `Doc` is stored as the document's own fields, beside the store's bookkeeping (in MongoDB `_id`,
 * `_rev`, `_streamVersions`), which it must not use. Keep it to what BSON and FerretDB store as they are:
 * strings, numbers, booleans, plain objects, arrays that do not nest arrays (FerretDB 1.x stores
 * none; a projection `storedAsText` may), keys without `.` or a leading `$`.
 */
export interface Projection<Doc extends object> {
  /** Stable name, used in metrics, logs and dead letters. */
  name: string;
  /**
   * Where its documents are kept: the MongoDB collection, or the PostgreSQL table (a plain
   * lower-case SQL identifier); dropped by a rebuild.
   */
  collection: string;
  /** The Kafka topics it consumes. */
  topics: readonly string[];
  /** The event types `apply` understands; other events are ignored, never dead-lettered. */
  handles: readonly string[];
  /**
   * The document an event concerns, or undefined for none. It is asked about every event on the
   * topics, handled or not, so that an ignored event of a stream the document follows still
   * advances that stream's recorded version (otherwise the next handled event would look like a
   * gap). For an event it does not handle, `data` is as written, not upcast: derive the id from the
   * envelope (`streamId`) where you can.
   */
  documentIdOf: (event: RecordedEvent) => string | undefined;
  /** Pure: no clock, no I/O. `event.data` is already upcast to the current schema version. May throw to refuse an event. */
  apply: (doc: Doc | undefined, event: RecordedEvent) => Doc;
  /**
   * True when a document may start following a stream after its first event (for instance, a
   * projection that only begins at a later event type). The version guard then accepts any first
   * version; after that, gaps are still detected.
   */
  allowsPartialStreams?: boolean;
  /**
   * True when a document sees only some events of each stream it follows (one result of a
   * project's stream): the version guard then only asks that versions rise — at or below the
   * recorded one is a redelivery, skipped; any later one is applied. Gaps in such a stream are
   * left to a projection that follows every event of it (the project register for the results).
   */
  sparseStreams?: boolean;
  indexes?: readonly ProjectionIndex[];
  /**
   * Given, the MongoDB store keeps each document as one JSON text (`_doc`), beside copies of the
   * fields named here, the only ones a reader may filter or order by (`find`; another is refused).
   * FerretDB decodes a stored document field by field, about 10 µs a field on this kind of machine:
   * 200 project documents holding 35 results each (some 500 fields apiece) took 1,083 ms to read
   * and 10.5 ms each to replace; the same as text, 97 ms and 2.24 ms. The other stores keep the
   * fields as they are.
   */
  storedAsText?: { queryable: ReadonlyArray<keyof Doc & string> };
}
