import { createHash, randomUUID } from 'node:crypto';
import type { DomainEvent, EventCatalog } from './catalog';
import type { Decider } from './decider';
import type { EventMetadata, NewEvent, RecordedEvent } from './envelope';
import { ConcurrencyError, DomainRuleViolation, IdempotencyKeyRaceError, IdempotencyKeyReusedError } from './errors';
import type { EventStore, ExpectedVersion } from './event-store';
import type { FreeTextWrites } from './free-texts';

export interface CommandContext {
  metadata: EventMetadata;
  /** The moment of the command; the events' occurredAt. Deciders never read a clock. */
  now: Date;
  /** The request's Idempotency-Key: a retried request returns the first result. */
  idempotencyKey?: string;
  /**
   * If-Match: the version the client read — a conflict is then the client's to resolve, never
   * retried — or `stream_exists` (`If-Match: *`): any version will do, as long as there is one.
   */
  expectedVersion?: bigint | 'stream_exists';
  /**
   * What the client asked, as the idempotency fingerprint sees it (e.g. route, parameters, body).
   * Without it the command is fingerprinted, and a command that carries the day it runs would
   * not match its own retry on a later day.
   */
  request?: unknown;
}

/** Undoes what a step before the append did, when the command ends up not appended. */
export type Undo = () => Promise<void>;

export interface CommandSteps<Event> {
  /**
   * Runs after `decide` accepted the command and before its events are appended: a write on
   * another stream the command depends on (e.g. reserving a unique reference). A broken rule
   * stops the command; the returned undo runs if the events are not appended after all.
   */
  beforeAppend?: (events: readonly Event[]) => Promise<DomainRuleViolation | Undo | void>;
  /** Free texts the command's events refer to by id, or erasures: stored in the append's transaction. */
  freeTexts?: FreeTextWrites;
}

export interface Accepted {
  kind: 'accepted';
  streamId: string;
  /** The stream's version after the command (unchanged when it decided nothing). */
  streamVersion: bigint;
  eventIds: string[];
  events: DomainEvent[];
  /** True when this is the stored result of an earlier request with the same idempotency key. */
  replayed: boolean;
}

export type CommandOutcome = Accepted | DomainRuleViolation;

export interface CommandHandlerOptions {
  store: EventStore;
  catalog: EventCatalog;
  /** Attempts after a version conflict, when the client did not pin a version. */
  maxRetries?: number;
  newEventId?: () => string;
  /**
   * How many streams' folded states the handler keeps between commands (0: none). A command then
   * reads only the events appended since, instead of the whole stream: the cost of a command no
   * longer grows with its stream (a project with hundreds of results).
   */
  foldedStreams?: number;
}

/** A digest of what was asked, so a reused idempotency key with another request can be told apart. */
export function fingerprintOf(streamId: string, command: unknown): string {
  return createHash('sha256').update(stableJson({ streamId, command })).digest('hex');
}

/**
 * The one way a command runs:
 * 1. a known idempotency key returns the first result;
 * 2. read the stream and fold it into state with `evolve`;
 * 3. `decide`: events, or a broken rule (unless a retry of this request landed meanwhile: its
 *    replay); then the version the client pinned (If-Match), if any;
 * 4. append with the version read (or the one the client pinned), recording the idempotency key
 *    in the same transaction; on a conflict, go again from 1, a bounded number of times.
 */
export function commandHandler<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  options: CommandHandlerOptions,
) {
  const { store, catalog } = options;
  // A writer that did not pin a version is retried until it lands or a rule refuses it: a burst
  // of partners on one project must not surface as conflicts they never caused.
  const maxRetries = options.maxRetries ?? 25;
  const newEventId = options.newEventId ?? randomUUID;
  const folds = new FoldedStreams<State>(options.foldedStreams ?? 2_000);

  return async function handle(streamId: string, command: Command, context: CommandContext, steps: CommandSteps<Event> = {}): Promise<CommandOutcome> {
    const fingerprint = context.idempotencyKey ? fingerprintOf(streamId, context.request ?? command) : undefined;
    const undos: Undo[] = [];
    const undoAll = async () => {
      for (const undo of undos.reverse()) await undo();
    };
    /** The first answer to this request, when a request with its idempotency key has already landed. */
    const replay = async (): Promise<CommandOutcome | undefined> => {
      if (!context.idempotencyKey || !fingerprint) return undefined;
      const record = await store.findIdempotencyRecord(context.idempotencyKey);
      if (!record) return undefined;
      if (record.requestFingerprint !== fingerprint || record.streamId !== streamId) {
        throw new IdempotencyKeyReusedError(context.idempotencyKey);
      }
      const stored = await store.readStream(streamId);
      const ids = new Set(record.eventIds);
      const events = stored.events
        .filter((recorded) => ids.has(recorded.eventId))
        .map((recorded) => ({ type: recorded.type, data: catalog.read(recorded.type, recorded.schemaVersion, recorded.data) }));
      return { kind: 'accepted', streamId, streamVersion: record.streamVersion, eventIds: record.eventIds, events, replayed: true };
    };
    for (let attempt = 0; ; attempt += 1) {
      // 1. Idempotency
      const first = await replay();
      if (first) return first;

      // 2. Aggregate the stream
      const { streamVersion, state } = await aggregateStream(decider, options, streamId, folds);

      // 3. Decide. Who may act, and whether the stream is theirs to see, is the decider's to say
      // first: checked before it, If-Match would tell a caller out of scope whether the stream
      // exists (and its version) where a stream that does not exist gets the decider's refusal.
      const decision = decider.decide(command, state);
      if (decision instanceof DomainRuleViolation) {
        await undoAll();
        // A retry of this very request may have landed between step 1 and the read: the state then
        // holds its events, and the rule refuses them twice ("already defined"). It gets the replay.
        return (await replay()) ?? decision;
      }
      const versionRead = typeof context.expectedVersion === 'bigint' ? context.expectedVersion : undefined;
      if (versionRead !== undefined && versionRead !== (streamVersion ?? 0n)) {
        throw new ConcurrencyError(streamId, versionRead, streamVersion);
      }
      if (context.expectedVersion === 'stream_exists' && streamVersion === null) {
        throw new ConcurrencyError(streamId, 'stream_exists', null);
      }
      if (decision.length === 0) {
        await undoAll();
        return { kind: 'accepted', streamId, streamVersion: streamVersion ?? 0n, eventIds: [], events: [], replayed: false };
      }
      const before = await steps.beforeAppend?.(decision);
      if (before instanceof DomainRuleViolation) {
        await undoAll();
        return before;
      }
      if (before) undos.push(before);

      // 4. Append with the expected version
      const occurredAt = context.now.toISOString();
      const newEvents: NewEvent[] = decision.map((domainEvent) => {
        const { schemaVersion, data } = catalog.validateForWrite(domainEvent.type, domainEvent.data);
        return { eventId: newEventId(), type: domainEvent.type, schemaVersion, data, occurredAt, metadata: context.metadata };
      });
      const expectedVersion: ExpectedVersion = streamVersion === null ? 'no_stream' : streamVersion;
      try {
        const result = await store.appendToStream(streamId, newEvents, {
          expectedVersion,
          ...(context.idempotencyKey && fingerprint
            ? { idempotency: { key: context.idempotencyKey, requestFingerprint: fingerprint } }
            : {}),
          ...(steps.freeTexts ? { freeTexts: steps.freeTexts } : {}),
        });
        return {
          kind: 'accepted',
          streamId,
          streamVersion: result.streamVersion,
          eventIds: newEvents.map((newEvent) => newEvent.eventId),
          events: [...decision],
          replayed: false,
        };
      } catch (error) {
        // A concurrent request with the same idempotency key won: the next round returns its result.
        if (error instanceof IdempotencyKeyRaceError && attempt < maxRetries) continue;
        // Without a version read (no If-Match, or If-Match: *) a conflict is only another writer in between.
        const retryable = error instanceof ConcurrencyError && typeof context.expectedVersion !== 'bigint' && attempt < maxRetries;
        if (!retryable) {
          await undoAll();
          throw error;
        }
        // Writers that collided would collide again in lock step: spread them a little.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt + 1, 10)));
      }
    }
  };
}

/** A stream's state folded up to one of its events, kept to fold on from there. */
interface FoldedStream<State> {
  version: bigint;
  /** The id of the event at `version`: the store must still hold it there for the fold to count. */
  lastEventId: string;
  state: State;
}

/**
 * The most recently used streams' folds. Sound because events never change once appended and
 * `evolve` returns new states without touching the old (deciders are pure), so a kept state is
 * exactly the fold of the stream up to its version, whoever appended since.
 */
class FoldedStreams<State> {
  private readonly folds = new Map<string, FoldedStream<State>>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): FoldedStream<State> | undefined {
    const fold = this.folds.get(streamId);
    if (fold) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.folds.delete(streamId);
      this.folds.set(streamId, fold);
    }
    return fold;
  }

  set(streamId: string, fold: FoldedStream<State>): void {
    if (this.capacity <= 0) return;
    this.folds.delete(streamId);
    this.folds.set(streamId, fold);
    if (this.folds.size > this.capacity) this.folds.delete(this.folds.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.folds.delete(streamId);
  }
}

/**
 * Folds a stream into the decider's state (events upcast to their current version): from its kept
 * fold when there is one, reading the kept fold's last event again to check the store still holds
 * it there (a store emptied and refilled, as tests do, must not meet an old fold), else from the start.
 */
async function aggregateStream<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  { store, catalog }: Pick<CommandHandlerOptions, 'store' | 'catalog'>,
  streamId: string,
  folds: FoldedStreams<State>,
): Promise<{ streamVersion: bigint | null; state: State }> {
  const fold = (state: State, recorded: RecordedEvent) =>
    decider.evolve(state, { type: recorded.type, data: catalog.read(recorded.type, recorded.schemaVersion, recorded.data) } as Event);
  const kept = folds.get(streamId);
  if (kept) {
    const { streamVersion, events } = await store.readStream(streamId, { fromVersion: kept.version });
    if (events[0]?.eventId === kept.lastEventId) {
      const state = events.slice(1).reduce(fold, kept.state);
      remember(folds, streamId, streamVersion, events, state);
      return { streamVersion, state };
    }
    folds.delete(streamId);
  }
  const { streamVersion, events } = await store.readStream(streamId);
  const state = events.reduce(fold, decider.initialState());
  remember(folds, streamId, streamVersion, events, state);
  return { streamVersion, state };
}

function remember<State>(folds: FoldedStreams<State>, streamId: string, streamVersion: bigint | null, events: readonly RecordedEvent[], state: State): void {
  const last = events[events.length - 1];
  // The version is read with the events, in one statement: when it is the last event's, the state is its fold.
  if (last && last.streamVersion === streamVersion) folds.set(streamId, { version: last.streamVersion, lastEventId: last.eventId, state });
}

/** JSON with object keys sorted, so equal requests give equal fingerprints whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return inner.toString();
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return inner;
  });
}
