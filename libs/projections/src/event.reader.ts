import type { EventCatalog, RecordedEvent } from '@eutf/event-sourcing';
import type { Projection } from './projection.definition';

/**
 * Upcasts the data of an event the projection handles to its current schema version (the catalog
 * validates it in the version it was written in first). Events it does not handle are passed on as
 * written: their types need not even be in the catalog. Throws the catalog's errors.
 */
export function readForProjection<Doc extends object>(
  projection: Projection<Doc>,
  catalog: EventCatalog,
  event: RecordedEvent,
): RecordedEvent {
  if (!projection.handles.includes(event.type)) return event;
  const data = catalog.read(event.type, event.schemaVersion, event.data);
  const definition = catalog.get(event.type);
  return { ...event, data, schemaVersion: definition.currentVersion };
}
