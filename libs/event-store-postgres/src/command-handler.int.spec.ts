import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  DomainRuleViolation,
  EventCatalog,
  IdempotencyKeyReusedError,
  commandHandler,
  type CommandContext,
  type EventStore,
} from '@eutf/event-sourcing';
import { TranchePaid, TrancheRequested, trancheDecider } from '@eutf/event-sourcing/testing';
import { createPostgresPool } from './pool';
import { requireInfrastructure } from '@eutf/testing';
import type { Pool } from 'pg';
import { migrate } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

let pool: Pool;
let store: PostgresEventStore;
const schema = `handler_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const catalog = new EventCatalog([TrancheRequested, TranchePaid]);

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  metadata: { actor: { subject: 'partner-iom', role: 'implementing-partner', org: 'IOM' }, correlationId: randomUUID(), causationId: null },
  now: new Date('2017-06-13T10:00:00Z'),
  ...extra,
});

beforeAll(async () => {
  const { postgresql } = await requireInfrastructure(['postgresql']);
  pool = createPostgresPool({ connectionString: postgresql, schema, applicationName: 'command-handler-spec', max: 10 });
  await migrate(pool, schema);
  store = new PostgresEventStore(pool);
});

afterAll(async () => {
  await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
});

describe('the command handler, on the PostgreSQL event store', () => {
  const handle = () => commandHandler(trancheDecider, { store, catalog });

  it('folds the stream, decides, and appends with the version it read', async () => {
    const stream = `funding-${randomUUID()}`;
    const first = await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 500_000_00 }, context());
    expect(first).toMatchObject({ kind: 'accepted', streamVersion: 1n, replayed: false });
    const second = await handle()(stream, { type: 'PayTranche', tranche: 1 }, context());
    expect(second).toMatchObject({ kind: 'accepted', streamVersion: 2n, events: [{ type: 'TranchePaid', data: { tranche: 1, currency: 'EUR' } }] });
    const { events } = await store.readStream(stream);
    expect(events.map((event) => [event.type, event.schemaVersion, event.occurredAt])).toEqual([
      ['TrancheRequested', 1, '2017-06-13T10:00:00.000Z'],
      ['TranchePaid', 2, '2017-06-13T10:00:00.000Z'],
    ]);
    expect(events[0]?.metadata.actor).toEqual({ subject: 'partner-iom', role: 'implementing-partner', org: 'IOM' });
  });

  it('returns a broken rule as a value and leaves the stream unchanged', async () => {
    const stream = `funding-${randomUUID()}`;
    await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context());
    await handle()(stream, { type: 'PayTranche', tranche: 1 }, context());
    const outcome = await handle()(stream, { type: 'PayTranche', tranche: 1 }, context());
    expect(outcome).toBeInstanceOf(DomainRuleViolation);
    expect(outcome).toMatchObject({ rule: 'tranche-paid-once', status: 409 });
    expect((await store.readStream(stream)).streamVersion).toBe(2n);
  });

  it('returns the first result for a retried request with the same idempotency key, and appends once', async () => {
    const stream = `funding-${randomUUID()}`;
    const key = randomUUID();
    const command = { type: 'RequestTranche', tranche: 1, amountCents: 250_000_00 } as const;
    const first = await handle()(stream, command, context({ idempotencyKey: key }));
    const retried = await handle()(stream, { ...command }, context({ idempotencyKey: key }));
    expect(retried).toEqual({ ...first, replayed: true });
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('refuses the same idempotency key with a different request, and appends nothing', async () => {
    const stream = `funding-${randomUUID()}`;
    const key = randomUUID();
    await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context({ idempotencyKey: key }));
    await expect(
      handle()(stream, { type: 'RequestTranche', tranche: 2, amountCents: 100 }, context({ idempotencyKey: key })),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('appends once when two requests with the same idempotency key race', async () => {
    const stream = `funding-${randomUUID()}`;
    const key = randomUUID();
    const command = { type: 'RequestTranche', tranche: 1, amountCents: 100 } as const;
    const [a, b] = await Promise.all([handle()(stream, command, context({ idempotencyKey: key })), handle()(stream, command, context({ idempotencyKey: key }))]);
    expect((await store.readStream(stream)).events).toHaveLength(1);
    expect([a, b].filter((outcome) => outcome.kind === 'accepted' && outcome.replayed)).toHaveLength(1);
  });

  it('retries a version conflict: racing commands on one stream all land, each decided on fresh state', async () => {
    const stream = `funding-${randomUUID()}`;
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map((tranche) => handle()(stream, { type: 'RequestTranche', tranche, amountCents: 100 }, context())),
    );
    expect(outcomes.every((outcome) => outcome.kind === 'accepted')).toBe(true);
    const { events } = await store.readStream(stream);
    expect(events.map((event) => (event.data as { tranche: number }).tranche).sort()).toEqual([1, 2, 3, 4]);
  });

  it('does not retry when the client pinned the version it read (If-Match): the conflict is its to resolve', async () => {
    const stream = `funding-${randomUUID()}`;
    await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context());
    await handle()(stream, { type: 'RequestTranche', tranche: 2, amountCents: 100 }, context());
    await expect(handle()(stream, { type: 'PayTranche', tranche: 1 }, context({ expectedVersion: 1n }))).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await store.readStream(stream)).streamVersion).toBe(2n);
  });

  it('lets the decider speak before the version the client pinned: If-Match tells no one whether a stream exists', async () => {
    // Found by the generated access matrix: compared first, If-Match "0" answered 409 with the
    // version of a real stream to a caller the decider refuses, and the decider's refusal for none.
    const stream = `funding-${randomUUID()}`;
    await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context());
    const existing = await handle()(stream, { type: 'PayTranche', tranche: 9 }, context({ expectedVersion: 0n }));
    const absent = await handle()(`funding-${randomUUID()}`, { type: 'PayTranche', tranche: 9 }, context({ expectedVersion: 0n }));
    expect(existing).toBeInstanceOf(DomainRuleViolation);
    expect(absent).toEqual(existing);
    const anyVersion = await handle()(`funding-${randomUUID()}`, { type: 'PayTranche', tranche: 9 }, context({ expectedVersion: 'stream_exists' }));
    expect(anyVersion).toEqual(existing);
  });

  it('runs a step before the append, and undoes it when the events are not appended after all', async () => {
    const steps: string[] = [];
    const beforeAppend = async () => {
      steps.push('reserved');
      return async () => void steps.push('released');
    };
    const accepted = `funding-${randomUUID()}`;
    await handle()(accepted, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context(), { beforeAppend });
    expect(steps).toEqual(['reserved']);

    // Another request appends while the step runs, and the client pinned the version it read:
    // the append fails, nothing of this command is appended, and the step is undone.
    steps.length = 0;
    const racedBy = async () => {
      await handle()(accepted, { type: 'RequestTranche', tranche: 2, amountCents: 100 }, context());
      return beforeAppend();
    };
    await expect(handle()(accepted, { type: 'PayTranche', tranche: 1 }, context({ expectedVersion: 1n }), { beforeAppend: racedBy })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(steps).toEqual(['reserved', 'released']);
    expect((await store.readStream(accepted)).events.map((event) => event.type)).toEqual(['TrancheRequested', 'TrancheRequested']);

    // A refusal by the step stops the command; a refusal by the decider never runs the step.
    steps.length = 0;
    const refused = await handle()(accepted, { type: 'PayTranche', tranche: 2 }, context(), { beforeAppend: async () => new DomainRuleViolation('reference-taken', 'held by another', 409) });
    expect(refused).toMatchObject({ rule: 'reference-taken' });
    await handle()(accepted, { type: 'PayTranche', tranche: 1 }, context());
    expect(await handle()(accepted, { type: 'PayTranche', tranche: 1 }, context(), { beforeAppend })).toBeInstanceOf(DomainRuleViolation);
    expect(steps).toEqual([]);
    expect((await store.readStream(accepted)).events.map((event) => event.type)).toEqual(['TrancheRequested', 'TrancheRequested', 'TranchePaid']);
  });

  it('fingerprints the request when one is given, so a retry whose command differs only in what the server adds replays', async () => {
    const stream = `funding-${randomUUID()}`;
    const key = randomUUID();
    const request = { route: 'tranches', body: { tranche: 1, amountCents: 100 } };
    const first = await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context({ idempotencyKey: key, request }));
    const retried = await handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context({ idempotencyKey: key, request, now: new Date('2017-06-14T08:00:00Z') }));
    expect(retried).toEqual({ ...first, replayed: true });
    await expect(handle()(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context({ idempotencyKey: key, request: { ...request, body: { tranche: 2 } } }))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });
});

describe('a command handler keeping folded streams', () => {
  /** The store, with the `fromVersion` of every stream read noted (undefined: from the start). */
  const noting = (target: () => PostgresEventStore, reads: Array<bigint | undefined>): EventStore =>
    Object.assign(Object.create(target()) as EventStore, {
      readStream: (streamId: string, options?: { fromVersion?: bigint; maxCount?: number }) => {
        reads.push(options?.fromVersion);
        return target().readStream(streamId, options);
      },
    });

  it('reads only what was appended since its last command, by whoever appended it, and decides on it', async () => {
    const stream = `funding-${randomUUID()}`;
    const reads: Array<bigint | undefined> = [];
    const keeping = commandHandler(trancheDecider, { store: noting(() => store, reads), catalog });
    const another = commandHandler(trancheDecider, { store, catalog });

    await keeping(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context());
    await keeping(stream, { type: 'RequestTranche', tranche: 2, amountCents: 100 }, context());
    await another(stream, { type: 'PayTranche', tranche: 1 }, context());
    // Paid by the other writer after this handler last read: its fold must have it.
    expect(await keeping(stream, { type: 'PayTranche', tranche: 1 }, context())).toMatchObject({ rule: 'tranche-paid-once' });
    expect(await keeping(stream, { type: 'PayTranche', tranche: 2 }, context())).toMatchObject({ kind: 'accepted', streamVersion: 4n });

    // An empty stream gives nothing to keep; then each read starts at the last event it folded.
    expect(reads).toEqual([undefined, undefined, 1n, 3n]);
    const folded = await commandHandler(trancheDecider, { store, catalog, foldedStreams: 0 })(stream, { type: 'PayTranche', tranche: 2 }, context());
    expect(folded).toMatchObject({ rule: 'tranche-paid-once' });
  });

  it('folds again from the start when the store no longer holds the event its fold ended on', async () => {
    const stream = `funding-${randomUUID()}`;
    const otherSchema = `handler_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const { postgresql } = await requireInfrastructure(['postgresql']);
    const otherPool = createPostgresPool({ connectionString: postgresql, schema: otherSchema, applicationName: 'command-handler-spec', max: 2 });
    try {
      await migrate(otherPool, otherSchema);
      const refilled = new PostgresEventStore(otherPool);
      let current = store;
      const reads: Array<bigint | undefined> = [];
      const keeping = commandHandler(trancheDecider, { store: noting(() => current, reads), catalog });
      await keeping(stream, { type: 'RequestTranche', tranche: 1, amountCents: 100 }, context());
      await keeping(stream, { type: 'PayTranche', tranche: 1 }, context());
      await keeping(stream, { type: 'RequestTranche', tranche: 2, amountCents: 100 }, context());

      // The same stream id, with another history, one event longer (a store emptied and refilled).
      const refilling = commandHandler(trancheDecider, { store: refilled, catalog });
      for (const tranche of [1, 2, 3]) await refilling(stream, { type: 'RequestTranche', tranche, amountCents: 100 }, context());
      current = refilled;
      // The kept fold (version 2) says tranche 1 is paid; folding the refilled store's event 3 onto it
      // would refuse this. The store's own history says it is not paid.
      expect(await keeping(stream, { type: 'PayTranche', tranche: 1 }, context())).toMatchObject({ kind: 'accepted', streamVersion: 4n });
      expect(reads).toEqual([undefined, undefined, 1n, 2n, undefined]);
    } finally {
      await otherPool.query(`DROP SCHEMA IF EXISTS "${otherSchema}" CASCADE`);
      await otherPool.end();
    }
  });
});
