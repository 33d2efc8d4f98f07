import type { EventCatalog, RecordedEvent } from '@eutf/event-sourcing';
import type { Projection } from './projection.definition';
import { EventOutcome, TrackedDocument, foldEvent } from './projection.fold';
import { readForProjection } from './event.reader';
import type { DocumentFilter, ProjectionReader } from './projection.store';

export interface ApplyInMemoryOptions {
  /** Given, events are upcast as the runner does; without it, their data must already be current. */
  catalog?: EventCatalog;
  /** Told what became of each event (a gap, a refused event…), as the runner would report it. */
  onOutcome?: (event: RecordedEvent, outcome: EventOutcome) => void;
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
  const documents = new Map<string, TrackedDocument<Doc>>();
  for (const recorded of events) {
    let outcome: EventOutcome;
    let event = recorded;
    try {
      event = options.catalog ? readForProjection(projection, options.catalog, recorded) : recorded;
      outcome = foldEvent(projection, documents, event);
    } catch (error) {
      // Unreadable data: the runner dead-letters it, so the in-memory fold leaves it out too.
      outcome = { kind: 'rejected', reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
    options.onOutcome?.(event, outcome);
  }
  return new Map([...documents].map(([id, tracked]) => [id, tracked.doc]));
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
    find: async (filter, options = {}) =>
      [...documents]
        .filter(([, doc]) => matches(doc, filter))
        .sort(byField<Doc>(options.orderBy as keyof Doc | undefined))
        .map(([, doc]) => doc),
  };
}
