import { randomUUID } from 'node:crypto';
import {
  FigureReported,
  HighLevelEngagementRecorded,
  IndicatorDefined,
  NextStepSet,
  ProjectRegistered,
  ResultSubmitted,
  projectsCatalog,
} from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { applyInMemory, inMemoryProjectionReader, type ProjectionReader } from '@eutf/projections';
import { ReadModelQueries } from '../queries/read-model.queries';
import { countryPartnershipProjection } from './country-partnership.projection';
import { projectRegisterProjection } from './project-register.projection';
import { projectResultsProjection } from './project-results.projection';
import { reportedFiguresProjection } from './reported-figures.projection';

const versions = new Map<string, bigint>();
let prepare = 0n;

function recorded(streamId: string, type: string, data: unknown, occurredAt = '2017-06-13T10:00:00.000Z'): RecordedEvent {
  const streamVersion = (versions.get(streamId) ?? 0n) + 1n;
  versions.set(streamId, streamVersion);
  prepare += 1n;
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: projectsCatalog().get(type).currentVersion,
    data,
    occurredAt,
    recordedAt: occurredAt,
    streamId,
    streamVersion,
    position: { commit: prepare, prepare },
    metadata: { actor: { subject: 's', role: 'delegation-officer', country: 'ML' }, correlationId: 'c', causationId: null },
  };
}

const projectStream = `project-${ProjectRegistered.example.projectId}`;
const REASON = { textId: '11111111-1111-4111-8111-111111111111' };
const REVISED_NARRATIVE = { textId: '22222222-2222-4222-8222-222222222222' };
const projectEvents = [
  recorded(projectStream, 'ProjectRegistered', ProjectRegistered.example),
  recorded(projectStream, 'ProjectImplementationStarted', { startedOn: '2017-04-01' }),
  recorded(projectStream, 'IndicatorDefined', IndicatorDefined.example),
  recorded(projectStream, 'ResultSubmitted', ResultSubmitted.example),
  recorded(projectStream, 'ResultReturnedForRevision', { resultId: ResultSubmitted.example.resultId, reason: REASON }),
  recorded(projectStream, 'ResultSubmitted', { ...ResultSubmitted.example, narrative: REVISED_NARRATIVE }),
  recorded(projectStream, 'ResultApproved', { resultId: ResultSubmitted.example.resultId }),
];

/** The queries over the register and the results, both folded in memory. */
function queriesOver(events: RecordedEvent[]) {
  const fold = (projection: typeof projectRegisterProjection | typeof projectResultsProjection) =>
    inMemoryProjectionReader(applyInMemory(projection as never, events, { catalog: projectsCatalog() }) as Map<string, object>);
  const readers = new Map([projectRegisterProjection, projectResultsProjection].map((projection) => [projection.name, fold(projection)]));
  return new ReadModelQueries({ of: (projection) => (readers.get(projection.name) ?? inMemoryProjectionReader(new Map())) as ProjectionReader<never> });
}

/** The project as the reports read it: its register entry joined with its results, both folded in memory. */
function projectAfter(events: RecordedEvent[]) {
  const queries = queriesOver(events);
  return queries.project(ProjectRegistered.example.projectId);
}

describe('the project register and project results read models', () => {
  it('follow a project from registration to an approved result', async () => {
    const doc = await projectAfter(projectEvents);
    expect(doc).toMatchObject({ reference: 'T05-EUTF-SAH-ML-07', status: 'implementation', countries: ['ML'] });
    expect(doc?.results).toEqual([
      expect.objectContaining({ resultId: 'returns-2017-h1', status: 'approved', value: 1_000, returnReason: null }),
    ]);
    // Narratives may mention people; the read models keep figures only, not even their ids.
    expect(JSON.stringify(doc)).not.toContain(REVISED_NARRATIVE.textId);
    expect(JSON.stringify([...applyInMemory(projectResultsProjection, projectEvents, { catalog: projectsCatalog() }).values()])).not.toContain(REVISED_NARRATIVE.textId);
  });

  it('show a returned result with its reason, and a pending one as pending', async () => {
    expect((await projectAfter(projectEvents.slice(0, 5)))?.results[0]).toMatchObject({ status: 'returned-for-revision', returnReason: REASON });
    expect((await projectAfter(projectEvents.slice(0, 4)))?.results[0]?.status).toBe('pending-approval');
  });

  it('keep each result apart from the project: its entry lists result ids only, a result is a document of its own', () => {
    // Right after the approval (version 7), whatever other specs recorded.
    const many = Array.from({ length: 40 }, (_, n) => ({ ...recorded(projectStream, 'ResultSubmitted', { ...ResultSubmitted.example, resultId: `returns-${n}` }), streamVersion: BigInt(8 + n) }));
    const events = [...projectEvents, ...many];
    const entry = applyInMemory(projectRegisterProjection, events, { catalog: projectsCatalog() }).get(ProjectRegistered.example.projectId);
    expect(entry?.resultFigures.map(([resultId]) => resultId)).toEqual(['returns-2017-h1', ...many.map((_, n) => `returns-${n}`)]);
    expect(entry).not.toHaveProperty('results');
    const results = applyInMemory(projectResultsProjection, events, { catalog: projectsCatalog() });
    expect(results.size).toBe(41);
    expect(results.get(`${ProjectRegistered.example.projectId}/returns-39`)).toMatchObject({ projectId: ProjectRegistered.example.projectId, resultId: 'returns-39', status: 'pending-approval' });
  });

  it("keep in the project's entry each result's figures as its own document has them, at every step from submission through return to approval", async () => {
    for (let step = 4; step <= projectEvents.length; step += 1) {
      const events = projectEvents.slice(0, step);
      const whole = await projectAfter(events);
      const queries = queriesOver(events);
      const [counted] = await queries.projectFigures({});
      // What the consolidated report reads of each result, from the entry alone, equals what it would read of the result's document.
      const asCounted = whole?.results.map(({ resultId, indicatorId, reportingOrg, period, value, valueQualifier, status }) => ({ resultId, indicatorId, reportingOrg, period, value, valueQualifier, status }));
      expect(counted?.results).toEqual(asCounted);
      expect(counted?.results).toHaveLength(1);
    }
    const [approved] = await queriesOver(projectEvents).projectFigures({ country: 'ML' });
    expect(approved?.results).toEqual([{ resultId: 'returns-2017-h1', indicatorId: 'returns', reportingOrg: 'IOM', period: { from: '2017-01-01', to: '2017-06-30' }, value: 1_000, valueQualifier: null, status: 'approved' }]);
    expect(await queriesOver(projectEvents).projectFigures({ country: 'NE' })).toEqual([]);
  });

  it('list a result submitted again last, as the register always has', async () => {
    const other = { ...recorded(projectStream, 'ResultSubmitted', { ...ResultSubmitted.example, resultId: 'returns-2017-h2' }), streamVersion: 8n };
    const again = { ...recorded(projectStream, 'ResultSubmitted', ResultSubmitted.example), streamVersion: 9n };
    expect((await projectAfter([...projectEvents, other, again]))?.results.map((result) => `${result.resultId}:${result.status}`)).toEqual([
      'returns-2017-h2:pending-approval',
      'returns-2017-h1:pending-approval',
    ]);
  });

  it('keep a reason as its free-text id only, and note its erasure; an older event\'s inline reason stays as it came', async () => {
    // Right after the return (version 5): the projection applies a stream's events in order.
    const erased = { ...recorded(projectStream, 'FreeTextErased', { textId: REASON.textId, field: 'reason', reasonCode: 'personal-data' }), streamVersion: 6n };
    const doc = await projectAfter([...projectEvents.slice(0, 5), erased]);
    expect(doc?.results[0]?.returnReason).toEqual(REASON);
    expect(doc?.erasedTexts).toEqual([REASON.textId]);
    const inline = { ...projectEvents[4], schemaVersion: 1, data: { resultId: ResultSubmitted.example.resultId, reason: 'Check the sex split' } } as RecordedEvent;
    const legacy = await projectAfter([...projectEvents.slice(0, 4), inline]);
    expect(legacy?.results[0]?.returnReason).toEqual({ legacyText: 'Check the sex split' });
  });

  it('are idempotent if run twice: every event delivered again changes nothing', () => {
    for (const projection of [projectRegisterProjection, projectResultsProjection] as const) {
      const once = applyInMemory(projection as never, projectEvents);
      const twice = applyInMemory(projection as never, [...projectEvents, ...projectEvents]);
      expect(twice).toEqual(once);
    }
  });
});

describe('the country partnership read model', () => {
  const stream = 'country-partnership-ML';
  const events = [
    recorded(stream, 'HighLevelEngagementRecorded', { ...HighLevelEngagementRecorded.example, entryId: 'late', date: '2017-02-01' }),
    recorded(stream, 'HighLevelEngagementRecorded', HighLevelEngagementRecorded.example),
    recorded(stream, 'NextStepSet', NextStepSet.example),
    recorded(stream, 'NextStepCompleted', { entryId: NextStepSet.example.entryId, completedOn: '2017-06-30' }),
  ];

  it('lists engagement by date and marks completed next steps', () => {
    const doc = applyInMemory(countryPartnershipProjection, events).get('ML');
    expect(doc?.highLevelEngagement.map((entry) => entry.date)).toEqual(['2016-11-10', '2017-02-01']);
    expect(doc?.nextSteps).toEqual([expect.objectContaining({ entryId: 'next-1', completedOn: '2017-06-30' })]);
  });

  it('is idempotent if run twice', () => {
    expect(applyInMemory(countryPartnershipProjection, [...events, ...events])).toEqual(applyInMemory(countryPartnershipProjection, events));
  });

  it('reads an EU support measure recorded before measures were dated (version 1) as undated', () => {
    const senegal = 'country-partnership-SN';
    const undated = { ...recorded(senegal, 'EuSupportMeasureRecorded', { entryId: 'old', description: 'Budget support', amountCents: null, source: null }), schemaVersion: 1 };
    const dated = { ...recorded(senegal, 'EuSupportMeasureRecorded', { entryId: 'emlo', date: '2017-02', description: 'Liaison officer deployed', amountCents: null, source: null }), schemaVersion: 2 };
    const doc = applyInMemory(countryPartnershipProjection, [undated, dated], { catalog: projectsCatalog() }).get('SN');
    expect(doc?.euSupportMeasures.map((measure) => [measure.entryId, measure.date])).toEqual([['old', null], ['emlo', '2017-02']]);
  });
});

describe('the reported figures read model', () => {
  const programme = [
    recorded('reported-figures-programme', 'FigureReported', FigureReported.example, '2026-12-01T10:00:00.000Z'),
    recorded('reported-figures-programme', 'FigureReported', { ...FigureReported.example, figureId: 'liaison-officers-countries', section: 'cooperation', value: 12, unit: 'countries' }),
  ];
  const mali = recorded('reported-figures-country-ML', 'FigureReported', { ...FigureReported.example, figureId: 'gcm-returnees', scope: { level: 'country', country: 'ML' }, value: 2_500, unit: 'people', period: { from: null, to: null } });

  it('keeps one document per scope, each figure with when the system learnt it', () => {
    const documents = applyInMemory(reportedFiguresProjection, [...programme, mali], { catalog: projectsCatalog() });
    expect([...documents.keys()]).toEqual(['programme', 'country-ML']);
    expect(documents.get('programme')).toEqual({
      scopeKey: 'programme',
      scope: { level: 'programme' },
      figures: [{ ...FigureReported.example, recordedAt: '2026-12-01T10:00:00.000Z' }, expect.objectContaining({ figureId: 'liaison-officers-countries', value: 12 })],
    });
    expect(documents.get('country-ML')?.scope).toEqual({ level: 'country', country: 'ML' });
  });

  it('is idempotent if run twice', () => {
    expect(applyInMemory(reportedFiguresProjection, [...programme, ...programme])).toEqual(applyInMemory(reportedFiguresProjection, programme));
  });
});
