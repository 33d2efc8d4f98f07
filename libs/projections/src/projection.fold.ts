import type { RecordedEvent } from '@eutf/event-sourcing';
import type { Projection } from './projection.definition';
import { StreamCoverage, StreamVersions, checkStreamVersion, gapReason, recordStreamVersion } from './stream-version.guard';

/** A projection's document with what the version guard needs to know about it. */
export interface TrackedDocument<Doc> {
  readonly doc: Doc;
  readonly streamVersions: StreamVersions;
  /**
   * How many events have moved this document (applied, or noted as ignored). Derived from the
   * events alone, so a rebuild gives every document the same revision as the first build did.
   */
  readonly revision: bigint;
}

export type EventOutcome =
  /** `apply` ran and the stream's version was recorded. */
  | { kind: 'applied'; documentId: string }
  /** At or below the recorded version: a redelivery, a no-op. */
  | { kind: 'skipped'; documentId: string }
  /** Not handled, or no document: nothing to apply (the stream's version may have been noted). */
  | { kind: 'ignored'; documentId?: string }
  /** A gap, or an event `apply` refused: not applied, to be dead-lettered with the reason. */
  | { kind: 'rejected'; documentId?: string; reason: string };

const coverageOf = (projection: Pick<Projection<object>, 'sparseStreams' | 'allowsPartialStreams'>): StreamCoverage => {
  if (projection.sparseStreams) return 'sparse';
  return projection.allowsPartialStreams ? 'partial' : 'whole';
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Folds one event into a set of documents held in memory, guarded by the last applied version of
 * its stream. The one place where the guard and `apply` meet: the runner folds a Kafka batch into
 * the documents it loaded, `applyInMemory` folds a list of events into nothing at all.
 */
export function foldEvent<Doc extends object>(
  projection: Projection<Doc>,
  documents: Map<string, TrackedDocument<Doc>>,
  event: RecordedEvent,
): EventOutcome {
  const handled = projection.handles.includes(event.type);
  let documentId: string | undefined;
  try {
    documentId = projection.documentIdOf(event) || undefined;
  } catch (error) {
    return handled ? { kind: 'rejected', reason: `no document id: ${messageOf(error)}` } : { kind: 'ignored' };
  }
  if (documentId === undefined) return { kind: 'ignored' };
  const current = documents.get(documentId);
  // An ignored event never creates a document; it only keeps an existing one's versions in step.
  if (!handled && !current) return { kind: 'ignored', documentId };

  let check: ReturnType<typeof checkStreamVersion>;
  try {
    check = checkStreamVersion(current?.streamVersions, event.streamId, event.streamVersion, coverageOf(projection));
  } catch (error) {
    return handled ? { kind: 'rejected', documentId, reason: messageOf(error) } : { kind: 'ignored', documentId };
  }
  switch (check.kind) {
    case 'duplicate':
      return handled ? { kind: 'skipped', documentId } : { kind: 'ignored', documentId };
    case 'gap':
      // An ignored event leaves the gap to be reported by the next handled one, which still sees it.
      return handled
        ? { kind: 'rejected', documentId, reason: gapReason(event.streamId, check.expected, event.streamVersion) }
        : { kind: 'ignored', documentId };
    case 'next':
      break;
    default: {
      const unreachable: never = check;
      throw new Error(`Unhandled version check ${JSON.stringify(unreachable)}`);
    }
  }

  const streamVersions = recordStreamVersion(current?.streamVersions, event.streamId, event.streamVersion);
  const revision = (current?.revision ?? 0n) + 1n;
  if (!handled && current) {
    documents.set(documentId, { doc: current.doc, streamVersions, revision });
    return { kind: 'ignored', documentId };
  }
  let doc: Doc;
  try {
    doc = projection.apply(current?.doc, event);
  } catch (error) {
    // Its version is not recorded: later events of the stream are gaps until a fix and a rebuild.
    return { kind: 'rejected', documentId, reason: `apply failed: ${messageOf(error)}` };
  }
  documents.set(documentId, { doc, streamVersions, revision });
  return { kind: 'applied', documentId };
}
