import type { Connection, mongo } from 'mongoose';
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

/**
 * A projection's document at rest in MongoDB: its own fields beside the toolkit's bookkeeping; or,
 * for a projection stored as text, the document as JSON text (`_doc`) beside copies of its
 * queryable fields.
 */
export interface StoredProjectionDocument {
  _id: string;
  /** The document's revision (a bigint, as a string): what an optimistic write filters on. */
  _rev: string;
  _streamVersions: Record<string, string>;
  _doc?: string;
  [field: string]: unknown;
}

const DUPLICATE_KEY = 11000;

/**
 * What `apply` wrote, without the bookkeeping stored beside it: parsed from its text, or, for a
 * document stored before its projection was stored as text, its own fields (the next write of it
 * stores it as text).
 */
function documentOf<Doc>({ _id, _rev, _streamVersions, _doc, ...fields }: StoredProjectionDocument): Doc {
  return (typeof _doc === 'string' ? JSON.parse(_doc) : fields) as Doc;
}

/**
 * Ids per `getMany` query: our FerretDB build finds an `_id: {$in}` list of up to 10,000 through
 * its index (longer ones it scans), and MongoDB keeps a command under 16 MB.
 */
const GET_MANY_CHUNK = 5_000;

/** Loads and writes a projection's documents in MongoDB (or FerretDB): one find and one bulk write per batch. */
export class MongoProjectionStore<Doc extends object> implements ProjectionStore<Doc> {
  constructor(
    private readonly connection: Connection,
    private readonly projection: Projection<Doc>,
  ) {}

  private get collection(): mongo.Collection<StoredProjectionDocument> {
    return this.connection.collection<StoredProjectionDocument>(this.projection.collection);
  }

  async get(documentId: string): Promise<Doc | undefined> {
    const stored = await this.collection.findOne({ _id: documentId });
    return stored ? documentOf<Doc>(stored) : undefined;
  }

  async getMany(documentIds: readonly string[]): Promise<Doc[]> {
    const byId = new Map<string, Doc>();
    for (let from = 0; from < documentIds.length; from += GET_MANY_CHUNK) {
      const stored = await this.collection.find({ _id: { $in: documentIds.slice(from, from + GET_MANY_CHUNK) } }).toArray();
      for (const document of stored) byId.set(document._id, documentOf<Doc>(document));
    }
    return inOrderOf(documentIds, byId);
  }

  async find(filter: DocumentFilter<Doc>, options: { orderBy?: OrderableField<Doc> } = {}): Promise<Doc[]> {
    // MongoDB's own equality already matches an array field holding the value.
    const query = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const text = this.projection.storedAsText;
    const hidden = text && [...Object.keys(query), ...(options.orderBy ? [String(options.orderBy)] : [])].find((field) => !(text.queryable as readonly string[]).includes(field));
    if (hidden) throw new Error(`${this.projection.name} keeps ${hidden} inside its documents' text: name it in storedAsText.queryable to filter or order by it`);
    const order: Record<string, 1> = options.orderBy ? { [options.orderBy]: 1 as const, _id: 1 } : { _id: 1 };
    const stored = await this.collection.find(query).sort(order).toArray();
    return stored.map((document) => documentOf<Doc>(document));
  }

  async load(documentIds: readonly string[]): Promise<Map<string, TrackedDocument<Doc>>> {
    const documents = new Map<string, TrackedDocument<Doc>>();
    if (documentIds.length === 0) return documents;
    const stored = await this.collection.find({ _id: { $in: [...documentIds] } }).toArray();
    for (const document of stored) {
      documents.set(document._id, {
        doc: documentOf<Doc>(document),
        streamVersions: document._streamVersions ?? {},
        revision: BigInt(document._rev),
      });
    }
    return documents;
  }

  /**
   * One bulk write for the whole batch. Each replacement is filtered on the revision the document
   * was loaded at, with upsert: if another writer moved it on, the filter matches nothing, the
   * upsert collides on `_id`, and the batch is refused rather than overwriting newer work (a new
   * document is inserted, and collides the same way). There are
   * no transactions (FerretDB has none): a partly written batch is safe to run again, because the
   * version guard skips what was already applied.
   *
   * On FerretDB 1.x the filter and the write are two steps, so two writers in the very same instant
   * can both pass; only real MongoDB closes that window. Kafka gives each partition (and so each
   * stream's documents) one consumer at a time, so such a race needs a rebalance mid-batch.
   */
  async save(changes: readonly DocumentChange<Doc>[]): Promise<void> {
    if (changes.length === 0) return;
    const operations: mongo.AnyBulkWriteOperation<StoredProjectionDocument>[] = changes.map(({ documentId, previousRevision, document }) => {
      const stored: StoredProjectionDocument = {
        ...this.fieldsOf(document.doc),
        _id: documentId,
        _rev: document.revision.toString(),
        _streamVersions: { ...document.streamVersions },
      };
      // A new document is inserted: it collides on `_id` exactly where the guarded upsert would,
      // and the server inserts a run of them in one command without looking anything up first.
      if (previousRevision === 0n) return { insertOne: { document: stored } };
      return { replaceOne: { filter: { _id: documentId, _rev: previousRevision.toString() }, replacement: stored, upsert: true } };
    });
    try {
      await this.collection.bulkWrite(operations, { ordered: true });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) throw new ProjectionWriteConflictError(this.projection.collection);
      throw error;
    }
  }

  /** The document's own fields; or, stored as text, its queryable fields and the whole as JSON. */
  private fieldsOf(doc: Doc): Record<string, unknown> {
    const text = this.projection.storedAsText;
    if (!text) return doc as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const field of text.queryable) if (doc[field] !== undefined) fields[field] = doc[field];
    return { ...fields, _doc: JSON.stringify(doc) };
  }

  /** The projection's indexes; created again after a rebuild dropped the collection. */
  async prepare(): Promise<void> {
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

/** Every projection's documents in a collection of its own, in the database of the given connection. */
export function mongoProjectionStores(connection: Connection): ProjectionStores {
  return { of: (projection) => new MongoProjectionStore(connection, projection) };
}
