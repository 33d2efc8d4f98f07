import type { Projection } from './projection.definition';
import type { TrackedDocument } from './projection.fold';

/** One document a batch changed, and the revision it was loaded at (0 when it did not exist). */
export interface DocumentChange<Doc> {
  documentId: string;
  previousRevision: bigint;
  document: TrackedDocument<Doc>;
}

/** Someone else wrote one of the documents since it was loaded (another consumer, after a rebalance). */
export class ProjectionWriteConflictError extends Error {
  constructor(collection: string) {
    super(`A document of ${collection} changed while a batch was being applied`);
    this.name = 'ProjectionWriteConflictError';
  }
}

type Scalar = string | number | boolean;
type ValueOrItem<Value> = Value extends readonly (infer Item)[] ? Item : Value;

/**
 * Documents whose fields equal the given values; for an array field, whose array holds the value.
 * A field left undefined does not filter, so an optional query parameter can be passed as it is.
 */
export type DocumentFilter<Doc> = { readonly [Field in keyof Doc]?: (ValueOrItem<Doc[Field]> & Scalar) | undefined };

/** The text fields a reader can order by (ascending, missing and null first, then by document id). */
export type OrderableField<Doc> = { [Field in keyof Doc]-?: Doc[Field] extends string | null | undefined ? Field : never }[keyof Doc];

/** The documents found by id, in the order of the ids asked for; an id with no document is left out. */
export function inOrderOf<Doc>(documentIds: readonly string[], found: ReadonlyMap<string, Doc>): Doc[] {
  return documentIds.flatMap((documentId) => {
    const doc = found.get(documentId);
    return doc === undefined ? [] : [doc];
  });
}

/**
 * What a service's queries read of a projection: its documents as the projection wrote them,
 * without the store's bookkeeping.
 */
export interface ProjectionReader<Doc extends object> {
  /** The document with that id, or undefined. */
  get(documentId: string): Promise<Doc | undefined>;
  /**
   * The documents with these ids, in the order of the ids; an id with no document is left out.
   * Found by id, so the store never reads documents it was not asked for (FerretDB decodes every
   * document a query filters on another field).
   */
  getMany(documentIds: readonly string[]): Promise<Doc[]>;
  /** The documents matching every field of the filter (all of them for `{}`). */
  find(filter: DocumentFilter<Doc>, options?: { orderBy?: OrderableField<Doc> }): Promise<Doc[]>;
}

/**
 * Where a projection's documents live: the port between the runner (which folds a batch of events
 * into documents with `foldEvent`, the one place the version guard meets `apply`) and a database.
 * Each document is kept beside its bookkeeping: its revision, and the last applied version of each
 * stream it follows, which `load` returns so the guard can skip duplicates and report gaps.
 *
 * Adapters: MongoDB (`mongoProjectionStores`, reporting's read models) and PostgreSQL
 * (`postgresProjectionStores`, a command service's own view of another context). Both run the same
 * contract suite.
 */
export interface ProjectionStore<Doc extends object> extends ProjectionReader<Doc> {
  /** Creates what the documents need (collection indexes; a schema, a table); safe to call again, and concurrently. */
  prepare(): Promise<void>;
  /** The documents of a batch, by id, with their bookkeeping; ids with no document are absent. */
  load(documentIds: readonly string[]): Promise<Map<string, TrackedDocument<Doc>>>;
  /**
   * Writes a batch's changed documents in one bulk operation, each only if it still is at the
   * revision it was loaded at: otherwise throws ProjectionWriteConflictError, and the caller loads
   * and folds the batch again (the guard skips whatever part of it was already written).
   */
  save(changes: readonly DocumentChange<Doc>[]): Promise<void>;
  /** Throws every document away, for a rebuild; dropping what is not there is fine. */
  drop(): Promise<void>;
}

/** Gives each projection its store, in one database. */
export interface ProjectionStores {
  of<Doc extends object>(projection: Projection<Doc>): ProjectionStore<Doc>;
}

/** DI token of a service's `ProjectionStores`. */
export const PROJECTION_STORES = Symbol('PROJECTION_STORES');
