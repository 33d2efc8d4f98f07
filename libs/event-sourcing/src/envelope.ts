/**
 * The envelope every event travels in, from the command that caused it to the read model it
 * ends in. Positions and versions are bigint in code and strings at rest and on the wire.
 */

/** Who caused an event: the JWT's subject, role, and scope (organisation or country). */
export interface Actor {
  subject: string;
  role: string;
  org?: string;
  country?: string;
}

export interface EventMetadata {
  actor: Actor;
  correlationId: string;
  /** The id of the command or event that caused this one; null for a user's own command. */
  causationId: string | null;
  /** The HTTP request that issued the command, for the audit trail (absent on events recorded before it was kept). */
  request?: { method: string; path: string };
}

/** An event about to be appended: everything but what the store assigns. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  /** When it happened in the domain (ISO 8601, UTC). */
  occurredAt: string;
  metadata: EventMetadata;
}

/**
 * Where an event sits in a store's log of all streams. Ordering is by `commit`, then `prepare`:
 * for PostgreSQL the writing transaction's id and the row's sequence number; for KurrentDB its
 * commit and prepare positions.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START_OF_LOG: LogPosition = { commit: 0n, prepare: 0n };

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: bigint;
  position: LogPosition;
  /** When the store committed it (ISO 8601, UTC). */
  recordedAt: string;
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** "commit/prepare", the form positions take at rest and on the wire. */
export function formatPosition(position: LogPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): LogPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a log position: "${text}" (expected "commit/prepare")`);
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
}
