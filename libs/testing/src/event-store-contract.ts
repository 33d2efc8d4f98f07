import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  IdempotencyKeyRaceError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  comparePositions,
} from '@eutf/event-sourcing';

export interface EventStoreFactoryOptions {
  /** Called inside each append's transaction just before it commits; used to delay commits. */
  beforeCommit?: (streamId: string) => Promise<void>;
}

export interface EventStoreContractSubject {
  /** A store over an empty log, with the given options. */
  create(options?: EventStoreFactoryOptions): Promise<EventStore>;
  /**
   * Whether the adapter can hold a commit open (PostgreSQL can; KurrentDB commits server-side).
   * The late-commit checks need it: for an adapter that cannot, they fail and say so, rather than
   * vanish from the run and leave the guarantee unchecked without anyone seeing.
   */
  canDelayCommits: boolean;
  dispose?(): Promise<void>;
}

const actor = { subject: 'officer-ml-1', role: 'delegation-officer', country: 'ML' };

export function newEvent(type = 'MilestoneReached', data: unknown = { milestone: 'M1' }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    occurredAt: '2017-03-31T00:00:00.000Z',
    metadata: { actor, correlationId: randomUUID(), causationId: null },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the whole log through a catch-up subscription, until as many events arrived as
 * `expected()` says once it knows (the writers are done), or time ran out.
 */
async function readThroughSubscription(
  store: EventStore,
  expected: () => number | undefined,
  timeoutMs: number,
): Promise<RecordedEvent[]> {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const done = () => {
    const target = expected();
    return target !== undefined && seen.length >= target;
  };
  const watcher = setInterval(() => done() && controller.abort(), 50);
  try {
    for await (const batch of store.subscribeToAll({ signal: controller.signal, batchSize: 7 })) {
      seen.push(...batch);
      if (done()) break;
    }
  } finally {
    clearTimeout(timer);
    clearInterval(watcher);
    controller.abort();
  }
  return seen;
}

/**
 * The behaviour every event store adapter must have. Each adapter's integration spec calls this
 * with a factory over a real server.
 */
export function describeEventStoreContract(adapter: string, subject: EventStoreContractSubject): void {
  describe(`event store contract: ${adapter}`, () => {
    afterAll(async () => subject.dispose?.());

    it('appends to a new stream and reads the events back, with versions from 1', async () => {
      const store = await subject.create();
      const stream = `project-${randomUUID()}`;
      const events = [newEvent('ProjectRegistered', { reference: 'T05-EUTF-SAH-ML-07' }), newEvent()];
      const result = await store.appendToStream(stream, events, { expectedVersion: 'no_stream' });
      expect(result).toMatchObject({ streamVersion: 2n, appended: true });

      const read = await store.readStream(stream);
      expect(read.streamVersion).toBe(2n);
      expect(read.events.map((event) => [event.eventId, event.type, event.streamVersion, event.data])).toEqual([
        [events[0]!.eventId, 'ProjectRegistered', 1n, { reference: 'T05-EUTF-SAH-ML-07' }],
        [events[1]!.eventId, 'MilestoneReached', 2n, { milestone: 'M1' }],
      ]);
      expect(read.events[0]).toMatchObject({ metadata: events[0]!.metadata, occurredAt: events[0]!.occurredAt, streamId: stream });
      expect(Date.parse(read.events[0]!.recordedAt)).not.toBeNaN();
      expect(comparePositions(read.events[1]!.position, result.position)).toBe(0);

      const all = await store.readAll({ maxCount: 1000 });
      expect(all.filter((event) => event.streamId === stream).map((event) => event.streamVersion)).toEqual([1n, 2n]);
    });

    it('reads part of a stream and reports an absent one', async () => {
      const store = await subject.create();
      const stream = `project-${randomUUID()}`;
      await store.appendToStream(stream, [newEvent(), newEvent(), newEvent()], { expectedVersion: 'any' });
      const part = await store.readStream(stream, { fromVersion: 2n, maxCount: 1 });
      expect(part.streamVersion).toBe(3n);
      expect(part.events.map((event) => event.streamVersion)).toEqual([2n]);
      expect((await store.readStream(stream, { fromVersion: 3n })).events.map((event) => event.streamVersion)).toEqual([3n]);
      // Past the end: nothing to read, and still the stream's version (what a cached fold asks).
      expect(await store.readStream(stream, { fromVersion: 4n })).toEqual({ streamVersion: 3n, events: [] });
      expect(await store.readStream(`project-${randomUUID()}`)).toEqual({ streamVersion: null, events: [] });
    });

    it('refuses an append whose expected version does not match, and leaves the stream unchanged', async () => {
      const store = await subject.create();
      const stream = `funding-${randomUUID()}`;
      await store.appendToStream(stream, [newEvent()], { expectedVersion: 'no_stream' });

      await expect(store.appendToStream(stream, [newEvent()], { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 1n,
      });
      await expect(store.appendToStream(stream, [newEvent()], { expectedVersion: 5n })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(
        store.appendToStream(`funding-${randomUUID()}`, [newEvent()], { expectedVersion: 'stream_exists' }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(stream)).streamVersion).toBe(1n);

      await expect(store.appendToStream(stream, [newEvent()], { expectedVersion: 1n })).resolves.toMatchObject({ streamVersion: 2n });
      await expect(store.appendToStream(stream, [newEvent()], { expectedVersion: 'stream_exists' })).resolves.toMatchObject({
        streamVersion: 3n,
      });
    });

    it('lets exactly one of two racing appends with the same expected version win', async () => {
      const store = await subject.create();
      const stream = `funding-${randomUUID()}`;
      await store.appendToStream(stream, [newEvent()], { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.appendToStream(stream, [newEvent()], { expectedVersion: 1n }),
        store.appendToStream(stream, [newEvent()], { expectedVersion: 1n }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(stream)).streamVersion).toBe(2n);
    });

    it('treats a re-append of stored event ids as a no-op, not a duplicate', async () => {
      const store = await subject.create();
      const stream = `returns-${randomUUID()}`;
      const events = [newEvent(), newEvent()];
      const first = await store.appendToStream(stream, events, { expectedVersion: 'no_stream' });
      const again = await store.appendToStream(stream, events, { expectedVersion: 'no_stream' });
      expect(again).toEqual({ ...first, appended: false });
      expect((await store.readStream(stream)).events).toHaveLength(2);
      await expect(store.appendToStream(stream, [events[0]!, newEvent()], { expectedVersion: 'any' })).rejects.toThrow(
        /already stored/,
      );
      expect((await store.readStream(stream)).events).toHaveLength(2);
    });

    it('records an idempotency key with the append, and lets only one of two racing requests take it', async () => {
      const store = await subject.create();
      const stream = `project-${randomUUID()}`;
      const key = `key-${randomUUID()}`;
      const events = [newEvent()];
      await store.appendToStream(stream, events, { expectedVersion: 'no_stream', idempotency: { key, requestFingerprint: 'f1' } });
      expect(await store.findIdempotencyRecord(key)).toEqual({
        key,
        requestFingerprint: 'f1',
        streamId: stream,
        streamVersion: 1n,
        eventIds: [events[0]!.eventId],
      });
      expect(await store.findIdempotencyRecord(`key-${randomUUID()}`)).toBeUndefined();

      const raced = `key-${randomUUID()}`;
      const outcomes = await Promise.allSettled([
        store.appendToStream(`project-${randomUUID()}`, [newEvent()], { expectedVersion: 'any', idempotency: { key: raced, requestFingerprint: 'a' } }),
        store.appendToStream(`project-${randomUUID()}`, [newEvent()], { expectedVersion: 'any', idempotency: { key: raced, requestFingerprint: 'a' } }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
        IdempotencyKeyRaceError,
      );
    });

    /** A check that holds commits open: it runs only where they can be held, and fails visibly elsewhere. */
    const withDelayedCommits = (name: string, check: () => Promise<void>) =>
      it(name, async () => {
        if (!subject.canDelayCommits) {
          throw new Error(`${adapter} cannot hold a commit open, so "${name}" is not checked: give the adapter a beforeCommit hook`);
        }
        await check();
      });

    withDelayedCommits('never lets a reader pass an event whose transaction commits late', async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slowStream = `slow-${randomUUID()}`;
      const store = await subject.create({ beforeCommit: (streamId) => (streamId === slowStream ? held : Promise.resolve()) });

      // The slow append writes first (so its position is lower) but commits last.
      const slow = store.appendToStream(slowStream, [newEvent()], { expectedVersion: 'no_stream' });
      // Whatever happens below, the held transaction must end, or it would block the test's cleanup.
      const releaseTimer = setTimeout(release, 10_000);
      await sleep(100);
      const fast = await store.appendToStream(`fast-${randomUUID()}`, [newEvent()], { expectedVersion: 'no_stream' });
      const beforeRelease = await store.readAll({ maxCount: 1000 });
      expect(beforeRelease.some((event) => event.streamId === slowStream)).toBe(false);
      // Nothing after the open transaction is handed out either, or a checkpoint would pass it.
      expect(beforeRelease.some((event) => comparePositions(event.position, fast.position) === 0)).toBe(false);

      release();
      clearTimeout(releaseTimer);
      const slowResult = await slow;
      expect(slowResult.position.prepare < fast.position.prepare).toBe(true);
      const afterRelease = await store.readAll({ maxCount: 1000 });
      const ids = afterRelease.map((event) => event.streamId);
      expect(ids.indexOf(slowStream)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(slowStream)).toBeLessThan(ids.findIndex((id) => id.startsWith('fast-')));
    });

    withDelayedCommits('hands every event to a catch-up reader exactly once, in order, while 8 appenders race with delayed commits', async () => {
      const store = await subject.create({
        beforeCommit: async () => {
          await sleep(Math.random() < 0.3 ? 5 + Math.random() * 40 : Math.random() * 3);
        },
      });
      const sharedStreams = [`country-${randomUUID()}`, `country-${randomUUID()}`];
      const appenders = 8;
      const appendsEach = 25;
      const appended: string[] = [];
      let writersDone = false;
      const reader = readThroughSubscription(store, () => (writersDone ? appended.length : undefined), 30_000);

      await Promise.all(
        Array.from({ length: appenders }, async (_, appender) => {
          const ownStream = `project-${appender}-${randomUUID()}`;
          for (let i = 0; i < appendsEach; i += 1) {
            const shared = i % 2 === 0;
            const stream = shared ? sharedStreams[i % sharedStreams.length]! : ownStream;
            const events = Array.from({ length: 1 + (i % 3) }, () => newEvent());
            // Shared streams take 'any': racing appenders all land, serialised by the store.
            await store.appendToStream(stream, events, { expectedVersion: 'any' });
            appended.push(...events.map((event) => event.eventId));
          }
        }),
      );
      writersDone = true;

      const seen = await reader;
      // After the subscription stops, nothing further may be waiting in the log.
      const tail = await store.readAll({ after: seen[seen.length - 1]?.position, maxCount: 1000 });
      expect(tail).toEqual([]);

      const seenIds = seen.map((event) => event.eventId);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      expect([...seenIds].sort()).toEqual([...appended].sort());
      for (let i = 1; i < seen.length; i += 1) {
        expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
      }
      const versionsByStream = new Map<string, bigint[]>();
      for (const event of seen) versionsByStream.set(event.streamId, [...(versionsByStream.get(event.streamId) ?? []), event.streamVersion]);
      for (const versions of versionsByStream.values()) {
        expect(versions).toEqual(versions.map((_, index) => BigInt(index + 1)));
      }
    });
  });
}
