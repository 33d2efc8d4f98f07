import { randomUUID } from 'node:crypto';
import { requireInfrastructure } from '@eutf/testing';
import mongoose, { type Connection } from 'mongoose';
import { mongoProjectionStores } from './mongo-projection.store';
import { recordStreamVersion } from './stream-version.guard';
import { describeProjectionStoreContract } from './test-support/projection-store.contract';
import { caseActivityProjection } from './test-support/reintegration-case.fixture';

let connection: Connection;

beforeAll(async () => {
  const { mongodb } = await requireInfrastructure(['mongodb']);
  connection = await mongoose.createConnection(mongodb).asPromise();
});

afterAll(async () => {
  await connection?.close();
});

describeProjectionStoreContract('MongoDB wire protocol (FerretDB here)', {
  stores: () => mongoProjectionStores(connection),
  // FerretDB 1.x checks an update's filter and writes in two steps; only real MongoDB is atomic.
  atomicWrites: false,
});

describe('MongoDB projection store at rest', () => {
  it('stores bookkeeping beside the document, stream ids escaped and versions as strings', async () => {
    const collection = `test_case_activity_store_${randomUUID().slice(0, 8)}`;
    const store = mongoProjectionStores(connection).of(caseActivityProjection({ collection, topics: [] }));
    const doc = { caseRef: 'RC-1', country: 'NE', status: 'open' as const, supportCents: 0, eventCount: 1, appliedEventIds: ['event-1'] };
    await store.save([
      { documentId: 'case-1', previousRevision: 0n, document: { doc, streamVersions: recordStreamVersion(undefined, 'project.v2.case-1', 1n), revision: 1n } },
    ]);
    const raw = await connection.collection(collection).findOne({ _id: 'case-1' as never });
    expect(raw).toEqual({ _id: 'case-1', _rev: '1', _streamVersions: { 'project%2Ev2%2Ecase-1': '1' }, ...doc });
    await store.drop();
  });
});
