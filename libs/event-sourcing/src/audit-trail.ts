import type { Actor, RecordedEvent } from './envelope';
import type { FreeTextView } from './free-texts';

/** One change of an aggregate, as an audit trail shows it: who, when, what and why. */
export interface AuditEntry {
  streamVersion: string;
  /** When the store recorded it, and when it happened as the command said. */
  recordedAt: string;
  occurredAt: string;
  who: Actor;
  what: { event: string; summary: string };
  why: { reason: FreeTextView | null; correlationId: string; causationId: string | null; request: { method: string; path: string } | null };
  /** The free texts the change refers to, each with the id an admin erases it by, and its text or that it was erased. */
  texts: Array<{ field: string } & FreeTextView>;
}

/** A reason the event holds itself (a code): shown as it is, with no id, as there is nothing to erase. */
export const reasonAsIs = (text: string | null): FreeTextView | null => (text === null ? null : { textId: null, status: 'shown', text });

/**
 * A recorded event as an entry of its aggregate's audit trail. The context says what happened in
 * its own words (`summary`) and the reason the actor gave, if any; the envelope says the rest.
 */
export function auditEntryOf(
  recorded: RecordedEvent,
  described: { summary: string; reason: FreeTextView | null; texts?: AuditEntry['texts'] },
): AuditEntry {
  const { actor, correlationId, causationId, request } = recorded.metadata;
  return {
    streamVersion: recorded.streamVersion.toString(),
    recordedAt: recorded.recordedAt,
    occurredAt: recorded.occurredAt,
    who: actor,
    what: { event: recorded.type, summary: described.summary },
    why: { reason: described.reason, correlationId, causationId, request: request ?? null },
    texts: described.texts ?? [],
  };
}
