/**
 * The last applied version of each source stream, as a document stores it: keyed by the stream id
 * made safe for a MongoDB key (`streamVersionKey`), the version as a string (versions are bigint in
 * code and strings at rest).
 */
export type StreamVersions = Readonly<Record<string, string>>;

export type VersionCheck =
  | { kind: 'next' }
  | { kind: 'duplicate'; last: bigint }
  | { kind: 'gap'; expected: bigint };

export class InvalidStreamIdError extends Error {
  constructor(reason: string) {
    super(`Stream id cannot be tracked: ${reason}`);
    this.name = 'InvalidStreamIdError';
  }
}

/**
 * MongoDB (and FerretDB even more so) refuses keys that contain `.` or start with `$`. Escaping them
 * percent-style (and `%` itself, so the mapping stays one-to-one) keeps any stream id usable.
 */
export function streamVersionKey(streamId: string): string {
  if (streamId === '') throw new InvalidStreamIdError('it is empty');
  if (streamId.includes('\0')) throw new InvalidStreamIdError('it contains a NUL character');
  return streamId.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
}

export function streamIdOfKey(key: string): string {
  const unescaped: Record<string, string> = { '%25': '%', '%2E': '.', '%24': '$' };
  return key.replace(/%(25|2E|24)/g, (escape) => unescaped[escape] ?? escape);
}

/**
 * How much of a stream a document sees: all of it (`whole`), all of it from some event on
 * (`partial`), or only some of its events (`sparse`).
 */
export type StreamCoverage = 'whole' | 'partial' | 'sparse';

/**
 * Where an event stands against what the document has applied of its stream:
 * at or below the recorded version it is a duplicate (skipped, so redelivery is harmless); exactly
 * one above, the next; further above, a gap — unless the document sees the stream sparsely, where
 * any later version is the next. A stream the document has no record of starts at 1, unless the
 * document sees it partially or sparsely.
 */
export function checkStreamVersion(
  versions: StreamVersions | undefined,
  streamId: string,
  version: bigint,
  coverage: StreamCoverage = 'whole',
): VersionCheck {
  const recorded = versions?.[streamVersionKey(streamId)];
  if (recorded === undefined) {
    if (version === 1n || coverage !== 'whole') return { kind: 'next' };
    return { kind: 'gap', expected: 1n };
  }
  const last = BigInt(recorded);
  if (version <= last) return { kind: 'duplicate', last };
  if (version === last + 1n || coverage === 'sparse') return { kind: 'next' };
  return { kind: 'gap', expected: last + 1n };
}

export function recordStreamVersion(versions: StreamVersions | undefined, streamId: string, version: bigint): StreamVersions {
  return { ...versions, [streamVersionKey(streamId)]: version.toString() };
}

/** The reason a gap is reported with, on the dead-letter topic and in the logs. */
export function gapReason(streamId: string, expected: bigint, got: bigint): string {
  return `gap: stream ${streamId} expected version ${expected}, got ${got}`;
}
