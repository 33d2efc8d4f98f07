import { randomUUID } from 'node:crypto';
import { requireInfrastructure } from '@eutf/testing';
import mongoose, { type Connection } from 'mongoose';
import { ProjectionDocumentStore, ProjectionWriteConflictError } from './projection-document.store';
import { recordStreamVersion } from './stream-version.guard';
import { CaseActivity, caseActivityProjection } from './test-support/reintegration-case.fixture';

describe('ProjectionDocumentStore on real FerretDB', () => {
  const collection = `test_case_activity_store_${randomUUID().slice(0, 8)}`;
  const projection = caseActivityProjection({ collection, topics: [] });
  let connection: Connection;
  let store: ProjectionDocumentStore<CaseActivity>;

  const activity = (eventCount: number): CaseActivity => ({
    caseRef: 'RC-1',
    country: 'NE',
    status: 'open',
    supportCents: 0,
    eventCount,
    appliedEventIds: Array.from({ length: eventCount }, (_, index) => `event-${index + 1}`),
  });
  const tracked = (eventCount: number) => ({
    doc: activity(eventCount),
    streamVersions: recordStreamVersion(undefined, 'project.v2.case-1', BigInt(eventCount)),
    revision: BigInt(eventCount),
  });

  beforeAll(async () => {
    const { mongodb } = await requireInfrastructure(['mongodb']);
    connection = await mongoose.createConnection(mongodb).asPromise();
    store = new ProjectionDocumentStore(connection, projection);
  });

  afterAll(async () => {
    if (!connection) return;
    await store.drop();
    await connection.close();
  });

  it('stores bookkeeping beside the document, stream ids escaped and versions as strings', async () => {
    await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
    const raw = await connection.collection(collection).findOne({ _id: 'case-1' as never });
    expect(raw).toMatchObject({ _rev: '1', _streamVersions: { 'project%2Ev2%2Ecase-1': '1' }, eventCount: 1 });
    expect((await store.load(['case-1', 'absent'])).get('case-1')).toEqual(tracked(1));
  });

  // FerretDB 1.x evaluates an update's filter and writes the document in two steps, so two writers
  // racing in the same instant may both pass it; real MongoDB refuses the second. What both servers
  // guarantee, and what this checks, is that a writer working from a revision someone else has
  // already moved past is refused.
  it('refuses a writer working from a revision another writer has moved past, and keeps the winner', async () => {
    await store.save([{ documentId: 'case-1', previousRevision: 1n, document: tracked(2) }]);
    await expect(store.save([{ documentId: 'case-1', previousRevision: 1n, document: tracked(3) }])).rejects.toBeInstanceOf(
      ProjectionWriteConflictError,
    );
    expect((await store.load(['case-1'])).get('case-1')).toEqual(tracked(2));
  });

  it('refuses to create a document that someone else created first', async () => {
    await expect(store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }])).rejects.toBeInstanceOf(
      ProjectionWriteConflictError,
    );
  });

  it('empties the collection on drop, and a drop of nothing is fine', async () => {
    await store.drop();
    expect((await store.load(['case-1'])).size).toBe(0);
    await expect(store.drop()).resolves.toBeUndefined();
  });
});
