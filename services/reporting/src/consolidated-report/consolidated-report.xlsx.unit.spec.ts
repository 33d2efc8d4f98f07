import ExcelJS from 'exceljs';
import { buildConsolidatedReport, REPORT_COUNTRIES } from './consolidated-report';
import { renderConsolidatedReportXlsx } from './consolidated-report.xlsx';
import { consolidatedReportExample } from '../queries/consolidated-report.openapi';
import { financeExample, partnershipExample, projectExample, regionalProjectExample } from '../queries/reports.openapi';

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The value cell of the row whose Figure cell is `figure`, on a sheet. */
function valueOf(sheet: ExcelJS.Worksheet | undefined, figure: string) {
  let found: ExcelJS.CellValue | undefined;
  sheet?.eachRow((row) => {
    if (row.getCell(4).value === figure) found = row.getCell(6).value;
  });
  return found;
}

describe('the consolidated report as XLSX', () => {
  const report = consolidatedReportExample;

  it('opens, with a cover sheet and a sheet per section', async () => {
    const workbook = await readBack(await renderConsolidatedReportXlsx(report));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Report', 'Totals', 'Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia']);
    expect(workbook.getWorksheet('Report')?.getCell('B2').value).toEqual(new Date('2016-06-01T00:00:00Z'));
    expect(workbook.getWorksheet('Report')?.getCell('B2').numFmt).toBe('yyyy-mm-dd');
  });

  it('gives the numbers of the JSON as numbers: amounts in euros formatted as such, counts as counts, and no data as an empty cell', async () => {
    const workbook = await readBack(await renderConsolidatedReportXlsx(report));
    const totals = workbook.getWorksheet('Totals');
    const mali = workbook.getWorksheet('Mali');
    const maliJson = report.countries.find((section) => section.country.code === 'ML');
    expect(valueOf(totals, 'EU contribution committed')).toBe((report.totals?.euSupport.euContribution.committedCents ?? Number.NaN) / 100);
    expect(valueOf(totals, 'EU contribution paid')).toBe((report.totals?.euSupport.euContribution.paidCents ?? Number.NaN) / 100);
    expect(valueOf(mali, 'projects approved')).toBe(maliJson?.euSupport.projects.approved);
    expect(valueOf(mali, 'EU contribution registered')).toBe((maliJson?.euSupport.euContribution.registeredCents ?? Number.NaN) / 100);
    const reported = report.totals?.euSupport.reported.inPeriod[0];
    expect(valueOf(totals, reported?.description ?? '')).toBe(reported?.value);
    // Niger's ledger holds nothing: an empty cell, "no data" in the note, never 0.
    const niger = workbook.getWorksheet('Niger');
    let committed: ExcelJS.Row | undefined;
    niger?.eachRow((row) => (row.getCell(4).value === 'EU contribution committed' ? (committed = row) : undefined));
    expect([committed?.getCell(6).value, committed?.getCell(15).value]).toEqual([null, 'no data']);
    // Formats: euros for amounts, whole counts, days as dates.
    totals?.eachRow((row, index) => {
      if (index === 1) return;
      const isAmount = row.getCell(8).value === 'EUR';
      expect([row.getCell(4).value, row.getCell(6).numFmt]).toEqual([row.getCell(4).value, isAmount ? '€#,##0.00' : '#,##0']);
    });
    let periodFrom: ExcelJS.CellValue | undefined;
    mali?.eachRow((row) => (row.getCell(4).value === 'projects approved' ? (periodFrom = row.getCell(9).value) : undefined));
    expect(periodFrom).toEqual(new Date('2016-06-01T00:00:00Z'));
  });

  it('writes the restatements of closed periods on a sheet of their own: today’s value and the frozen one as numbers, amounts in euros', async () => {
    const restates = { closureId: '2016-06-01_2017-06-30_v1', period: { from: '2016-06-01', to: '2017-06-30' }, version: 1, closedAt: '2017-07-15T09:00:00.000Z', contentHash: 'hash' };
    const restated = {
      ...report,
      restatements: [
        { basis: 'restatement' as const, restates, section: 'country', country: 'ML', figure: 'EUTF 3.4 (2021) approved', unit: 'people', frozenValue: 1_000, restatedValue: 1_250, note: null },
        { basis: 'restatement' as const, restates, section: 'totals', country: null, figure: 'EU contribution paid', unit: 'EUR cents', frozenValue: 300_00, restatedValue: 500_00, note: null },
      ],
    };
    const workbook = await readBack(await renderConsolidatedReportXlsx(restated));
    expect(workbook.worksheets.map((sheet) => sheet.name).at(-1)).toBe('Restatements');
    const sheet = workbook.getWorksheet('Restatements');
    const rowOf = (figure: string) => {
      let found: ExcelJS.Row | undefined;
      sheet?.eachRow((row) => (row.getCell(4).value === figure ? (found = row) : undefined));
      return found;
    };
    const people = rowOf('EUTF 3.4 (2021) approved');
    const paid = rowOf('EU contribution paid');
    expect([people?.getCell(5).value, people?.getCell(6).value, people?.getCell(17).value, people?.getCell(16).value]).toEqual(['restatement', 1_250, 1_000, '2016-06-01_2017-06-30_v1']);
    expect([paid?.getCell(6).value, paid?.getCell(17).value, paid?.getCell(8).value, paid?.getCell(6).numFmt, paid?.getCell(17).numFmt]).toEqual([500, 300, 'EUR', '€#,##0.00', '€#,##0.00']);
    expect(people?.getCell(9).value).toEqual(new Date('2016-06-01T00:00:00Z'));
    // The period's own sheets hold no restatement.
    expect(valueOf(workbook.getWorksheet('Mali'), 'EUTF 3.4 (2021) approved')).not.toBe(1_250);
  });

  it("writes the regional sections and other countries on sheets of their own, and a reader's narrowed report only its sections", async () => {
    const officer = buildConsolidatedReport({ period: report.period, audience: { countries: ['ML'], partner: null, whole: false }, partnerships: [], projects: [], funding: [], returns: [], reintegration: [], reportedFigures: [] });
    expect((await readBack(await renderConsolidatedReportXlsx(officer))).worksheets.map((sheet) => sheet.name)).toEqual(['Report', 'Mali']);
    const whole = buildConsolidatedReport({
      period: report.period,
      audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true },
      partnerships: [],
      projects: [],
      funding: [],
      returns: [],
      reintegration: [],
      reportedFigures: [
        {
          scopeKey: 'region-rabat-process',
          scope: { level: 'region', region: 'rabat-process' },
          figures: [{ figureId: 'participants', scope: { level: 'region', region: 'rabat-process' }, section: 'regional-dialogue', description: 'Participants', value: 550, valueQualifier: 'more-than', unit: 'participants', period: { from: '2016-07', to: '2017-05' }, reportedBy: 'ICMPD', source: { document: '003_8114e0e9180453e8.txt', quote: 'MORE THAN 550 PARTICIPANTS' }, recordedAt: '2026-12-01T00:00:00.000Z' }],
        },
      ],
    });
    const workbook = await readBack(await renderConsolidatedReportXlsx(whole));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Regional dialogue');
    expect(valueOf(workbook.getWorksheet('Regional dialogue'), 'Participants')).toBe(550);
  });
});

describe("a multi-country project in the consolidated report's workbook", () => {
  // Mali leads the South-South Cooperation Action; Senegal (and two countries outside the five) participate.
  const report = buildConsolidatedReport({
    period: { from: '2016-06-01', to: '2017-12-31' },
    audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true },
    partnerships: [partnershipExample],
    projects: [projectExample, regionalProjectExample],
    funding: [financeExample],
    returns: [],
    reintegration: [],
    reportedFigures: [],
  });
  const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
    const rows: ExcelJS.Row[] = [];
    sheet?.eachRow((row, index) => (index > 1 ? rows.push(row) : undefined));
    return rows;
  };

  it("lists it on the participating country's sheet, with its lead, no value and not counted; on the lead's sheet it is counted, not listed", async () => {
    const workbook = await readBack(await renderConsolidatedReportXlsx(report));
    const senegal = rowsOf(workbook.getWorksheet('Senegal')).filter((row) => row.getCell(1).value === 'led-by-another-country');
    expect(senegal.map((row) => [row.getCell(2).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value, row.getCell(11).value, row.getCell(15).value])).toEqual([
      ['SN', `${regionalProjectExample.title} (${regionalProjectExample.projectId})`, 'computed', null, 'no', "led by Mali (ML); countries MA CI ML SN; implementation; counted in the lead country's section, not here"],
    ]);
    expect(senegal[0]?.getCell(9).value).toEqual(new Date('2016-06-01T00:00:00Z'));
    expect(rowsOf(workbook.getWorksheet('Mali')).filter((row) => row.getCell(1).value === 'led-by-another-country')).toEqual([]);
    // Counted in Mali's figures, as numbers: its two projects; Senegal's none.
    expect(valueOf(workbook.getWorksheet('Mali'), 'projects approved')).toBe(2);
    expect(valueOf(workbook.getWorksheet('Senegal'), 'projects approved')).toBe(0);
    expect(valueOf(workbook.getWorksheet('Totals'), 'projects approved')).toBe(2);
  });
});
