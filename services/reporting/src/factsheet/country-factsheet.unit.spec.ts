import { IndicatorDefined, ProjectRegistered } from '@eutf/event-catalog';
import type { CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import type { FinanceDoc } from '../read-models/finance.projection';
import type { ProjectRegisterDoc, ResultView } from '../read-models/project-register.projection';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { buildCountryFactsheet, eutfTotalKey } from './country-factsheet';
import ExcelJS from 'exceljs';
import { readPdf } from '@eutf/testing';
import { renderFactsheetPdf } from './country-factsheet.pdf';
import { formatEuros, renderFactsheetHtml, renderLedByAnotherCountryCsv, renderProjectsCsv, renderResultsCsv } from './country-factsheet.render';
import { csvRecords, csvRows } from '../test-support/csv-records';
import { renderFactsheetXlsx } from './country-factsheet.xlsx';

async function workbookOf(xlsx: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows below its header, as cells by header. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): Array<Record<string, { value: ExcelJS.CellValue; numFmt: string }>> {
  const sheet = workbook.getWorksheet(name);
  const columns = Array.from({ length: sheet?.columnCount ?? 0 }, (_none, index) => index + 1);
  const headers = columns.map((column) => String(sheet?.getRow(1).getCell(column).value));
  const rows: Array<Record<string, { value: ExcelJS.CellValue; numFmt: string }>> = [];
  sheet?.eachRow((row, index) => {
    if (index > 1) rows.push(Object.fromEntries(columns.map((column, i) => [headers[i], { value: row.getCell(column).value, numFmt: row.getCell(column).numFmt }])));
  });
  return rows;
}

const result = (resultId: string, status: ResultView['status'], period: { from: string; to: string }, value: number): ResultView => ({
  resultId,
  indicatorId: 'returns',
  period,
  value,
  valueQualifier: null,
  reportingOrg: 'IOM',
  disaggregation: [],
  status,
  returnReason: status === 'returned-for-revision' ? { legacyText: 'Sex split missing' } : null,
  submittedAt: '2017-07-01T00:00:00.000Z',
  decidedAt: null,
});

const project: ProjectRegisterDoc = {
  ...ProjectRegistered.example,
  title: 'Returns & <reintegration>',
  status: 'implementation',
  registeredAt: '2017-03-01T00:00:00.000Z',
  milestones: [],
  indicators: [IndicatorDefined.example],
  results: [
    result('h1', 'approved', { from: '2017-01-01', to: '2017-06-30' }, 1_000),
    result('h2', 'approved', { from: '2017-07-01', to: '2017-12-31' }, 2_500),
    result('h3', 'pending-approval', { from: '2018-01-01', to: '2018-06-30' }, 3_000),
    result('old', 'approved', { from: '2015-01-01', to: '2015-12-31' }, 99),
  ],
  lockedPeriods: [],
};
const elsewhere: ProjectRegisterDoc = { ...project, projectId: 'T05-EUTF-SAH-NE-12-03', reference: 'T05-EUTF-SAH-NE-12-03', countries: ['NE'], leadCountry: 'NE' };
const partnership: CountryPartnershipDoc = {
  country: 'ML',
  highLevelEngagement: [
    { entryId: 'a', date: '2016-11-10', level: 'ministerial', description: 'Visit to Bamako', source: null },
    { entryId: 'b', date: '2014-01-01', level: 'technical', description: 'Before the period', source: null },
  ],
  keyProgress: [{ entryId: 'k', date: null, description: 'Standard operating procedures agreed', source: null }],
  euSupportMeasures: [{ entryId: 's', date: null, description: 'Budget support', amountCents: 10_000_000_00, source: null }],
  nextSteps: [{ entryId: 'n', description: 'Finalise the returns procedures', dueDate: null, completedOn: null, source: null }],
};
const period = { from: '2016-06-01', to: '2018-06-30' };
/** The Mali project's ledger: €15 million committed in 2017, €9 million contracted with IOM, €3 million paid in 2018. */
const ledger: FinanceDoc = {
  projectId: project.projectId,
  reference: project.reference,
  title: project.title,
  window: 'SAH',
  countries: ['ML'],
  implementingPartners: ['IOM'],
  committedCents: 15_000_000_00,
  contracts: [{ contractId: 'c1', partnerOrg: 'IOM', signedOn: '2017-09-01', contractedCents: 9_000_000_00, requestedCents: 3_000_000_00, paidCents: 3_000_000_00, recoveredCents: 0, expenditureCents: 0 }],
  tranches: [],
  transactions: [
    { key: 'commitment', iatiTransactionType: 2, amountCents: 15_000_000_00, date: '2017-07-28', contractId: null, partnerOrg: null },
    { key: 'payment', iatiTransactionType: 3, amountCents: 3_000_000_00, date: '2018-02-15', contractId: 'c1', partnerOrg: 'IOM' },
  ],
};

describe('the country factsheet', () => {
  const factsheet = buildCountryFactsheet('ML', period, partnership, [project, elsewhere], [ledger]);

  it("gathers the country's engagement, progress, projects and next steps for the period", () => {
    expect(factsheet.country).toEqual({ code: 'ML', name: 'Mali', priority: true });
    expect(factsheet.highLevelEngagement.map((entry) => entry.entryId)).toEqual(['a']);
    expect(factsheet.keyProgress).toHaveLength(1);
    expect(factsheet.euSupport.projects.map((p) => p.reference)).toEqual(['T05-EUTF-SAH-ML-07']);
    expect(factsheet.euSupport.totalEuContributionCents).toBe(15_000_000_00);
    expect(factsheet.nextSteps).toHaveLength(1);
  });

  it('counts approved results only, shows pending ones apart, and counts a cumulative indicator once', () => {
    expect(factsheet.results.approved.map((line) => line.value)).toEqual([1_000, 2_500]);
    expect(factsheet.results.pendingApproval.map((line) => line.value)).toEqual([3_000]);
    // "returns" is cumulative: the latest approved value already includes the earlier ones.
    expect(factsheet.results.byEutfIndicator).toEqual([{ code: '3.4', catalogueVersion: '2021', unit: 'people', total: 2_500, qualifier: null }]);
    expect(factsheet.results.byEutfIndicatorNotMapped).toEqual([]);
  });

  it('prints as a page with the factsheet sections, escaping what users typed', () => {
    const html = renderFactsheetHtml(factsheet);
    for (const heading of ['High level engagement', 'Key progress by national authorities', 'EU support', 'Results', 'Next steps']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('Mali — action and progress under the Migration Partnership Framework');
    expect(html).toContain('1 June 2016 – 30 June 2018');
    expect(html).toContain('Returns &amp; &lt;reintegration&gt;');
    expect(html).toContain('€15 million');
    expect(html).toContain('Pending approval (not counted)');
  });

  it("gives each project's committed, contracted and paid by the end of the period, and their sum", () => {
    expect(factsheet.euSupport.projects[0]?.finance).toEqual({ committedCents: 15_000_000_00, contractedCents: 9_000_000_00, paidCents: 3_000_000_00 });
    expect(factsheet.euSupport.finance).toEqual({ committedCents: 15_000_000_00, contractedCents: 9_000_000_00, paidCents: 3_000_000_00, projectsWithoutData: 0 });
    const html = renderFactsheetHtml(factsheet);
    expect(html).toContain('Funding ledger, by 30 June 2018: €15 million committed, €9 million contracted, €3 million paid.');
    expect(html).toContain('<td class="n">€15 million</td><td class="n">€15 million</td><td class="n">€9 million</td><td class="n">€3 million</td>');
  });

  it('says "no data" where the ledger held nothing by the end of the period, never 0', () => {
    const beforeTheCommitment = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-06-30' }, partnership, [project], [ledger]);
    expect(beforeTheCommitment.euSupport.projects[0]?.finance).toEqual({ committedCents: null, contractedCents: null, paidCents: null });
    expect(beforeTheCommitment.euSupport.finance).toEqual({ committedCents: null, contractedCents: null, paidCents: null, projectsWithoutData: 1 });
    const html = renderFactsheetHtml(beforeTheCommitment);
    expect(html).toContain('Funding ledger: no data for these projects by 30 June 2017.');
    expect(html).toContain('<td class="n"><span class="none">no data</span></td>'.repeat(3));
    expect(html).not.toContain('€0');
    expect(renderProjectsCsv(beforeTheCommitment)).toContain(',2016-12,implementation,,,\r\n');
  });

  it('keeps an entry known only to the month or year when that month or year overlaps the period', () => {
    const dated = (entryId: string, date: string) => ({ entryId, date, level: 'ministerial' as const, description: entryId, source: null });
    const vague = { ...partnership, highLevelEngagement: [dated('june', '2016-06'), dated('may', '2016-05'), dated('year', '2018'), dated('after', '2018-07')] };
    const sheet = buildCountryFactsheet('ML', period, vague, [], []);
    expect(sheet.highLevelEngagement.map((entry) => entry.entryId)).toEqual(['june', 'year']);
  });

  it('lists engagement as the EU factsheets do: newest year first, each entry under its month', () => {
    const engagement = [
      { entryId: 'x', date: '2016-11', level: 'ministerial' as const, description: 'Visit of the Minister of Foreign Affairs of Italy', source: null },
      { entryId: 'y', date: '2017-02', level: 'ministerial' as const, description: 'Meeting in the margins of the Valletta Senior Officials Meeting', source: null },
    ];
    const html = renderFactsheetHtml({ ...factsheet, highLevelEngagement: engagement });
    expect(html.indexOf('<h3>2017</h3>')).toBeLessThan(html.indexOf('<h3>2016</h3>'));
    expect(html).toContain('<strong>February</strong> — Meeting in the margins');
    expect(html).toContain('<strong>November</strong> — Visit of the Minister');
  });

  it('never hands a spreadsheet a formula in projects.csv: a title that starts like one is written as text, a line break stays inside its cell', () => {
    const hostile = { ...factsheet, euSupport: { ...factsheet.euSupport, projects: factsheet.euSupport.projects.map((entry) => ({ ...entry, title: '=HYPERLINK("https://evil.example","Open")\r\nnext' })) } };
    const csv = renderProjectsCsv(hostile);
    expect(csv).toContain(',"\'=HYPERLINK(""https://evil.example"",""Open"")\r\nnext",SAH,');
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('exports its tables as CSV', () => {
    const results = renderResultsCsv(factsheet).trim().split('\r\n');
    expect(results[0]).toBe(
      'country,project_id,project_reference,indicator_id,indicator,eutf_indicator,period_from,period_to,value,value_qualifier,unit,baseline,target,status,counted_in_period,return_reason,return_reason_status',
    );
    expect(results).toHaveLength(4);
    expect(results[3]).toContain(',pending-approval,no');
    expect(renderProjectsCsv(factsheet)).toContain(
      'ML,T05-EUTF-SAH-ML-07,T05-EUTF-SAH-ML-07,Returns & <reintegration>,SAH,IOM,1500000000,15000000.00,2016-12,implementation,1500000000,900000000,300000000',
    );
  });
});

describe('factsheet totals by EUTF common output indicator, across catalogue versions', () => {
  const perPeriod = (indicatorId: string, code: string, catalogueVersion: string) => ({
    ...IndicatorDefined.example,
    indicatorId,
    measurement: 'per-period' as const,
    eutfIndicator: { code, catalogueVersion },
  });
  const approvedFor = (indicatorId: string, value: number): ResultView => ({ ...result(indicatorId, 'approved', { from: '2017-01-01', to: '2017-06-30' }, value), indicatorId });
  // Mapped to the 2019 catalogue when it was defined, and to the 2021 one.
  const mappedIn2019: ProjectRegisterDoc = {
    ...project,
    projectId: 'T05-EUTF-SAH-ML-04',
    reference: 'T05-EUTF-SAH-ML-04',
    indicators: [perPeriod('returns', '3.4', '2019'), perPeriod('assisted', '3.5', '2019'), perPeriod('unknown', '9.9', '2019')],
    results: [approvedFor('returns', 400), approvedFor('assisted', 300), approvedFor('unknown', 7)],
  };
  const mappedIn2021: ProjectRegisterDoc = {
    ...project,
    indicators: [perPeriod('returns', '3.4', '2021'), perPeriod('assisted', '3.5', '2021')],
    results: [approvedFor('returns', 1_000), approvedFor('assisted', 200)],
  };
  const { results } = buildCountryFactsheet('ML', period, partnership, [mappedIn2019, mappedIn2021], []);

  it('adds up an older version\'s code with the current one where the published mapping carries it over', () => {
    // 3.4 is unchanged from 2019 to 2021.
    expect(results.byEutfIndicator).toEqual([
      { code: '3.4', catalogueVersion: '2021', unit: 'people', total: 1_400, qualifier: null },
      { code: '3.5', catalogueVersion: '2021', unit: 'people', total: 200, qualifier: null },
    ]);
  });

  it('shows apart, under its own code and version, a code the mapping does not carry over to one code', () => {
    // 3.5 of 2019 was split into 3.5 and 3.5 bis: it is not the 3.5 of 2021. 9.9 is in no catalogue.
    expect(results.byEutfIndicatorNotMapped).toEqual([
      { code: '3.5', catalogueVersion: '2019', unit: 'people', total: 300, qualifier: null },
      { code: '9.9', catalogueVersion: '2019', unit: 'people', total: 7, qualifier: null },
    ]);
    const html = renderFactsheetHtml({ ...buildCountryFactsheet('ML', period, partnership, [mappedIn2019], []) });
    expect(html).toContain('Not added up: no published mapping to one indicator of the 2021 catalogue');
    expect(html).toContain('3.5 <span class="code">(2019)</span>');
  });

  it('keys each indicator to the current catalogue only through the mapping', () => {
    expect(eutfTotalKey({ code: '3.4', catalogueVersion: '2019' })).toEqual({ code: '3.4', catalogueVersion: '2021', mapped: true });
    expect(eutfTotalKey({ code: '3.5', catalogueVersion: '2019' })).toEqual({ code: '3.5', catalogueVersion: '2019', mapped: false });
    expect(eutfTotalKey({ code: '3.5 bis', catalogueVersion: '2021' })).toEqual({ code: '3.5 bis', catalogueVersion: '2021', mapped: true });
    expect(eutfTotalKey({ code: '3.4', catalogueVersion: '2020' })).toEqual({ code: '3.4', catalogueVersion: '2020', mapped: false });
  });
});

describe('a factsheet with actions known only from documents', () => {
  const sinceStart: ResultView = { ...result('returned', 'approved', { from: '2017-05-01', to: '2020-10-31' }, 17_181) };
  const fromDocuments: ProjectRegisterDoc = {
    ...project,
    projectId: 'ml-eu-iom-joint-initiative',
    reference: null,
    title: 'EU-IOM Joint Initiative',
    window: null,
    euContributionCents: null,
    adoptedOn: null,
    indicators: [{ ...IndicatorDefined.example, baseline: null, target: null }],
    results: [sinceStart, { ...result('sensitised', 'approved', { from: '2017-01-01', to: '2020-10-31' }, 70_000), indicatorId: 'other', period: { from: null, to: '2020-10-31' }, valueQualifier: 'more-than' }],
  };
  const factsheet = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2026-11-22' }, partnership, [fromDocuments, project], [ledger]);

  it('lists them after the referenced projects, and sums only the amounts that are known', () => {
    expect(factsheet.euSupport.projects.map((p) => p.projectId)).toEqual(['T05-EUTF-SAH-ML-07', 'ml-eu-iom-joint-initiative']);
    expect(factsheet.euSupport.totalEuContributionCents).toBe(15_000_000_00);
    expect(factsheet.euSupport.projectsWithoutAmount).toBe(1);
    const html = renderFactsheetHtml(factsheet);
    expect(html).toContain('for a known total of €15 million (the amount of 1 of them is not known)');
    expect(html).toContain('€3 million paid (no data for 1 of the 2 projects).');
    expect(html).toContain('EU-IOM Joint Initiative<br><span class="code">EUTF reference pending · implemented by IOM</span></td><td class="n"><span class="none">not known</span></td>');
  });

  it('lists as support in a period only the projects adopted or started by its end, and not ended before it', () => {
    const published = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-03-31' }, partnership, [
      { ...fromDocuments, startDate: '2017-05' },
      { ...fromDocuments, projectId: 'adopted', startDate: null, adoptedOn: '2016-12' },
      { ...fromDocuments, projectId: 'ended', startDate: '2014', endDate: '2016-05' },
      { ...fromDocuments, projectId: 'undated', startDate: null, adoptedOn: null, endDate: null },
    ], []);
    expect(published.euSupport.projects.map((p) => p.projectId)).toEqual(['adopted', 'undated']);
  });

  it('shows a running total since the start, a "more than" figure as such, and no made-up target', () => {
    const lines = factsheet.results.approved.filter((line) => line.projectId === 'ml-eu-iom-joint-initiative');
    expect(lines.map((line) => [line.value, line.valueQualifier, line.target])).toEqual([
      [17_181, null, null],
      [70_000, 'more-than', null],
    ]);
    const html = renderFactsheetHtml(factsheet);
    expect(html).toContain('since the start – 2020-10-31');
    expect(html).toContain('more than 70,000');
    expect(html).toContain('<td class="n">—</td>');
    expect(renderResultsCsv(factsheet)).toContain('ML,ml-eu-iom-joint-initiative,,other,other,,,2020-10-31,70000,more-than,,,,approved');
  });
});

describe('a factsheet for a period shorter than the results', () => {
  // The EU published Mali's factsheet for June 2016 – March 2017; the partners' figures run to October 2020.
  const iom: ResultView = result('returned', 'approved', { from: '2017-05-01', to: '2020-10-31' }, 17_181);
  const aecid: ResultView = { ...result('sensitised', 'approved', { from: '2017-01-01', to: '2020-10-31' }, 70_000), period: { from: null, to: '2020-10-31' }, valueQualifier: 'more-than' };
  const inside: ResultView = result('first-year', 'approved', { from: '2016-09-01', to: '2017-02-28' }, 400);
  const mali: ProjectRegisterDoc = { ...project, projectId: 'ml-results', reference: null, results: [iom, aecid, inside] };
  const published = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-03-31' }, partnership, [mali], []);

  it('counts only the results whose period lies inside it, shows apart those that overlap it with their own period, and leaves out the others', () => {
    expect(published.results.approved.map((line) => line.value)).toEqual([400]);
    expect(published.results.approvedOutsidePeriod.map((line) => [line.value, line.period])).toEqual([[70_000, { from: null, to: '2020-10-31' }]]);
    expect(published.results.byEutfIndicator.map((total) => total.total)).toEqual([400]);
  });

  it('says so on the page and in the CSV', () => {
    const html = renderFactsheetHtml(published);
    expect(html).toContain('Reported for another period (shown apart, not counted in this period)');
    expect(html).toContain('since the start – 2020-10-31');
    expect(html).not.toContain('17,181');
    const csv = renderResultsCsv(published);
    expect(csv).toContain(',2020-10-31,70000,more-than,people,0,20000,approved,no');
    expect(csv).toContain(',400,,people,0,20000,approved,yes');
  });

  it('lists the EU support measures dated inside it, and those with no date', () => {
    const dated = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-03-31' }, {
      ...partnership,
      euSupportMeasures: [
        { entryId: 'emlo', date: '2017-02', description: 'European Migration Liaison Officer deployed', amountCents: null, source: null },
        { entryId: 'later', date: '2018-01', description: 'Later measure', amountCents: null, source: null },
        { entryId: 'undated', date: null, description: 'Undated measure', amountCents: null, source: null },
      ],
    }, [], []);
    expect(dated.euSupport.measures.map((measure) => measure.entryId)).toEqual(['emlo', 'undated']);
    expect(renderFactsheetHtml(dated)).toContain('<strong>February 2017</strong> — European Migration Liaison Officer deployed');
  });

  it('reads a document written before measures were dated (no date field at all) as undated, not as an error', () => {
    // As MongoDB gives back a measure the projection stored before EuSupportMeasureRecorded v2: the field is absent.
    const { date: _date, ...written } = { entryId: 'old', date: null, description: 'Measure recorded before dates were kept', amountCents: null, source: null };
    const factsheet = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-03-31' }, { ...partnership, euSupportMeasures: [written as never] }, [], []);
    expect(factsheet.euSupport.measures.map((measure) => measure.entryId)).toEqual(['old']);
    expect(renderFactsheetHtml(factsheet)).toContain('Measure recorded before dates were kept');
  });
});

describe("the factsheet's returns and reintegration", () => {
  const SOURCE_004 = { document: '004_f049d9a19f4b6321', page: null };
  const reportOf = (reportId: string, count: number, periodOf: { from: string; to: string }) => ({ reportId, hostCountry: null, countryOfOrigin: 'ML', period: periodOf, count, valueQualifier: 'exact' as const, source: SOURCE_004 });
  const returns: ProjectReturnsDoc[] = [
    { projectId: project.projectId, partner: 'IOM', operations: [], periodReports: [reportOf('r1', 17_181, { from: '2017-05', to: '2020-10' }), reportOf('r2', 3, { from: '2021-01', to: '2021-01' })] },
    { projectId: elsewhere.projectId, partner: 'IOM', operations: [], periodReports: [reportOf('r3', 900, { from: '2017-05', to: '2020-10' })] },
  ];
  const reintegration: ReintegrationDoc[] = [
    { projectId: project.projectId, partner: 'IOM', cases: [], periodReports: [{ reportId: 'c1', countryOfReturn: 'ML', stage: 'completed', period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 }] },
  ];
  /** Without the small figure of January 2021, whose document would hide the 17,181 beside it in every window. */
  const withoutSmall: ProjectReturnsDoc[] = returns.map((doc) => ({ ...doc, periodReports: doc.periodReports.filter((report) => report.reportId !== 'r2') }));
  const build = (to: string, reported = returns) => buildCountryFactsheet('ML', { from: '2016-06-01', to }, partnership, [project, elsewhere], [], { returns: reported, reintegration });

  it("shows the figures of the country's projects whose period lies inside the factsheet's, with their sources", () => {
    expect(build('2020-12-31', withoutSmall).results.returnsAndReintegration).toEqual([
      { projectId: project.projectId, partner: 'IOM', what: 'returned from every host country to ML', period: { from: '2017-05', to: '2020-10' }, count: 17_181, valueQualifier: 'exact', source: SOURCE_004 },
      { projectId: project.projectId, partner: 'IOM', what: 'reintegration completed in ML', period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 },
    ]);
    // A figure over months partly after the factsheet's end is not cut down to fit: it is left out.
    expect(build('2020-09-30', withoutSmall).results.returnsAndReintegration).toEqual([]);
  });

  it("hides the 17,181 in every window once its document holds a small figure on the same route: the document's one table hides it, or its route's 17,184 to date less 17,181 would give the 3 away", () => {
    expect(build('2020-12-31').results.returnsAndReintegration).toEqual([
      expect.objectContaining({ period: { from: '2017-05', to: '2020-10' }, count: null, source: SOURCE_004 }),
      expect.objectContaining({ what: 'reintegration completed in ML', count: 6_760 }),
    ]);
  });

  it("suppresses a small figure, and a figure on its route: the route's total (17,184, in the returns views) less 17,181 would give the 3 away", () => {
    expect(build('2021-03-31').results.returnsAndReintegration).toEqual([
      expect.objectContaining({ period: { from: '2017-05', to: '2020-10' }, count: null, source: SOURCE_004 }),
      expect.objectContaining({ period: { from: '2021-01', to: '2021-01' }, count: null }),
      expect.objectContaining({ what: 'reintegration completed in ML', count: 6_760 }),
    ]);
  });

  it('writes them in the PDF and the workbook with their sources, a suppressed count as such, never its value', async () => {
    const { flat } = await readPdf(await renderFactsheetPdf(build('2020-12-31', withoutSmall), new Date('2021-01-15T00:00:00Z')));
    expect(flat).toContain('REPORTED Returns and reintegration (reported by the partners)');
    expect(flat).toMatch(/17,181 004_f049d9a19f4b6321/);
    const suppressed = await readPdf(await renderFactsheetPdf(build('2021-03-31'), new Date('2021-04-15T00:00:00Z')));
    expect(suppressed.flat).toContain('suppressed');
    expect(suppressed.flat).not.toContain('17,181');
    const figures = rowsOf(await workbookOf(await renderFactsheetXlsx(build('2021-03-31'))), 'Returns and reintegration');
    expect(figures.map((row) => [row['People']?.value, row['People']?.numFmt])).toEqual([[null, '#,##0'], [null, '#,##0'], [6_760, '#,##0']]);
  });

  it('prints them with their sources, and a suppressed count as such', () => {
    const html = renderFactsheetHtml(build('2020-12-31', withoutSmall));
    expect(html).toContain('Returns and reintegration (reported by the partners)');
    expect(html).toContain('<td class="n">17,181</td><td class="code">004_f049d9a19f4b6321</td>');
    expect(html).toContain('<td class="n">6,760</td><td class="code">004_f049d9a19f4b6321</td>');
    const suppressed = renderFactsheetHtml(build('2021-03-31'));
    expect(suppressed).toContain('<td class="n">suppressed</td>');
    expect(suppressed).not.toContain('>3<');
    expect(suppressed).not.toContain('17,181');
  });
});

describe('the factsheet as PDF and XLSX', () => {
  const factsheet = buildCountryFactsheet('ML', period, partnership, [project, elsewhere], [ledger]);
  const AS_OF = new Date('2018-07-02T08:30:00Z');

  it('prints the sections of the page in its order, with the period and the as-of in the title, figures as the page writes them, and page numbers', async () => {
    const pdf = await renderFactsheetPdf(factsheet, AS_OF);
    const { text, flat, title, creationDate, pages } = await readPdf(pdf);
    expect([title, creationDate]).toEqual(['Mali — action and progress under the Migration Partnership Framework', 'D:20180702083000Z']);
    expect(flat).toContain('1 June 2016 – 30 June 2018 · priority country of the Partnership Framework As of 2 July 2018, 08:30 UTC');
    const headings = ['High level engagement', 'Key progress by national authorities', 'EU support', 'Projects', 'Results', 'Next steps'].map((heading) => text.indexOf(`\n${heading}\n`));
    expect(headings.every((position) => position > 0)).toBe(true);
    expect(headings).toEqual([...headings].sort((a, b) => a - b));
    for (const phrase of ['November — Visit to Bamako', 'Standard operating procedures agreed', 'Budget support (€10 million)', 'Finalise the returns procedures', 'Returns & <reintegration>', '1,000 people', '2,500 people', 'Pending approval (not counted)', `${formatEuros(15_000_000_00)} committed`]) {
      expect(flat).toContain(phrase);
    }
    expect(flat).not.toContain('Before the period');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect((await renderFactsheetPdf(factsheet, AS_OF)).equals(pdf)).toBe(true);
  });

  it('says "no data" where the ledger holds nothing, never 0', async () => {
    const { flat } = await readPdf(await renderFactsheetPdf(buildCountryFactsheet('ML', period, partnership, [project], []), AS_OF));
    expect(flat).toContain('Funding ledger: no data for these projects by 30 June 2018.');
    expect(flat).toMatch(/no data no data no data/);
  });

  it('opens as a workbook with a sheet per section, the numbers of the JSON as numbers, amounts in euros and days as dates', async () => {
    const workbook = await workbookOf(await renderFactsheetXlsx(factsheet));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Report', 'Projects', 'Led by another country', 'Results', 'EUTF indicators', 'Returns and reintegration', 'High level engagement', 'Key progress', 'EU support measures', 'Next steps']);
    expect([workbook.getWorksheet('Report')?.getCell('B2').value, workbook.getWorksheet('Report')?.getCell('B2').numFmt]).toEqual([new Date('2016-06-01T00:00:00Z'), 'yyyy-mm-dd']);
    const [mali] = rowsOf(workbook, 'Projects');
    const json = factsheet.euSupport.projects[0];
    expect([mali?.['Project id']?.value, mali?.['EU contribution']?.value, mali?.['Committed']?.value, mali?.['Paid']?.value]).toEqual([
      json?.projectId,
      (json?.euContributionCents ?? Number.NaN) / 100,
      (json?.finance.committedCents ?? Number.NaN) / 100,
      (json?.finance.paidCents ?? Number.NaN) / 100,
    ]);
    expect([mali?.['Committed']?.numFmt, mali?.['Paid']?.numFmt]).toEqual(['€#,##0.00', '€#,##0.00']);
    const results = rowsOf(workbook, 'Results');
    const lines = [...factsheet.results.approved, ...factsheet.results.approvedOutsidePeriod, ...factsheet.results.pendingApproval, ...factsheet.results.returnedForRevision];
    expect(results.map((row) => [row['Value']?.value, row['Status']?.value, row['Counted in period']?.value])).toEqual(lines.map((line) => [line.value, line.status, line.status === 'approved' && factsheet.results.approved.includes(line) ? 'yes' : 'no']));
    expect([results[0]?.['Period from']?.value, results[0]?.['Period from']?.numFmt, results[0]?.['Value']?.numFmt]).toEqual([new Date('2017-01-01T00:00:00Z'), 'yyyy-mm-dd', '#,##0']);
    const measures = rowsOf(workbook, 'EU support measures');
    expect(measures.map((row) => [row['Description']?.value, row['Amount']?.value, row['Amount']?.numFmt])).toEqual([['Budget support', 10_000_000, '€#,##0.00']]);
  });

  it("writes a returned result's reason as the page does", async () => {
    const returned = { ...project, results: [result('back', 'returned-for-revision', { from: '2017-01-01', to: '2017-06-30' }, 10)] };
    const sheet = buildCountryFactsheet('ML', period, partnership, [returned], []);
    expect(renderFactsheetHtml(sheet)).toContain('<td>Sex split missing</td>');
    const rows = rowsOf(await workbookOf(await renderFactsheetXlsx(sheet)), 'Results');
    expect(rows.map((row) => [row['Status']?.value, row['Return reason']?.value])).toEqual([['returned-for-revision', 'Sex split missing']]);
    expect((await readPdf(await renderFactsheetPdf(sheet, AS_OF))).flat).toMatch(/Returned for revision \(not counted\).* 10 people .*Sex split missing/);
  });

  it('leaves a ledger amount empty where the ledger holds nothing, never 0', async () => {
    const [unfunded] = rowsOf(await workbookOf(await renderFactsheetXlsx(buildCountryFactsheet('ML', period, partnership, [project], []))), 'Projects');
    expect([unfunded?.['Committed']?.value, unfunded?.['Contracted']?.value, unfunded?.['Paid']?.value]).toEqual([null, null, null]);
  });
});

describe('a project in several countries, in the factsheets of its countries', () => {
  // Led by Mali, Niger participates: its €15 million, its ledger and its approved results count in Mali's factsheet only.
  const regional: ProjectRegisterDoc = { ...project, countries: ['NE', 'ML'], leadCountry: 'ML' };
  const regionalLedger: FinanceDoc = { ...ledger, countries: ['NE', 'ML'], leadCountry: 'ML' };
  const lead = buildCountryFactsheet('ML', period, partnership, [regional, elsewhere], [regionalLedger]);
  const participant = buildCountryFactsheet('NE', period, undefined, [regional, elsewhere], [regionalLedger]);

  it("counts its money and results in the lead country's factsheet, as a project of its own", () => {
    expect(lead.euSupport.projects.map((entry) => entry.projectId)).toEqual([regional.projectId]);
    expect(lead.euSupport.totalEuContributionCents).toBe(15_000_000_00);
    expect(lead.euSupport.finance).toEqual({ committedCents: 15_000_000_00, contractedCents: 9_000_000_00, paidCents: 3_000_000_00, projectsWithoutData: 0 });
    expect(lead.results.approved.map((line) => line.value)).toEqual([1_000, 2_500]);
    expect(lead.euSupport.ledByAnotherCountry).toEqual([]);
  });

  it("lists it in the participating country's factsheet under the projects led by another country, with its lead, and adds none of its figures", () => {
    expect(participant.euSupport.ledByAnotherCountry).toEqual([
      { projectId: regional.projectId, reference: regional.reference, title: regional.title, leadCountry: { code: 'ML', name: 'Mali' }, countries: ['NE', 'ML'], status: 'implementation' },
    ]);
    // Niger's own project (elsewhere, €15 million, no ledger) is all its figures hold.
    expect(participant.euSupport.projects.map((entry) => entry.projectId)).toEqual([elsewhere.projectId]);
    expect(participant.euSupport.totalEuContributionCents).toBe(15_000_000_00);
    expect(participant.euSupport.finance).toEqual({ committedCents: null, contractedCents: null, paidCents: null, projectsWithoutData: 1 });
    expect(participant.results.approved.map((line) => line.projectId)).toEqual([elsewhere.projectId, elsewhere.projectId]);
    expect(participant.results.pendingApproval.map((line) => line.projectId)).toEqual([elsewhere.projectId]);
    const page = renderFactsheetHtml(participant);
    expect(page).toContain('<h3>Multi-country projects led by another country</h3>');
    expect(page).toContain('led by Mali · NE, ML');
    expect(renderFactsheetHtml(lead)).not.toContain('led by another country');
  });

  it('lists it so in the PDF too, under the projects, and not in the lead country\'s', async () => {
    const { flat } = await readPdf(await renderFactsheetPdf(participant, new Date('2018-07-02T08:30:00Z')));
    expect(flat).toContain('Multi-country projects led by another country');
    expect(flat).toContain(`${regional.title} — ${regional.reference} · led by Mali · NE, ML`);
    expect(flat.indexOf('Multi-country projects led by another country')).toBeLessThan(flat.indexOf('Results'));
    expect((await readPdf(await renderFactsheetPdf(lead, new Date('2018-07-02T08:30:00Z')))).flat).not.toContain('led by another country');
  });

  it("lists it in a CSV of its own, read back cell by cell: with its lead and every country, no amount or figure of it; the lead's CSV is its header alone", () => {
    expect(csvRecords(renderLedByAnotherCountryCsv(participant))).toEqual([
      { country: 'NE', project_id: regional.projectId, project_reference: regional.reference ?? '', title: regional.title, lead_country: 'ML', lead_country_name: 'Mali', countries: 'NE ML', status: 'implementation' },
    ]);
    expect(csvRows(renderLedByAnotherCountryCsv(lead))).toEqual([['country', 'project_id', 'project_reference', 'title', 'lead_country', 'lead_country_name', 'countries', 'status']]);
    // Not among the participating country's own projects, whose amounts a reader adds up.
    expect(csvRecords(renderProjectsCsv(participant)).map((row) => row['project_id'])).toEqual([elsewhere.projectId]);
    // A title a spreadsheet would run as a formula stays text.
    const hostile = buildCountryFactsheet('NE', period, undefined, [{ ...regional, title: '=HYPERLINK("x")' }], []);
    expect(csvRecords(renderLedByAnotherCountryCsv(hostile)).map((row) => row['title'])).toEqual(['\'=HYPERLINK("x")']);
  });

  it("lists it on a sheet of its own in the participating country's workbook, and on no sheet of the lead's but its projects", async () => {
    const workbook = await workbookOf(await renderFactsheetXlsx(participant));
    const sheetNames = workbook.worksheets.map((sheet) => sheet.name);
    expect(sheetNames.indexOf('Led by another country')).toBe(sheetNames.indexOf('Projects') + 1);
    expect(rowsOf(workbook, 'Led by another country').map((row) => Object.fromEntries(Object.entries(row).map(([header, cell]) => [header, cell.value])))).toEqual([
      { 'Project id': regional.projectId, 'EUTF reference': regional.reference, Title: regional.title, 'Lead country': 'ML', 'Lead country name': 'Mali', Countries: 'NE, ML', Status: 'implementation' },
    ]);
    expect(rowsOf(workbook, 'Projects').map((row) => row['Project id']?.value)).toEqual([elsewhere.projectId]);
    const led = await workbookOf(await renderFactsheetXlsx(lead));
    expect(rowsOf(led, 'Led by another country')).toEqual([]);
    expect(rowsOf(led, 'Projects').map((row) => row['Project id']?.value)).toEqual([regional.projectId]);
  });

  it('reads a document written before leads were named as led by its first listed country', () => {
    const { leadCountry: _lead, ...older } = regional;
    const asOlder = [older as ProjectRegisterDoc];
    expect(buildCountryFactsheet('NE', period, undefined, asOlder, []).euSupport.projects.map((entry) => entry.projectId)).toEqual([regional.projectId]);
    expect(buildCountryFactsheet('ML', period, undefined, asOlder, []).euSupport.ledByAnotherCountry.map((entry) => entry.leadCountry.code)).toEqual(['NE']);
  });
});
