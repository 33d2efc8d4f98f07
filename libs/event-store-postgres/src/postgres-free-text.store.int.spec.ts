import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type FreeTextEntry, type NewEvent } from '@eutf/event-sourcing';
import { requireInfrastructure } from '@eutf/testing';
import type { Pool } from 'pg';
import { migrate } from './migrations';
import { createPostgresPool } from './pool';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresFreeTextStore } from './postgres-free-text.store';

let pool: Pool;
const schema = `free_texts_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

beforeAll(async () => {
  const { postgresql } = await requireInfrastructure(['postgresql']);
  pool = createPostgresPool({ connectionString: postgresql, schema, applicationName: 'free-texts-spec' });
  await migrate(pool, schema);
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

const newEvent = (textId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'ResultReturnedForRevision',
  schemaVersion: 2,
  data: { resultId: 'r1', reason: { textId } },
  occurredAt: new Date().toISOString(),
  metadata: { actor: { subject: 'officer-1', role: 'delegation-officer', country: 'ML' }, correlationId: randomUUID(), causationId: null },
});
const entry = (streamId: string, text: string): FreeTextEntry => ({ textId: randomUUID(), streamId, field: 'reason', text });

describe('free texts beside the PostgreSQL event store', () => {
  it('are stored in the transaction of the append that refers to them, and only when it appends', async () => {
    const store = new PostgresEventStore(pool);
    const texts = new PostgresFreeTextStore(pool);
    const streamId = `project-${randomUUID()}`;
    const kept = entry(streamId, 'Please add the age bands');
    const first = newEvent(kept.textId);
    await store.appendToStream(streamId, [first], { expectedVersion: 'no_stream', freeTexts: { record: [kept] } });
    expect((await texts.read([kept.textId])).get(kept.textId)).toMatchObject({ streamId, field: 'reason', text: 'Please add the age bands', erasedAt: null });

    // A conflict appends nothing, so stores nothing; a repeated append stores nothing twice.
    const lost = entry(streamId, 'Never stored');
    await expect(store.appendToStream(streamId, [newEvent(lost.textId)], { expectedVersion: 'no_stream', freeTexts: { record: [lost] } })).rejects.toBeInstanceOf(ConcurrencyError);
    await store.appendToStream(streamId, [first], { expectedVersion: 'no_stream', freeTexts: { record: [entry(streamId, 'Never stored either')] } });
    expect((await texts.ofStream(streamId)).map((stored) => stored.text)).toEqual(['Please add the age bands']);
  });

  it('are erased in the transaction that appends the erasure; an erasure of a text not there appends nothing', async () => {
    const store = new PostgresEventStore(pool);
    const texts = new PostgresFreeTextStore(pool);
    const streamId = `project-${randomUUID()}`;
    const kept = entry(streamId, 'Aminata Diallo refused');
    await store.appendToStream(streamId, [newEvent(kept.textId)], { expectedVersion: 'no_stream', freeTexts: { record: [kept] } });
    const erasure = { textId: kept.textId, streamId, erasedBy: 'admin-1', reasonCode: 'data-subject-request' };
    const erased: NewEvent = { ...newEvent(kept.textId), type: 'FreeTextErased', schemaVersion: 1, data: { textId: kept.textId, field: 'reason', reasonCode: 'data-subject-request' } };
    await store.appendToStream(streamId, [erased], { expectedVersion: 1n, freeTexts: { erase: [erasure] } });
    expect((await texts.read([kept.textId])).get(kept.textId)).toMatchObject({ text: null, erasedAt: expect.any(String) });
    const { rows } = await pool.query<{ erased_by: string; erasure_reason: string }>('SELECT erased_by, erasure_reason FROM free_texts WHERE text_id = $1', [kept.textId]);
    expect(rows).toEqual([{ erased_by: 'admin-1', erasure_reason: 'data-subject-request' }]);

    // Erasing it again (or a text that is not there) rolls the append back with it.
    await expect(store.appendToStream(streamId, [{ ...erased, eventId: randomUUID() }], { expectedVersion: 2n, freeTexts: { erase: [erasure] } })).rejects.toThrow(/already erased/);
    expect((await store.readStream(streamId)).streamVersion).toBe(2n);
  });
});
