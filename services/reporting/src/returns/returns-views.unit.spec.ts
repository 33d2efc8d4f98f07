import { randomUUID } from 'node:crypto';
import { partnerProjectKey, projectReturnsStream, reintegrationCaseloadStream, returnsCatalog } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { applyInMemory } from '@eutf/projections';
import { reintegrationProjection } from '../read-models/reintegration.projection';
import { returnsProjection } from '../read-models/returns.projection';
import { NOT_SPLIT, registerReturnsOf, reintegrationView, returnsViews } from './returns-views';

const key = (n: number) => n.toString(16).padStart(64, '0');
const SOURCE_004 = { document: '004_f049d9a19f4b6321', page: null };

function streamOf(streamId: string) {
  let version = 0;
  return (type: string, data: unknown): RecordedEvent => {
    version += 1;
    return {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      occurredAt: '2021-01-01T00:00:00.000Z',
      recordedAt: '2021-01-01T00:00:00.000Z',
      metadata: { actor: { subject: 'partner-IOM', role: 'implementing-partner', org: 'IOM' }, correlationId: randomUUID(), causationId: null },
      streamId,
      streamVersion: BigInt(version),
      position: { commit: BigInt(version), prepare: 0n },
    };
  };
}

const returnsOf = streamOf(projectReturnsStream.id(partnerProjectKey('ml-eu-iom-joint-initiative', 'IOM')));
const libyaOf = streamOf(projectReturnsStream.id(partnerProjectKey('noa-ly-iom-protection-and-return', 'IOM')));
const caseloadOf = streamOf(reintegrationCaseloadStream.id(partnerProjectKey('ml-eu-iom-joint-initiative', 'IOM')));

const operation = (n: number, hostCountry: string, month: string, count: number) =>
  returnsOf('ReturnOperationRegistered', {
    operationId: key(n),
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    kind: 'charter',
    hostCountry,
    countryOfOrigin: 'ML',
    departedOn: `${month}-10`,
    departed: [{ sex: 'male', ageBand: '18-24', count }],
    vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 },
  });

const events: RecordedEvent[] = [
  returnsOf('PeriodReturnsReported', { reportId: key(100), projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', hostCountry: null, countryOfOrigin: 'ML', period: { from: '2017-05', to: '2020-10' }, count: 17_181, valueQualifier: 'exact', breakdown: [], source: SOURCE_004 }),
  operation(1, 'NE', '2020-11', 40),
  returnsOf('ReturnArrivalConfirmed', { operationId: key(1), arrivedOn: '2020-11-11', arrived: 38 }),
  operation(2, 'DZ', '2020-12', 3),
  returnsOf('ReturnArrivalConfirmed', { operationId: key(2), arrivedOn: '2020-12-11', arrived: 3 }),
  operation(3, 'NE', '2020-12', 60),
  returnsOf('ReturnOperationCancelled', { operationId: key(3), cancelledOn: '2020-12-09', reason: 'security' }),
  libyaOf('PeriodReturnsReported', { reportId: key(101), projectId: 'noa-ly-iom-protection-and-return', partner: 'IOM', hostCountry: 'LY', countryOfOrigin: null, period: { from: '2017-01', to: '2017-06' }, count: 4_000, valueQualifier: 'more-than', breakdown: [], source: { document: '002_21535fd7b2306ce6', page: null } }),
  caseloadOf('PeriodReintegrationReported', { reportId: key(102), projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', countryOfReturn: 'ML', stage: 'completed', period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 }),
  caseloadOf('ReintegrationCaseRegistered', { caseKey: key(7), projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', countryOfReturn: 'ML', regionOfReturn: 'ML-4', sex: 'female', ageBand: '25-34', registeredOn: '2020-11-02' }),
  caseloadOf('ReintegrationAbandoned', { caseKey: key(7), abandonedOn: '2020-12-01' }),
];

const fold = (recorded: RecordedEvent[]) => ({
  returns: [...applyInMemory(returnsProjection, recorded, { catalog: returnsCatalog() }).values()],
  reintegration: [...applyInMemory(reintegrationProjection, recorded, { catalog: returnsCatalog() }).values()],
});

describe('the returns and reintegration read models', () => {
  it('are idempotent: every event applied twice gives the same documents', () => {
    expect(fold([...events, ...events])).toEqual(fold(events));
  });

  it("show Mali's 17,181 returns and 6,760 completed reintegrations with their source, and Libya's more than 4,000 by host country", () => {
    const { returns, reintegration } = fold(events);
    const views = returnsViews(returns);
    expect(views.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ count: 17_181, valueQualifier: 'exact', source: SOURCE_004 }),
        expect.objectContaining({ count: 4_000, valueQualifier: 'more-than', period: { from: '2017-01', to: '2017-06' } }),
      ]),
    );
    const libya = views.byOriginAndHost.columns.indexOf('LY');
    expect(views.byOriginAndHost.columnTotals[libya]).toBe(4_000);
    const { table, figures } = reintegrationView(reintegration, 'country');
    expect(table.cells[table.rows.indexOf('ML')]?.[table.columns.indexOf('completed')]).toBe(6_760);
    expect(figures).toEqual([expect.objectContaining({ count: 6_760, source: SOURCE_004 })]);
  });

  it('count arrived operations only, by their month, and hide the small ones with a partner cell', () => {
    const { byMonthAndHost } = returnsViews(fold(events).returns, { from: '2020-11', to: '2020-12' });
    expect(byMonthAndHost.rows).toEqual(['2020-11', '2020-12']);
    expect(byMonthAndHost.columns).toEqual(['DZ', 'NE']);
    // December from Algeria is 3: hidden, and so is enough around it that it cannot be worked out.
    expect(byMonthAndHost.cells[1]?.[0]).toBeNull();
    expect(JSON.stringify(byMonthAndHost)).not.toMatch(/\b3\b/);
  });

  it('count a period figure by another dimension as "not split", and suppress a lone abandoned case', () => {
    const { table } = reintegrationView(fold(events).reintegration, 'sex');
    expect(table.rows).toEqual(['female', NOT_SPLIT]);
    expect(table.cells[0]).toEqual([null, 0, null]);
  });
});

describe("a project's returns in the project register", () => {
  const gizOf = streamOf(projectReturnsStream.id(partnerProjectKey('ml-eu-iom-joint-initiative', 'GIZ')));
  const giz = gizOf('PeriodReturnsReported', { reportId: key(200), projectId: 'ml-eu-iom-joint-initiative', partner: 'GIZ', hostCountry: 'NE', countryOfOrigin: 'ML', period: { from: '2021-01', to: '2021-03' }, count: 250, valueQualifier: 'exact', breakdown: [], source: null });

  it("shows that project's figures only, every table suppressed, each period figure with its source", () => {
    const register = registerReturnsOf('ml-eu-iom-joint-initiative', fold(events), undefined);
    expect(register.figures.map((figure) => [figure.what, figure.count])).toEqual([
      ['returned from every host country to ML', 17_181],
      ['reintegration completed in ML', 6_760],
    ]);
    // Libya's 4,000 belong to another project; Algeria's 3 in December are hidden, and so is what would give them away.
    expect(register.byOriginAndHost.columns).not.toContain('LY');
    expect(register.byMonthAndHost.cells[1]?.[0]).toBeNull();
    expect(JSON.stringify(register.byMonthAndHost)).not.toMatch(/\b3\b/);
    expect(register.reintegrationByCountry.cells[0]).toEqual([null, 6_760, null]);
  });

  it("shows a partner only what its own organisation reported, never a co-partner's", () => {
    const reported = fold([...events, giz]);
    expect(registerReturnsOf('ml-eu-iom-joint-initiative', reported, undefined).figures.map((figure) => figure.partner)).toEqual(['IOM', 'GIZ', 'IOM']);
    expect(registerReturnsOf('ml-eu-iom-joint-initiative', reported, 'GIZ')).toEqual(
      expect.objectContaining({ figures: [expect.objectContaining({ partner: 'GIZ', count: 250 })], reintegrationByCountry: expect.objectContaining({ rows: [], total: 0 }) }),
    );
    expect(registerReturnsOf('ml-eu-iom-joint-initiative', reported, 'GIZ').byOriginAndHost).toEqual(expect.objectContaining({ rows: ['ML'], columns: ['NE'], total: 250 }));
  });
});
