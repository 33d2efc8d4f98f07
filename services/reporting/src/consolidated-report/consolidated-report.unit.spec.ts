import { IndicatorDefined, ProjectRegistered, type FigureScope } from '@eutf/event-catalog';
import type { CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import type { FinanceDoc } from '../read-models/finance.projection';
import type { ProjectRegisterDoc } from '../read-models/project-register.projection';
import { resultView } from '../test-support/result-view';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ReportedFigureView, ReportedFiguresDoc } from '../read-models/reported-figures.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { buildConsolidatedReport, readFrozenReport, REPORT_COUNTRIES, type ConsolidatedReportInput } from './consolidated-report';
import { renderConsolidatedReportCsv, renderConsolidatedReportHtml } from './consolidated-report.render';
import { csvRecords } from '../test-support/csv-records';

const FIRST_YEAR = { from: '2016-06-01', to: '2017-06-30' };
const SOURCE_002 = '002_21535fd7b2306ce6.txt';

const result = resultView;

const project = (projectId: string, countries: string[], overrides: Partial<ProjectRegisterDoc> = {}): ProjectRegisterDoc => ({
  ...ProjectRegistered.example,
  projectId,
  reference: projectId,
  countries,
  leadCountry: countries[0] as string,
  adoptedOn: '2016-12',
  startDate: '2017-01-01',
  endDate: '2019-12-31',
  status: 'implementation',
  registeredAt: '2017-01-10T00:00:00.000Z',
  milestones: [],
  indicators: [IndicatorDefined.example],
  results: [],
  lockedPeriods: [],
  ...overrides,
});

const mali = project('T05-EUTF-SAH-ML-07', ['ML'], {
  euContributionCents: 15_000_000_00,
  implementingPartners: ['IOM'],
  results: [
    result('first-year', { from: '2017-01-01', to: '2017-06-30' }, 1_000),
    // The AECID-like running total to October 2020: not a figure of the first year.
    result('to-2020', { from: null, to: '2020-10-31' }, 70_000),
    result('waiting', { from: '2017-01-01', to: '2017-03-31' }, 50, 'pending-approval'),
  ],
});
const niger = project('T05-EUTF-SAH-NE-12', ['NE'], { euContributionCents: 5_000_000_00, implementingPartners: ['GIZ'], status: 'pipeline', adoptedOn: '2017-05' });
const ledger: FinanceDoc = {
  projectId: mali.projectId,
  reference: mali.reference,
  title: mali.title,
  window: 'SAH',
  countries: ['ML'],
  implementingPartners: ['IOM'],
  committedCents: 15_000_000_00,
  contracts: [{ contractId: 'c1', partnerOrg: 'IOM', signedOn: '2017-03-01', contractedCents: 9_000_000_00, requestedCents: 0, paidCents: 2_000_000_00, recoveredCents: 0, expenditureCents: 0 }],
  tranches: [],
  transactions: [
    { key: 'commitment', iatiTransactionType: 2, amountCents: 15_000_000_00, date: '2017-01-20', contractId: null, partnerOrg: null },
    { key: 'payment', iatiTransactionType: 3, amountCents: 2_000_000_00, date: '2017-04-15', contractId: 'c1', partnerOrg: 'IOM' },
  ],
};
const partnership: CountryPartnershipDoc = {
  country: 'ML',
  highLevelEngagement: [
    { entryId: 'a', date: '2016-11-10', level: 'ministerial', description: 'Visit to Bamako', source: null },
    { entryId: 'b', date: '2016-12-11', level: 'head-of-state', description: 'Visit to Bamako', source: null },
  ],
  keyProgress: [{ entryId: 'k', date: '2017-01', description: 'Standard operating procedures agreed', source: null }],
  euSupportMeasures: [{ entryId: 'emlo', date: '2017-02', description: 'European Migration Liaison Officer deployed to the EU Delegation in Mali', amountCents: null, source: null }],
  nextSteps: [{ entryId: 'n', description: 'Finalise the returns procedures', dueDate: null, completedOn: null, source: null }],
};

const figure = (figureId: string, scope: FigureScope, section: ReportedFigureView['section'], value: number, period: ReportedFigureView['period'], more: Partial<ReportedFigureView> = {}): ReportedFigureView => ({
  figureId,
  scope,
  section,
  description: figureId,
  value,
  valueQualifier: null,
  unit: 'people',
  period,
  reportedBy: 'European Commission',
  source: { document: SOURCE_002, quote: `the passage of ${figureId}` },
  recordedAt: '2026-12-01T00:00:00.000Z',
  ...more,
});
const scopeDoc = (scopeKey: string, scope: FigureScope, figures: ReportedFigureView[]): ReportedFiguresDoc => ({ scopeKey, scope, figures });
const reportedFigures: ReportedFiguresDoc[] = [
  scopeDoc('programme', { level: 'programme' }, [
    figure('eutf-projects-approved', { level: 'programme' }, 'eu-support', 118, { from: null, to: '2017-06' }, { unit: 'projects' }),
    figure('eutf-resources', { level: 'programme' }, 'eu-support', 280_000_000_000, { from: null, to: '2017-06' }, { unit: 'EUR cents', valueQualifier: 'around' }),
    figure('liaison-officers-countries', { level: 'programme' }, 'cooperation', 12, { from: null, to: '2017-06' }, { unit: 'countries' }),
  ]),
  scopeDoc('region-rabat-process', { level: 'region', region: 'rabat-process' }, [
    figure('rabat-process-participants', { level: 'region', region: 'rabat-process' }, 'regional-dialogue', 550, { from: '2015', to: '2017' }, { valueQualifier: 'more-than', unit: 'participants', reportedBy: 'Rabat Process (ICMPD)' }),
  ]),
  scopeDoc('country-ML', { level: 'country', country: 'ML' }, [
    figure('gcm-nationals-in-distress-assisted', { level: 'country', country: 'ML' }, 'results', 10_000, { from: '2019', to: '2021' }, { reportedBy: 'Government of Mali' }),
    figure('gcm-returnees-reintegration-supported', { level: 'country', country: 'ML' }, 'returns-and-reintegration', 2_500, { from: null, to: null }, { reportedBy: 'Government of Mali' }),
  ]),
  scopeDoc('country-LY', { level: 'country', country: 'LY' }, [figure('avr-from-libya-2017', { level: 'country', country: 'LY' }, 'returns-and-reintegration', 4_000, { from: '2017-01-01', to: '2017-06' }, { valueQualifier: 'more-than' })]),
];
const returns: ProjectReturnsDoc[] = [
  { projectId: mali.projectId, partner: 'IOM', operations: [], periodReports: [{ reportId: 'r1', hostCountry: 'NE', countryOfOrigin: 'ML', period: { from: '2017-01', to: '2017-05' }, count: 380, valueQualifier: 'exact', source: null }] },
];
const reintegration: ReintegrationDoc[] = [
  { projectId: mali.projectId, partner: 'IOM', cases: [], periodReports: [{ reportId: 'c1', countryOfReturn: 'ML', stage: 'started', period: { from: '2017-02', to: '2017-06' }, count: 120, valueQualifier: 'exact', source: null }] },
];

const whole = (period = FIRST_YEAR): ConsolidatedReportInput => ({
  period,
  audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true },
  partnerships: [partnership],
  projects: [mali, niger],
  funding: [ledger],
  returns,
  reintegration,
  reportedFigures,
});

describe('the consolidated progress report', () => {
  const report = buildConsolidatedReport(whole());
  const section = (code: string) => report.countries.find((entry) => entry.country.code === code);

  it('has a section per priority country, in the order of the Fourth Progress Report', () => {
    expect(report.countries.map((entry) => entry.country.name)).toEqual(['Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia']);
  });

  it("counts each country's projects and money, and says no data, never 0, where the funding ledger holds nothing", () => {
    expect(section('ML')?.euSupport.projects).toEqual({ basis: 'computed', approved: 1, underImplementation: 1 });
    expect(section('ML')?.euSupport.euContribution).toEqual({
      basis: 'computed', registeredCents: 15_000_000_00, projectsWithoutAmount: 0, committedCents: 15_000_000_00, contractedCents: 9_000_000_00, paidCents: 2_000_000_00, projectsWithoutData: 0,
    });
    expect(section('NE')?.euSupport.projects).toEqual({ basis: 'computed', approved: 1, underImplementation: 0 });
    expect(section('NE')?.euSupport.euContribution).toMatchObject({ committedCents: null, contractedCents: null, paidCents: null, projectsWithoutData: 1 });
    expect(section('SN')?.euSupport.euContribution).toMatchObject({ registeredCents: 0, committedCents: null, paidCents: null, projectsWithoutData: 0 });
    expect(report.totals?.euSupport.euContribution).toMatchObject({ registeredCents: 20_000_000_00, committedCents: 15_000_000_00, paidCents: 2_000_000_00, projectsWithoutData: 1 });
  });

  it('adds up approved results inside the period only: pending ones and those of another period are shown apart', () => {
    const results = section('ML')?.results;
    expect(results?.byEutfIndicator.map((total) => total.total)).toEqual([1_000]);
    // Counted, never added up: how many, of how many projects, over which of their own periods.
    expect(results?.pendingApproval).toEqual({ results: 1, projects: 1, byEutfIndicator: [{ eutfIndicator: '3.4', unit: 'people', results: 1, projects: 1, periods: { from: '2017-01-01', to: '2017-03-31' } }] });
    expect(results?.approvedForOtherPeriods).toEqual({ results: 1, projects: 1, byEutfIndicator: [{ eutfIndicator: '3.4', unit: 'people', results: 1, projects: 1, periods: { from: null, to: '2020-10-31' } }] });
    expect(report.totals?.results.byEutfIndicator.map((total) => total.total)).toEqual([1_000]);
    // To date, the running total ends inside the period and counts (the indicator is cumulative: its latest value).
    const toDate = buildConsolidatedReport(whole({ from: '2016-06-01', to: '2026-12-04' }));
    expect(toDate.countries.find((entry) => entry.country.code === 'ML')?.results.byEutfIndicator.map((total) => total.total)).toEqual([70_000]);
  });

  it('counts results apart by EUTF indicator and unit, with the projects they come from and the span of their own periods, in the sections and the totals', () => {
    const unmapped = { ...IndicatorDefined.example, indicatorId: 'local', eutfIndicator: null, unit: 'trainings' };
    const second = project('T05-EUTF-SAH-ML-08', ['ML'], {
      indicators: [IndicatorDefined.example, unmapped],
      results: [
        result('late', { from: '2017-04-01', to: '2017-09-30' }, 10),
        result('since-start', { from: null, to: '2018-03-31' }, 20),
        { ...result('local', { from: '2016-01-01', to: '2016-12-31' }, 5), indicatorId: 'local' },
        result('waiting-2', { from: '2017-02-01', to: '2017-02-28' }, 7, 'pending-approval'),
      ],
    });
    const counted = buildConsolidatedReport({ ...whole(), projects: [mali, second] });
    const ml = counted.countries.find((entry) => entry.country.code === 'ML')?.results;
    expect(ml?.approvedForOtherPeriods).toEqual({
      results: 4,
      projects: 2,
      byEutfIndicator: [
        { eutfIndicator: '3.4', unit: 'people', results: 3, projects: 2, periods: { from: null, to: '2020-10-31' } },
        { eutfIndicator: null, unit: 'trainings', results: 1, projects: 1, periods: { from: '2016-01-01', to: '2016-12-31' } },
      ],
    });
    expect(ml?.pendingApproval).toEqual({ results: 2, projects: 2, byEutfIndicator: [{ eutfIndicator: '3.4', unit: 'people', results: 2, projects: 2, periods: { from: '2017-01-01', to: '2017-03-31' } }] });
    // Nothing apart is added to the period's figures: the first year's 1,000 stand alone.
    expect(ml?.byEutfIndicator.map((total) => total.total)).toEqual([1_000]);
    expect(counted.totals?.results.approvedForOtherPeriods).toEqual(ml?.approvedForOtherPeriods);
    expect(counted.totals?.results.pendingApproval).toEqual(ml?.pendingApproval);
  });

  it("adds up co-partners' parts of one indicator for one period, in the country's section and in the totals alike", () => {
    const shared = project('T05-EUTF-SAH-ML-09', ['ML'], {
      implementingPartners: ['IOM', 'GIZ'],
      results: [
        result('iom-part', { from: '2017-01-01', to: '2017-06-30' }, 1_000),
        { ...result('giz-part', { from: '2017-01-01', to: '2017-06-30' }, 500), reportingOrg: 'GIZ' },
      ],
    });
    const withShared = buildConsolidatedReport({ ...whole(), projects: [shared] });
    expect(withShared.countries.find((entry) => entry.country.code === 'ML')?.results.byEutfIndicator.map((total) => total.total)).toEqual([1_500]);
    expect(withShared.totals?.results.byEutfIndicator.map((total) => total.total)).toEqual([1_500]);
  });

  it('counts returns by origin and host country and reintegration from the returns views, and says no data where nobody reported any', () => {
    const ml = section('ML')?.returnsAndReintegration;
    expect(ml?.byOriginAndHost).toMatchObject({ rows: ['ML'], columns: ['NE'], total: 380 });
    expect(ml?.reintegration).toMatchObject({ rows: ['ML'], columns: ['started', 'completed', 'abandoned'], total: 120 });
    expect(section('NE')?.returnsAndReintegration).toMatchObject({ byOriginAndHost: null, reintegration: null });
    expect(report.totals?.returnsAndReintegration.byOriginAndHost?.total).toBe(380);
  });

  it("gives each country's EU support measures with their dates, its engagement count, key progress and next steps", () => {
    expect(section('ML')?.euSupport.measures?.map((measure) => measure.date)).toEqual(['2017-02']);
    expect(section('ML')?.highLevelEngagement).toEqual({ basis: 'computed', count: 2 });
    expect(report.totals?.highLevelEngagement.count).toBe(2);
    expect(section('ML')?.keyProgress?.entries).toHaveLength(1);
    expect(section('ML')?.nextSteps).toHaveLength(1);
  });

  it('shows the reported figures beside the computed ones, labelled, in the section a reader looks for them, apart when their period is not inside', () => {
    expect(report.totals?.euSupport.reported.inPeriod.map((line) => [line.basis, line.figureId, line.value, line.valueQualifier, line.reportedBy, line.source.document])).toEqual([
      ['reported', 'eutf-projects-approved', 118, null, 'European Commission', SOURCE_002],
      ['reported', 'eutf-resources', 280_000_000_000, 'around', 'European Commission', SOURCE_002],
    ]);
    expect(report.regional?.cooperation.inPeriod.map((line) => line.figureId)).toEqual(['liaison-officers-countries']);
    // 2015-2017 overlaps the first year without lying inside it.
    expect(report.regional?.regionalDialogue).toEqual({ inPeriod: [], otherPeriods: [expect.objectContaining({ figureId: 'rabat-process-participants', value: 550, valueQualifier: 'more-than' })] });
    // Mali's GCM review: 2019-2021 lies outside the first year; the 2,500 returnees have no stated period.
    expect(section('ML')?.results.reported).toEqual({ inPeriod: [], otherPeriods: [] });
    expect(section('ML')?.returnsAndReintegration.reported.otherPeriods.map((line) => line.figureId)).toEqual(['gcm-returnees-reintegration-supported']);
    expect(report.otherCountries).toEqual([{ country: { code: 'LY', name: 'Libya' }, reported: { inPeriod: [expect.objectContaining({ figureId: 'avr-from-libya-2017' })], otherPeriods: [] } }]);
    const toDate = buildConsolidatedReport(whole({ from: '2016-06-01', to: '2026-12-04' }));
    expect(toDate.countries.find((entry) => entry.country.code === 'ML')?.results.reported.inPeriod.map((line) => line.figureId)).toEqual(['gcm-nationals-in-distress-assisted']);
  });

  it("gives an officer their country's section only, and a partner the sections of its own projects, without the partnership record", () => {
    const officer = buildConsolidatedReport({ ...whole(), audience: { countries: ['ML'], partner: null, whole: false }, projects: [mali], funding: [ledger], reportedFigures: reportedFigures.filter((doc) => doc.scopeKey === 'country-ML') });
    expect([officer.countries.map((entry) => entry.country.code), officer.totals, officer.regional, officer.otherCountries]).toEqual([['ML'], null, null, null]);
    expect(officer.countries[0]?.highLevelEngagement?.count).toBe(2);
    const partner = buildConsolidatedReport({ ...whole(), audience: { countries: ['NE'], partner: 'GIZ', whole: false }, partnerships: [], projects: [niger], funding: [], returns: [], reintegration: [], reportedFigures: [] });
    expect(partner.countries.map((entry) => [entry.country.code, entry.highLevelEngagement, entry.keyProgress, entry.nextSteps, entry.euSupport.measures])).toEqual([['NE', null, null, null, null]]);
  });
});

describe('the consolidated report, printed and as CSV', () => {
  const report = buildConsolidatedReport(whole());

  it('prints every section, labels computed and reported figures, with the source of each reported one', () => {
    const html = renderConsolidatedReportHtml(report);
    for (const heading of ['<h2>Overview and totals</h2>', '<h2>Niger</h2>', '<h2>Mali</h2>', '<h2>Ethiopia</h2>', '<h2>Regional cooperation</h2>', '<h2>Regional dialogue</h2>', '<h2>Other countries</h2>']) expect(html).toContain(heading);
    expect(html).toContain('<span class="basis reported">reported</span>');
    expect(html).toContain('<span class="basis computed">computed</span>');
    expect(html).toContain('around €2.8 billion');
    expect(html).toContain('more than 550 participants');
    expect(html).toContain('“the passage of eutf-projects-approved” <span class="code">002_21535fd7b2306ce6.txt</span>');
    expect(html).toContain('<strong>February 2017</strong> — European Migration Liaison Officer deployed');
    expect(html).toContain('Reported for a period not inside this report’s');
    expect(html).toContain('<span class="none">no data</span>');
  });

  it('lists every figure on a line, with its basis, amounts in cents, and no data as a note rather than 0', () => {
    const lines = renderConsolidatedReportCsv(report).trim().split('\r\n');
    expect(lines[0]).toBe('section,country,scope,figure,basis,value,value_qualifier,unit,period_from,period_to,counted_in_period,reported_by,source_document,source_quote,note,restates_closure,frozen_value');
    expect(lines).toContain('totals,,programme,EU contribution committed,computed,1500000000,,EUR cents,2016-06-01,2017-06-30,yes,,,,,,');
    expect(lines).toContain('country,NE,country-NE,EU contribution paid,computed,,,EUR cents,2016-06-01,2017-06-30,yes,,,,no data,,');
    expect(lines).toContain('eu-support,,programme,eutf-resources,reported,280000000000,around,EUR cents,,2017-06,yes,European Commission,002_21535fd7b2306ce6.txt,the passage of eutf-resources,,,');
    expect(lines).toContain('regional-dialogue,,region-rabat-process,rabat-process-participants,reported,550,more-than,participants,2015,2017,no,Rabat Process (ICMPD),002_21535fd7b2306ce6.txt,the passage of rabat-process-participants,"for a period not inside the report’s, or none stated",,');
    expect(lines.every((line) => line.split(',').length >= 17)).toBe(true);
  });

  it('gives the results apart a line per indicator: how many results, over their own periods, not counted', () => {
    const records = csvRecords(renderConsolidatedReportCsv(report)).filter((row) => row['country'] === 'ML' && row['counted_in_period'] === 'no' && row['unit'] === 'results');
    expect(records.map((row) => [row['figure'], row['value'], row['period_from'], row['period_to'], row['note']])).toEqual([
      ['pending approval: EUTF 3.4 (people)', '1', '2017-01-01', '2017-03-31', 'waiting for approval, not counted; 1 project'],
      ['approved for another period: EUTF 3.4 (people)', '1', '', '2020-10-31', 'approved for periods not inside the report’s, not counted; 1 project'],
    ]);
  });

  it('reads back a report frozen when results apart were listed line by line, counted as a report computed now counts them', () => {
    const now = buildConsolidatedReport(whole());
    const asListed = (results: object) => ({
      ...results,
      pendingApproval: [{ projectId: mali.projectId, eutfIndicator: '3.4', unit: 'people', period: { from: '2017-01-01', to: '2017-03-31' }, value: 50, status: 'pending-approval' }],
      approvedForOtherPeriods: [{ projectId: mali.projectId, eutfIndicator: '3.4', unit: 'people', period: { from: null, to: '2020-10-31' }, value: 70_000, status: 'approved' }],
    });
    const frozenThen = {
      ...now,
      countries: now.countries.map((entry) => (entry.country.code === 'ML' ? { ...entry, results: asListed(entry.results) } : { ...entry, results: { ...entry.results, pendingApproval: [], approvedForOtherPeriods: [] } })),
      totals: now.totals && { ...now.totals, results: asListed(now.totals.results) },
    };
    const read = readFrozenReport(JSON.stringify(frozenThen));
    expect(read).toEqual(now);
    expect(renderConsolidatedReportHtml(read)).toContain('Pending approval (not counted): 1 result of 1 project');
  });

  it('lists the restatements of closed periods after the period’s figures, each with the closure it restates and the value frozen in it', () => {
    const restates = { closureId: '2016-06-01_2017-06-30_v1', period: FIRST_YEAR, version: 1, closedAt: '2017-07-15T09:00:00.000Z', contentHash: 'hash' };
    const restated = {
      ...report,
      restatements: [
        { basis: 'restatement' as const, restates, section: 'country', country: 'ML', figure: 'EUTF 3.4 (2021) approved', unit: 'people', frozenValue: 1_000, restatedValue: 1_250, note: null },
        { basis: 'restatement' as const, restates, section: 'totals', country: null, figure: 'EU contribution paid', unit: 'EUR cents', frozenValue: null, restatedValue: 500_00, note: 'new in the period' },
      ],
    };
    const lines = renderConsolidatedReportCsv(restated).trim().split('\r\n');
    expect(lines.slice(-2)).toEqual([
      'country,ML,country-ML,EUTF 3.4 (2021) approved,restatement,1250,,people,2016-06-01,2017-06-30,no,,,,,2016-06-01_2017-06-30_v1,1000',
      'totals,,,EU contribution paid,restatement,50000,,EUR cents,2016-06-01,2017-06-30,no,,,,new in the period,2016-06-01_2017-06-30_v1,',
    ]);
    expect(renderConsolidatedReportCsv(report)).not.toContain('restatement');
  });
});

describe('a project in several countries, in the consolidated report', () => {
  // Led by Mali, Niger participates: €15 million committed, 1,000 approved for the first year.
  const regional = { ...mali, countries: ['NE', 'ML'], leadCountry: 'ML' };
  const report = buildConsolidatedReport({ ...whole(), projects: [regional, niger], funding: [{ ...ledger, countries: ['NE', 'ML'], leadCountry: 'ML' }] });
  const section = (code: string) => report.countries.find((entry) => entry.country.code === code);
  const eutfTotals = (results: { byEutfIndicator: Array<{ code: string; total: number }> } | undefined) => results?.byEutfIndicator.map(({ code, total }) => ({ code, total }));

  it("counts its money and results in the lead country's section only", () => {
    expect(section('ML')?.euSupport.projects).toEqual({ basis: 'computed', approved: 1, underImplementation: 1 });
    expect(section('ML')?.euSupport.euContribution).toMatchObject({ registeredCents: 15_000_000_00, committedCents: 15_000_000_00, paidCents: 2_000_000_00 });
    expect(eutfTotals(section('ML')?.results)).toEqual([{ code: '3.4', total: 1_000 }]);
    expect(section('ML')?.euSupport.ledByAnotherCountry).toEqual([]);
  });

  it("lists it in the participating country's section with its lead, and adds none of its figures there", () => {
    expect(section('NE')?.euSupport.ledByAnotherCountry.map((entry) => [entry.projectId, entry.leadCountry.code])).toEqual([[regional.projectId, 'ML']]);
    // Niger's own project only: approved in May 2017, no amount in the ledger, no result.
    expect(section('NE')?.euSupport.projects).toEqual({ basis: 'computed', approved: 1, underImplementation: 0 });
    expect(section('NE')?.euSupport.euContribution).toMatchObject({ registeredCents: 5_000_000_00, committedCents: null, paidCents: null, projectsWithoutData: 1 });
    expect(section('NE')?.results.byEutfIndicator).toEqual([]);
    expect(section('NE')?.results.pendingApproval).toEqual({ results: 0, projects: 0, byEutfIndicator: [] });
  });

  it("lists it in the participating country's lines of the CSV, read back cell by cell: its lead in the note, no value, not counted; none in the lead country's", () => {
    const records = csvRecords(renderConsolidatedReportCsv(report));
    const ledElsewhere = records.filter((row) => row['section'] === 'led-by-another-country');
    expect(ledElsewhere).toEqual([
      {
        section: 'led-by-another-country', country: 'NE', scope: 'country-NE', figure: `${regional.title} (${regional.projectId})`, basis: 'computed', value: '', value_qualifier: '', unit: '',
        period_from: FIRST_YEAR.from, period_to: FIRST_YEAR.to, counted_in_period: 'no', reported_by: '', source_document: '', source_quote: '',
        note: "led by Mali (ML); countries NE ML; implementation; counted in the lead country's section, not here", restates_closure: '', frozen_value: '',
      },
    ]);
    // Among Niger's lines, after its EU support figures; Niger's own figures hold none of it.
    const niger = records.filter((row) => row['country'] === 'NE');
    expect(niger.findIndex((row) => row['section'] === 'led-by-another-country')).toBeGreaterThan(niger.findIndex((row) => row['figure'] === 'EU contribution paid'));
    expect(niger.find((row) => row['figure'] === 'EU contribution registered')?.['value']).toBe(String(5_000_000_00));
  });

  it('counts it once in the totals, as the sum of the sections', () => {
    expect(report.totals?.euSupport.projects).toEqual({ basis: 'computed', approved: 2, underImplementation: 1 });
    expect(report.totals?.euSupport.euContribution).toMatchObject({ registeredCents: 20_000_000_00, committedCents: 15_000_000_00, paidCents: 2_000_000_00, projectsWithoutData: 1 });
    expect(eutfTotals(report.totals?.results)).toEqual([{ code: '3.4', total: 1_000 }]);
    expect(report.totals?.results.pendingApproval).toMatchObject({ results: 1, projects: 1 });
    const sumOfSections = report.countries.reduce((total, entry) => total + entry.euSupport.euContribution.registeredCents, 0);
    expect(sumOfSections).toBe(report.totals?.euSupport.euContribution.registeredCents);
  });
});

