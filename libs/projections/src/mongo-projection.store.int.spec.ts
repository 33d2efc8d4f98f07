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

describeProjectionStoreContract('MongoDB wire protocol (FerretDB here), documents stored as text', {
  stores: () => mongoProjectionStores(connection),
  atomicWrites: false,
  storedAsText: true,
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

  it('stores a projection stored as text as one JSON text beside its queryable fields, reads one stored field by field before, and writes it as text again', async () => {
    const collection = `test_case_activity_text_${randomUUID().slice(0, 8)}`;
    const projection = { ...caseActivityProjection({ collection, topics: [] }), storedAsText: { queryable: ['country', 'status'] as const } };
    const store = mongoProjectionStores(connection).of(projection);
    const doc = { caseRef: 'RC-1', country: 'NE', status: 'open' as const, supportCents: 0, eventCount: 1, appliedEventIds: ['event-1'] };
    const streamVersions = recordStreamVersion(undefined, 'project.v2.case-1', 1n);
    await store.save([{ documentId: 'case-1', previousRevision: 0n, document: { doc, streamVersions, revision: 1n } }]);
    const raw = () => connection.collection(collection).findOne({ _id: 'case-2' as never });
    expect(await connection.collection(collection).findOne({ _id: 'case-1' as never })).toEqual({
      _id: 'case-1', _rev: '1', _streamVersions: { 'project%2Ev2%2Ecase-1': '1' }, country: 'NE', status: 'open', _doc: JSON.stringify(doc),
    });

    // A document written field by field, before its projection was stored as text: read as it is, written as text.
    const before = { ...doc, caseRef: 'RC-2', status: 'closed' as const };
    await connection.collection(collection).insertOne({ _id: 'case-2' as never, _rev: '1', _streamVersions: {}, ...before });
    expect(await store.get('case-2')).toEqual(before);
    expect((await store.load(['case-2'])).get('case-2')?.doc).toEqual(before);
    expect((await store.find({ status: 'closed' })).map((found) => found.caseRef)).toEqual(['RC-2']);
    const after = { ...before, supportCents: 500 };
    await store.save([{ documentId: 'case-2', previousRevision: 1n, document: { doc: after, streamVersions, revision: 2n } }]);
    expect(await raw()).toEqual({ _id: 'case-2', _rev: '2', _streamVersions: { 'project%2Ev2%2Ecase-1': '1' }, country: 'NE', status: 'closed', _doc: JSON.stringify(after) });
    expect(await store.getMany(['case-2', 'case-1'])).toEqual([after, doc]);

    // A field kept only inside the text cannot be filtered on: refused, never answered as if nothing matched.
    await expect(store.find({ caseRef: 'RC-1' })).rejects.toThrow('case-activity keeps caseRef inside its documents\' text');
    await expect(store.find({}, { orderBy: 'caseRef' })).rejects.toThrow('keeps caseRef inside');
    await store.drop();
  });
});
