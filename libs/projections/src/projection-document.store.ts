import type { Connection, mongo } from 'mongoose';
import type { Projection } from './projection.definition';
import type { TrackedDocument } from './projection.fold';
import type { StreamVersions } from './stream-version.guard';

/** A projection's document at rest: its own fields beside the toolkit's bookkeeping. */
export interface StoredProjectionDocument {
  _id: string;
  /** The document's revision (a bigint, as a string): what an optimistic write filters on. */
  _rev: string;
  _streamVersions: Record<string, string>;
  [field: string]: unknown;
}

export interface DocumentChange<Doc> {
  documentId: string;
  /** The revision it was loaded at; 0 when it did not exist. */
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

const DUPLICATE_KEY = 11000;

/** Loads and writes a projection's documents in MongoDB (or FerretDB): one find and one bulk write per batch. */
export class ProjectionDocumentStore<Doc extends object> {
  constructor(
    private readonly connection: Connection,
    private readonly projection: Projection<Doc>,
  ) {}

  private get collection(): mongo.Collection<StoredProjectionDocument> {
    return this.connection.collection<StoredProjectionDocument>(this.projection.collection);
  }

  async load(documentIds: readonly string[]): Promise<Map<string, TrackedDocument<Doc>>> {
    const documents = new Map<string, TrackedDocument<Doc>>();
    if (documentIds.length === 0) return documents;
    const stored = await this.collection.find({ _id: { $in: [...documentIds] } }).toArray();
    for (const { _id, _rev, _streamVersions, ...doc } of stored) {
      const streamVersions: StreamVersions = _streamVersions ?? {};
      documents.set(_id, { doc: doc as Doc, streamVersions, revision: BigInt(_rev) });
    }
    return documents;
  }

  /**
   * One bulk write for the whole batch. Each replacement is filtered on the revision the document
   * was loaded at, with upsert: if another writer moved it on, the filter matches nothing, the
   * upsert collides on `_id`, and the batch is refused rather than overwriting newer work. There are
   * no transactions (FerretDB has none): a partly written batch is safe to run again, because the
   * version guard skips what was already applied.
   *
   * On FerretDB 1.x the filter and the write are two steps, so two writers in the very same instant
   * can both pass; only real MongoDB closes that window. Kafka gives each partition (and so each
   * stream's documents) one consumer at a time, so such a race needs a rebalance mid-batch.
   */
  async save(changes: readonly DocumentChange<Doc>[]): Promise<void> {
    if (changes.length === 0) return;
    const operations: mongo.AnyBulkWriteOperation<StoredProjectionDocument>[] = changes.map(
      ({ documentId, previousRevision, document }) => ({
        replaceOne: {
          filter: { _id: documentId, _rev: previousRevision.toString() },
          replacement: {
            ...document.doc,
            _id: documentId,
            _rev: document.revision.toString(),
            _streamVersions: { ...document.streamVersions },
          },
          upsert: true,
        },
      }),
    );
    try {
      await this.collection.bulkWrite(operations, { ordered: true });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) throw new ProjectionWriteConflictError(this.projection.collection);
      throw error;
    }
  }

  async ensureIndexes(): Promise<void> {
    for (const index of this.projection.indexes ?? []) {
      await this.collection.createIndex(index.keys, {
        ...(index.unique !== undefined ? { unique: index.unique } : {}),
        ...(index.name !== undefined ? { name: index.name } : {}),
      });
    }
  }

  async drop(): Promise<void> {
    try {
      await this.connection.dropCollection(this.projection.collection);
    } catch (error) {
      // Dropping what is not there is fine: the goal is an empty collection.
      if ((error as { codeName?: unknown }).codeName !== 'NamespaceNotFound') throw error;
    }
  }
}
