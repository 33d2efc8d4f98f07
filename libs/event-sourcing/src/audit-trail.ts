import type { Actor, RecordedEvent } from './envelope';

/** One change of an aggregate, as an audit trail shows it: who, when, what and why. */
export interface AuditEntry {
  streamVersion: string;
  /** When the store recorded it, and when it happened as the command said. */
  recordedAt: string;
  occurredAt: string;
  who: Actor;
  what: { event: string; summary: string };
  why: { reason: string | null; correlationId: string; causationId: string | null; request: { method: string; path: string } | null };
}

/**
 * A recorded event as an entry of its aggregate's audit trail. The context says what happened in
 * its own words (`summary`) and the reason the actor gave, if any; the envelope says the rest.
 */
export function auditEntryOf(recorded: RecordedEvent, described: { summary: string; reason: string | null }): AuditEntry {
  const { actor, correlationId, causationId, request } = recorded.metadata;
  return {
    streamVersion: recorded.streamVersion.toString(),
    recordedAt: recorded.recordedAt,
    occurredAt: recorded.occurredAt,
    who: actor,
    what: { event: recorded.type, summary: described.summary },
    why: { reason: described.reason, correlationId, causationId, request: request ?? null },
  };
}
