import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { Registry } from 'prom-client';
import type { DeadLetter } from '../dead-letter.publisher';
import { ProjectionBatchProcessor } from '../projection-batch.processor';
import type { Projection } from '../projection.definition';
import type { TrackedDocument } from '../projection.fold';
import { ProjectionMetrics } from '../projection.metrics';
import { ProjectionStore, ProjectionStores, ProjectionWriteConflictError } from '../projection.store';
import { recordStreamVersion } from '../stream-version.guard';
import { asKafkaMessages, recordingLogger } from './kafka-test.helpers';
import {
  CaseActivity,
  ReintegrationCaseClosed,
  ReintegrationCaseOpened,
  ReintegrationSupportRecorded,
  caseActivityProjection,
  caseStream,
  reintegrationCatalog,
} from './reintegration-case.fixture';

export interface ProjectionStoreContractSubject {
  /** The adapter's stores, over a database the suite may create and drop tables or collections in. */
  stores(): ProjectionStores;
  /**
   * Whether checking a document's revision and writing it are one atomic step, so that of writers
   * racing in the same instant exactly one wins (PostgreSQL; not FerretDB 1.x).
   */
  atomicWrites: boolean;
  /** Runs the contract with each projection stored as text (`storedAsText`), its filtered fields named queryable. */
  storedAsText?: boolean;
}

/** What a command service keeps of another context's projects: the reader's filters and order need no more. */
interface ProjectListing {
  projectId: string;
  reference: string | null;
  countries: string[];
  status: 'implementation' | 'closed';
}

const listingProjection = (collection: string): Projection<ProjectListing> => ({
  name: 'project-listing',
  collection,
  topics: [],
  handles: [],
  documentIdOf: () => undefined,
  apply: () => {
    throw new Error('written directly by the contract');
  },
});

const freshName = (what: string) => `test_${what}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/**
 * The behaviour every projection store must show, run against each adapter on its real server:
 * bookkeeping kept beside the document, optimistic writes, the version guard through whole batches
 * (the runner's own batch processor, without Kafka), bulk writes and a clean reader.
 */
export function describeProjectionStoreContract(adapter: string, subject: ProjectionStoreContractSubject): void {
  describe(`projection store contract: ${adapter}`, () => {
    const created: Array<{ drop(): Promise<void> }> = [];

    /** The projection as this run stores it: as text, when asked, with the fields the contract filters and orders by. */
    const asStored = <Doc extends object>(projection: Projection<Doc>, queryable: ReadonlyArray<keyof Doc & string>): Projection<Doc> =>
      subject.storedAsText ? { ...projection, storedAsText: { queryable } } : projection;

    async function preparedStore<Doc extends object>(projection: Projection<Doc>): Promise<ProjectionStore<Doc>> {
      const store = subject.stores().of(projection);
      created.push(store);
      await store.prepare();
      return store;
    }

    const caseActivityStore = () => {
      const projection = asStored(caseActivityProjection({ collection: freshName('case_activity'), topics: [] }), []);
      return preparedStore(projection).then((store) => ({ projection, store }));
    };

    /** Applies batches as the runner does, counting the bulk writes and keeping the dead letters. */
    function batchesInto(projection: Projection<CaseActivity>, store: ProjectionStore<CaseActivity>) {
      const deadLetters: DeadLetter[] = [];
      const writes: number[] = [];
      const processor = new ProjectionBatchProcessor({
        projection,
        catalog: reintegrationCatalog(),
        store: {
          load: (ids) => store.load(ids),
          save: (changes) => {
            writes.push(changes.length);
            return store.save(changes);
          },
        },
        deadLetters: { publish: async (letters) => void deadLetters.push(...letters) },
        metrics: new ProjectionMetrics(projection.name, new Registry()),
        logger: recordingLogger([]),
        now: Date.now,
        maxWriteAttempts: 3,
      });
      return {
        deadLetters,
        writes,
        process: (events: readonly RecordedEvent[]) => processor.process({ topic: 'cases', partition: 0, messages: asKafkaMessages(events) }),
      };
    }

    function caseEvents(streamId = `reintegration-case-${randomUUID()}`) {
      const stream = caseStream(streamId);
      return [
        stream.next(ReintegrationCaseOpened.type, { caseRef: streamId, country: 'NE' }, 2),
        stream.next(ReintegrationSupportRecorded.type, { amountCents: 12_500, caseworkerNote: 'school fees' }),
        stream.next(ReintegrationSupportRecorded.type, { amountCents: 7_500, caseworkerNote: 'tools' }),
        stream.next(ReintegrationCaseClosed.type, { outcome: 'completed' }),
      ] as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    }

    const tracked = (eventCount: number): TrackedDocument<CaseActivity> => ({
      doc: {
        caseRef: 'RC-1',
        country: 'NE',
        status: 'open',
        supportCents: 0,
        eventCount,
        appliedEventIds: Array.from({ length: eventCount }, (_, index) => `event-${index + 1}`),
      },
      // A stream id MongoDB could not take as a key as it is.
      streamVersions: recordStreamVersion(undefined, 'project.v2.case-1', BigInt(eventCount)),
      revision: BigInt(eventCount),
    });

    afterAll(async () => {
      for (const store of created) await store.drop();
    });

    it('loads what it saved, bookkeeping included, and nothing for ids it does not hold', async () => {
      const { store } = await caseActivityStore();
      await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
      const loaded = await store.load(['case-1', 'absent']);
      expect([...loaded.keys()]).toEqual(['case-1']);
      expect(loaded.get('case-1')).toEqual(tracked(1));
      expect(await store.load([])).toEqual(new Map());
    });

    it('refuses a writer working from a revision another writer has moved past, and keeps the winner', async () => {
      const { store } = await caseActivityStore();
      await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
      await store.save([{ documentId: 'case-1', previousRevision: 1n, document: tracked(2) }]);
      await expect(store.save([{ documentId: 'case-1', previousRevision: 1n, document: tracked(3) }])).rejects.toBeInstanceOf(
        ProjectionWriteConflictError,
      );
      expect((await store.load(['case-1'])).get('case-1')).toEqual(tracked(2));
    });

    it('refuses to create a document that someone else created first', async () => {
      const { store } = await caseActivityStore();
      await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
      await expect(store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }])).rejects.toBeInstanceOf(
        ProjectionWriteConflictError,
      );
    });

    if (subject.atomicWrites) {
      it('lets exactly one of several writers racing from the same revision move a document on', async () => {
        const { store } = await caseActivityStore();
        await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
        const racers = [2, 3, 4, 5, 6];
        const results = await Promise.allSettled(
          racers.map((eventCount) => store.save([{ documentId: 'case-1', previousRevision: 1n, document: tracked(eventCount) }])),
        );
        const winners = racers.filter((_, index) => results[index]?.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ProjectionWriteConflictError);
        }
        expect((await store.load(['case-1'])).get('case-1')).toEqual(tracked(winners[0]!));
      });
    }

    it('is idempotent if run twice: the same batch applied again leaves every document as it was', async () => {
      const { projection, store } = await caseActivityStore();
      const batches = batchesInto(projection, store);
      const events = [...caseEvents(), ...caseEvents(), ...caseEvents()];
      await batches.process(events);
      const once = await store.load(events.map((event) => event.streamId));

      await batches.process(events);

      expect(await store.load(events.map((event) => event.streamId))).toEqual(once);
      expect([...once.values()].map(({ doc, revision }) => [doc.eventCount, revision])).toEqual([
        [4, 4n],
        [4, 4n],
        [4, 4n],
      ]);
      // The second pass changes nothing, so it writes nothing.
      expect(batches.writes).toEqual([3, 0]);
      expect(batches.deadLetters).toEqual([]);
    });

    it('skips duplicates and out-of-order redeliveries, in a batch and across batches', async () => {
      const { projection, store } = await caseActivityStore();
      const batches = batchesInto(projection, store);
      const [opened, supported, supportedAgain, closed] = caseEvents();
      await batches.process([opened, supported, supported, opened, supportedAgain]);
      await batches.process([supportedAgain, closed, opened, closed]);

      expect(await store.get(opened.streamId)).toMatchObject({
        eventCount: 4,
        supportCents: 20_000,
        status: 'closed',
        appliedEventIds: [opened.eventId, supported.eventId, supportedAgain.eventId, closed.eventId],
      });
      expect((await store.load([opened.streamId])).get(opened.streamId)?.revision).toBe(4n);
      expect(batches.deadLetters).toEqual([]);
    });

    it('reports a gap in stream versions and does not apply what follows it', async () => {
      const { projection, store } = await caseActivityStore();
      const batches = batchesInto(projection, store);
      const [opened, supported, , closed] = caseEvents();
      await batches.process([opened, supported, closed]);

      expect(batches.deadLetters.map((letter) => letter.reason)).toEqual([`gap: stream ${opened.streamId} expected version 3, got 4`]);
      const document = (await store.load([opened.streamId])).get(opened.streamId);
      expect(document).toMatchObject({ doc: { eventCount: 2, status: 'open' }, streamVersions: { [opened.streamId]: '2' }, revision: 2n });
    });

    it('writes the documents of a large batch in one bulk write', async () => {
      const { projection, store } = await caseActivityStore();
      const batches = batchesInto(projection, store);
      const streams = Array.from({ length: 200 }, () => caseEvents());
      await batches.process(streams.flatMap(([opened, supported]) => [opened, supported]));

      expect(batches.writes).toEqual([200]);
      const documents = await store.find({});
      expect(documents).toHaveLength(200);
      expect(documents.every((document) => document.eventCount === 2 && document.supportCents === 12_500)).toBe(true);
    });

    it('reads plain documents: by id, by a field, by an item of an array, ordered by a text field', async () => {
      const store = await preparedStore(asStored(listingProjection(freshName('project_listing')), ['countries', 'status', 'reference']));
      const listings: ProjectListing[] = [
        { projectId: 'ml-late', reference: 'T05-EUTF-SAH-ML-07', countries: ['ML'], status: 'implementation' },
        { projectId: 'ml-pending', reference: null, countries: ['ML', 'NE'], status: 'implementation' },
        { projectId: 'ml-early', reference: 'T05-EUTF-SAH-ML-04', countries: ['ML'], status: 'closed' },
        { projectId: 'ne-only', reference: 'T05-EUTF-SAH-NE-01', countries: ['NE'], status: 'closed' },
        // Byte order, as MongoDB compares strings: upper case before lower case.
        { projectId: 'ml-lower', reference: 't05-eutf-sah-ml-01', countries: ['ML'], status: 'closed' },
      ];
      await store.save(
        listings.map((listing) => ({
          documentId: listing.projectId,
          previousRevision: 0n,
          document: { doc: listing, streamVersions: recordStreamVersion(undefined, `project-${listing.projectId}`, 1n), revision: 1n },
        })),
      );

      expect(await store.get('ml-pending')).toStrictEqual(listings[1]);
      expect(await store.get('absent')).toBeUndefined();
      const ids = (documents: ProjectListing[]) => documents.map((document) => document.projectId);
      // By ids, in the order asked, leaving out an id with no document.
      expect(ids(await store.getMany(['ne-only', 'absent', 'ml-late', 'ml-pending']))).toEqual(['ne-only', 'ml-late', 'ml-pending']);
      expect(await store.getMany([])).toEqual([]);
      expect(ids(await store.find({ countries: 'ML' }, { orderBy: 'reference' }))).toEqual(['ml-pending', 'ml-early', 'ml-late', 'ml-lower']);
      expect(ids(await store.find({ countries: 'NE', status: 'closed' }))).toEqual(['ne-only']);
      expect(ids(await store.find({ status: 'closed', countries: undefined }, { orderBy: 'reference' }))).toEqual(['ml-early', 'ne-only', 'ml-lower']);
      expect(await store.find({}, { orderBy: 'reference' })).toStrictEqual([listings[1], listings[2], listings[0], listings[3], listings[4]]);
    });

    it('reads and loads nothing once dropped, prepares again twice at once, and drops nothing without complaint', async () => {
      const { store } = await caseActivityStore();
      await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
      await store.drop();

      expect(await store.get('case-1')).toBeUndefined();
      expect(await store.find({})).toEqual([]);
      expect((await store.load(['case-1'])).size).toBe(0);
      await expect(store.drop()).resolves.toBeUndefined();

      await Promise.all([store.prepare(), store.prepare()]);
      await store.save([{ documentId: 'case-1', previousRevision: 0n, document: tracked(1) }]);
      expect(await store.get('case-1')).toEqual(tracked(1).doc);
    });
  });
}
