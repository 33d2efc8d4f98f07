import type { RecordedEvent } from '@eutf/event-sourcing';
import { applyInMemory, inMemoryProjectionReader, type EventOutcome } from './index';
import {
  CASEWORKER_ASSIGNED,
  CaseActivity,
  ReintegrationCaseClosed,
  ReintegrationCaseOpened,
  ReintegrationSupportRecorded,
  caseActivityProjection,
  caseStream,
  reintegrationCatalog,
} from './test-support/reintegration-case.fixture';

const projection = caseActivityProjection({ collection: 'unused', topics: ['unused'] });

function outcomesOf(events: RecordedEvent[], options: Parameters<typeof applyInMemory>[2] = {}) {
  const outcomes: Array<{ event: RecordedEvent; outcome: EventOutcome }> = [];
  const documents = applyInMemory(projection, events, { ...options, onOutcome: (event, outcome) => outcomes.push({ event, outcome }) });
  return { documents, outcomes: outcomes.map(({ outcome }) => outcome) };
}

describe('applyInMemory', () => {
  const amina = caseStream('reintegration-case-1');
  const opened = amina.next(ReintegrationCaseOpened.type, { caseRef: 'RC-1', country: 'NE' }, 2);
  const supported = amina.next(ReintegrationSupportRecorded.type, { amountCents: 20_000, caseworkerNote: 'rent' });
  const closed = amina.next(ReintegrationCaseClosed.type, { outcome: 'completed' });

  it('folds a stream into its document', () => {
    const documents = applyInMemory(projection, [opened, supported, closed]);
    expect(documents.get('reintegration-case-1')).toEqual<CaseActivity>({
      caseRef: 'RC-1',
      country: 'NE',
      status: 'closed',
      supportCents: 20_000,
      eventCount: 3,
      appliedEventIds: [opened.eventId, supported.eventId, closed.eventId],
    });
  });

  it('skips a duplicate event: delivered twice, it counts once', () => {
    const { documents, outcomes } = outcomesOf([opened, supported, supported, closed]);
    expect(documents).toEqual(applyInMemory(projection, [opened, supported, closed]));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['applied', 'applied', 'skipped', 'applied']);
  });

  it('is idempotent if run twice: replaying every event again changes nothing', () => {
    const once = applyInMemory(projection, [opened, supported, closed]);
    const { documents, outcomes } = outcomesOf([opened, supported, closed, opened, supported, closed]);
    expect(documents).toEqual(once);
    expect(outcomes.slice(3).every((outcome) => outcome.kind === 'skipped')).toBe(true);
  });

  it('detects a gap and does not apply the event after it', () => {
    const { documents, outcomes } = outcomesOf([opened, closed]);
    expect(outcomes[1]).toEqual({ kind: 'rejected', documentId: 'reintegration-case-1', reason: 'gap: stream reintegration-case-1 expected version 2, got 3' });
    expect(documents.get('reintegration-case-1')?.status).toBe('open');
  });

  it('reports a stream whose first event is missing, unless the projection allows partial streams', () => {
    expect(outcomesOf([supported]).outcomes[0]).toMatchObject({ kind: 'rejected', reason: 'gap: stream reintegration-case-1 expected version 1, got 2' });
    const partial = applyInMemory({ ...projection, allowsPartialStreams: true }, [opened, closed]);
    expect(partial.get('reintegration-case-1')?.status).toBe('open');
  });

  it('applies every later event to a document that sees its stream sparsely, and still skips a redelivery', () => {
    const { documents, outcomes } = outcomesOf([opened, closed, closed, opened]);
    expect(outcomes[1]?.kind).toBe('rejected');
    const sparse = applyInMemory({ ...projection, sparseStreams: true }, [opened, closed, closed, opened]);
    expect(sparse.get('reintegration-case-1')).toMatchObject({ status: 'closed', eventCount: 2 });
    expect(documents.get('reintegration-case-1')?.status).toBe('open');
  });

  it('ignores types it does not handle, while keeping the stream version in step', () => {
    const stream = caseStream('reintegration-case-2');
    const first = stream.next(ReintegrationCaseOpened.type, { caseRef: 'RC-2', country: 'ML' }, 2);
    const assigned = stream.next(CASEWORKER_ASSIGNED, { caseworker: 'cw-7' });
    const support = stream.next(ReintegrationSupportRecorded.type, { amountCents: 5_000, caseworkerNote: 'tools' });
    const { documents, outcomes } = outcomesOf([first, assigned, support]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['applied', 'ignored', 'applied']);
    expect(documents.get('reintegration-case-2')).toMatchObject({ supportCents: 5_000, eventCount: 2 });
  });

  it('leaves out an event apply refuses, and what follows it in its stream is a gap', () => {
    const stream = caseStream('reintegration-case-3');
    const support = stream.next(ReintegrationSupportRecorded.type, { amountCents: 1, caseworkerNote: 'x' });
    const opening = stream.next(ReintegrationCaseOpened.type, { caseRef: 'RC-3', country: 'SN' }, 2);
    const { documents, outcomes } = outcomesOf([support, opening], { catalog: reintegrationCatalog() });
    expect(outcomes).toEqual([
      { kind: 'rejected', documentId: 'reintegration-case-3', reason: 'apply failed: support recorded before the case was opened' },
      { kind: 'rejected', documentId: 'reintegration-case-3', reason: 'gap: stream reintegration-case-3 expected version 1, got 2' },
    ]);
    expect(documents.size).toBe(0);
  });

  it('upcasts old versions through the catalog, and leaves out data that fails its schema', () => {
    const stream = caseStream('reintegration-case-4');
    const v1 = stream.next(ReintegrationCaseOpened.type, { caseRef: 'RC-4' }, 1);
    const invalid = stream.next(ReintegrationSupportRecorded.type, { amountCents: -5, caseworkerNote: 'x' });
    const { documents, outcomes } = outcomesOf([v1, invalid], { catalog: reintegrationCatalog() });
    expect(documents.get('reintegration-case-4')).toMatchObject({ caseRef: 'RC-4', country: 'ZZ' });
    expect(outcomes[1]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/^unreadable: Invalid data for ReintegrationSupportRecorded v1/) });
  });
});

describe('inMemoryProjectionReader', () => {
  type Doc = { name: string | null; countries: string[] };
  const reader = inMemoryProjectionReader<Doc>(
    new Map<string, Doc>([
      ['b', { name: 'Mali', countries: ['ML'] }],
      ['a', { name: null, countries: ['ML', 'NE'] }],
      ['c', { name: 'Mali', countries: ['NE'] }],
      ['d', { name: 'Burkina', countries: [] }],
    ]),
  );

  it('filters as the MongoDB store does: an array field matches when it holds the value, an undefined field does not filter', async () => {
    expect(await reader.find({ countries: 'NE', name: undefined })).toEqual([{ name: null, countries: ['ML', 'NE'] }, { name: 'Mali', countries: ['NE'] }]);
    expect(await reader.get('d')).toEqual({ name: 'Burkina', countries: [] });
    expect(await reader.get('z')).toBeUndefined();
    expect(await reader.getMany(['c', 'z', 'a'])).toEqual([{ name: 'Mali', countries: ['NE'] }, { name: null, countries: ['ML', 'NE'] }]);
  });

  it('orders as the MongoDB store does: null first, then by the field, then by document id', async () => {
    expect((await reader.find({}, { orderBy: 'name' })).map((doc) => `${doc.name}/${doc.countries.join('+')}`)).toEqual(['null/ML+NE', 'Burkina/', 'Mali/ML', 'Mali/NE']);
  });
});
