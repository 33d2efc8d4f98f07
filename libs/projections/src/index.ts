export type { Projection, ProjectionIndex } from './projection.definition';
export {
  InvalidStreamIdError,
  checkStreamVersion,
  gapReason,
  recordStreamVersion,
  streamIdOfKey,
  streamVersionKey,
  type StreamVersions,
  type VersionCheck,
} from './stream-version.guard';
export type { EventOutcome, TrackedDocument } from './projection.fold';
export { applyInMemory, type ApplyInMemoryOptions } from './in-memory.projector';
export type { StoredProjectionDocument } from './projection-document.store';
export { DEAD_LETTER_HEADERS } from './dead-letter.publisher';
export type { ProjectionLogger } from './projection.logger';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection.runner';
