import type { TrackedDocument } from './projection.fold';
import type { DocumentChange, ProjectionStore } from './projection.store';

/**
 * Where a catch-up folds: the documents held in memory, behind the store methods the batch
 * processor calls, so that the very code that applies live batches applies these. Every document
 * is new to the store it will be written to, so each is written as a change from revision 0.
 */
export class CatchUpDocuments<Doc extends object> implements Pick<ProjectionStore<Doc>, 'load' | 'save'> {
  private readonly tracked = new Map<string, TrackedDocument<Doc>>();

  get size(): number {
    return this.tracked.size;
  }

  async load(documentIds: readonly string[]): Promise<Map<string, TrackedDocument<Doc>>> {
    const found = new Map<string, TrackedDocument<Doc>>();
    for (const id of documentIds) {
      const document = this.tracked.get(id);
      if (document) found.set(id, document);
    }
    return found;
  }

  async save(changes: readonly DocumentChange<Doc>[]): Promise<void> {
    for (const { documentId, document } of changes) this.tracked.set(documentId, document);
  }

  /** Every document as a change from nothing, `size` at a time: what the store is given to write. */
  *changes(size: number): Generator<DocumentChange<Doc>[]> {
    let chunk: DocumentChange<Doc>[] = [];
    for (const [documentId, document] of this.tracked) {
      chunk.push({ documentId, previousRevision: 0n, document });
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}
