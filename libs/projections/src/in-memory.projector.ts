import type { EventCatalog, RecordedEvent } from '@eutf/event-sourcing';
import type { Projection } from './projection.definition';
import { EventOutcome, TrackedDocument, foldEvent } from './projection.fold';
import { readForProjection } from './event.reader';

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
