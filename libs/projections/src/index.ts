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
export { applyInMemory, InMemoryProjection, inMemoryProjectionReader, type ApplyInMemoryOptions } from './in-memory.projector';
export { OffsetPastEndError, readTopicPrefixes, readTopicsFromStart, type TopicHistoryOptions, type TopicHistoryRead, type TopicOffsets, type TopicPrefixes } from './topic-history.reader';
export {
  PROJECTION_STORES,
  ProjectionWriteConflictError,
  type DocumentChange,
  type DocumentFilter,
  type OrderableField,
  type ProjectionReader,
  type ProjectionStore,
  type ProjectionStores,
} from './projection.store';
export { mongoProjectionStores, type StoredProjectionDocument } from './mongo-projection.store';
export { postgresProjectionStores, type PostgresProjectionStoresOptions } from './postgres-projection.store';
export { DEAD_LETTER_HEADERS } from './dead-letter.publisher';
export type { ProjectionLogger } from './projection.logger';
export { ProjectionRunner, startProjectionRunners, type CatchUp, type ProjectionRunnerOptions, type StartableRunner } from './projection.runner';
export { OwnViewModule, type OwnViewOptions } from './nest/own-view.module';
