import type { EventCatalog, RecordedEvent } from '@eutf/event-sourcing';
import type { Projection } from './projection.definition';
import { EventOutcome, TrackedDocument, foldEvent } from './projection.fold';
import { readForProjection } from './event.reader';
import { inOrderOf, type DocumentFilter, type ProjectionReader } from './projection.store';

export interface ApplyInMemoryOptions {
  /** Given, events are upcast as the runner does; without it, their data must already be current. */
  catalog?: EventCatalog;
  /** Told what became of each event (a gap, a refused event…), as the runner would report it. */
  onOutcome?: (event: RecordedEvent, outcome: EventOutcome) => void;
}

/**
 * A projection folded in memory, with the same version guard as the live runner, fed as events
 * come: each stream's events must come in its order (as a Kafka partition or the event store gives
 * them); different streams may interleave.
 */
export class InMemoryProjection<Doc extends object> {
  private readonly tracked: Map<string, TrackedDocument<Doc>>;

  /** `from`: the documents of an earlier fold (`trackedDocuments`), to fold on from, the events after it. */
  constructor(
    private readonly projection: Projection<Doc>,
    private readonly options: ApplyInMemoryOptions = {},
    from: Iterable<[string, TrackedDocument<Doc>]> = [],
  ) {
    this.tracked = new Map(from);
  }

  fold(events: Iterable<RecordedEvent>): void {
    for (const recorded of events) {
      let outcome: EventOutcome;
      let event = recorded;
      try {
        event = this.options.catalog ? readForProjection(this.projection, this.options.catalog, recorded) : recorded;
        outcome = foldEvent(this.projection, this.tracked, event);
      } catch (error) {
        // Unreadable data: the runner dead-letters it, so the in-memory fold leaves it out too.
        outcome = { kind: 'rejected', reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
      }
      this.options.onOutcome?.(event, outcome);
    }
  }

  /** The documents with their versions of each stream: what a later fold goes on from (a checkpoint). */
  trackedDocuments(): ReadonlyMap<string, TrackedDocument<Doc>> {
    return this.tracked;
  }

  documents(): Map<string, Doc> {
    return new Map([...this.tracked].map(([id, tracked]) => [id, tracked.doc]));
  }
}

/**
 * Folds a projection over events in memory, with the same version guard as the live runner: used
 * to build a report "as of" a past date from the events up to it. Events are taken in the order
 * given, which must keep each stream's order (as a Kafka partition or the event store does).
 */
export function applyInMemory<Doc extends object>(
  projection: Projection<Doc>,
  events: Iterable<RecordedEvent>,
  options: ApplyInMemoryOptions = {},
): Map<string, Doc> {
  const folded = new InMemoryProjection(projection, options);
  folded.fold(events);
  return folded.documents();
}

const isAbsent = (value: unknown) => value === undefined || value === null;

/** Ascending as the MongoDB store orders text (missing and null first), by document id last. */
function byField<Doc>(field: keyof Doc | undefined) {
  return ([idA, a]: [string, Doc], [idB, b]: [string, Doc]): number => {
    if (field !== undefined) {
      const [valueA, valueB] = [a[field], b[field]];
      if (isAbsent(valueA) !== isAbsent(valueB)) return isAbsent(valueA) ? -1 : 1;
      if (!isAbsent(valueA) && valueA !== valueB) return String(valueA) < String(valueB) ? -1 : 1;
    }
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
}

/**
 * Reads documents folded in memory (`applyInMemory`) as a store's reader reads them: the same
 * filter (an array field matches when it holds the value) and the same order, so a query written
 * for the live read model answers alike over a fold "as of" a past date.
 */
export function inMemoryProjectionReader<Doc extends object>(documents: ReadonlyMap<string, Doc>): ProjectionReader<Doc> {
  const matches = (doc: Doc, filter: DocumentFilter<Doc>) =>
    Object.entries(filter).every(([field, wanted]) => {
      if (wanted === undefined) return true;
      const value = (doc as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.includes(wanted) : value === wanted;
    });
  return {
    get: async (documentId) => documents.get(documentId),
    getMany: async (documentIds) => inOrderOf(documentIds, documents),
    find: async (filter, options = {}) =>
      [...documents]
        .filter(([, doc]) => matches(doc, filter))
        .sort(byField<Doc>(options.orderBy as keyof Doc | undefined))
        .map(([, doc]) => doc),
  };
}
