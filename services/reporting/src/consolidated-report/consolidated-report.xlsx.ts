import type ExcelJS from 'exceljs';
import { addTableSheet, COUNT, DAY, dateCell, EUROS, eurosOfCents, reportWorkbook, workbookBuffer, type Cell, type SheetColumn } from '../exports/xlsx';
import type { ConsolidatedReport } from './consolidated-report';
import { consolidatedReportRows, REPORT_COLUMNS, restatementRows, type ReportRow } from './consolidated-report.render';

export { XLSX_MEDIA_TYPE } from '../exports/xlsx';

type Column = (typeof REPORT_COLUMNS)[number];
const column = (name: Column) => REPORT_COLUMNS.indexOf(name);
const isAmount = (row: readonly Cell[]) => row[column('unit')] === 'EUR';
const amountOrCount = (row: readonly Cell[]) => (isAmount(row) ? EUROS : COUNT);

const COLUMNS: Record<Column, SheetColumn> = {
  section: { header: 'Section', width: 18 },
  country: { header: 'Country', width: 8 },
  scope: { header: 'Scope', width: 20 },
  figure: { header: 'Figure', width: 60 },
  basis: { header: 'Basis', width: 10 },
  value: { header: 'Value', width: 18, format: amountOrCount },
  value_qualifier: { header: 'Qualifier', width: 11 },
  unit: { header: 'Unit', width: 16 },
  period_from: { header: 'Period from', width: 12, format: DAY },
  period_to: { header: 'Period to', width: 12, format: DAY },
  counted_in_period: { header: 'Counted in period', width: 10 },
  reported_by: { header: 'Reported by', width: 40 },
  source_document: { header: 'Source document', width: 28 },
  source_quote: { header: 'Source quote', width: 70 },
  note: { header: 'Note', width: 36 },
  restates_closure: { header: 'Restates closure', width: 28 },
  frozen_value: { header: 'Frozen value', width: 18, format: (row) => (row[column('frozen_value')] === null ? undefined : amountOrCount(row)) },
};

/** Which sheet a figure line goes in: the totals, its country, a regional section or the other countries. */
function sheetOf(row: ReportRow, report: ConsolidatedReport): string {
  const [section, country] = row;
  if (section === 'other-countries') return 'Other countries';
  if (section === 'cooperation') return 'Regional cooperation';
  if (section === 'regional-dialogue') return 'Regional dialogue';
  if (section === 'regional') return 'Other regional';
  if (country) return report.countries.find((entry) => entry.country.code === country)?.country.name ?? String(country);
  return 'Totals';
}

/** A figure line as cells: amounts in euros (the cents divided exactly), counts as counts, days as dates; an empty value stays empty ("no data" in the note). */
function cellsOf(row: ReportRow): Cell[] {
  const cents = row[column('unit')] === 'EUR cents';
  const cells: Cell[] = REPORT_COLUMNS.map((name, index) => (name === 'period_from' || name === 'period_to' ? dateCell(row[index]) : (row[index] ?? null)));
  if (cents) {
    cells[column('value')] = eurosOfCents(row[column('value')] as number | null);
    cells[column('frozen_value')] = eurosOfCents(row[column('frozen_value')] as number | null);
    cells[column('unit')] = 'EUR';
  }
  return cells;
}

const addFigureSheet = (workbook: ExcelJS.Workbook, name: string, rows: readonly ReportRow[]) =>
  addTableSheet(workbook, name, REPORT_COLUMNS.map((name) => COLUMNS[name]), rows.map(cellsOf));

/** The report as a workbook: a cover sheet, then a sheet per section (the totals, each country, the regional sections), numbers as numbers; the restatements of closed periods last. */
export async function renderConsolidatedReportXlsx(report: ConsolidatedReport): Promise<Buffer> {
  const workbook = reportWorkbook(report.title, report.period, [
    ['Sections', report.countries.map((section) => section.country.name).join(', ') || 'none you may read'],
    [
      'Basis',
      'computed: by the system from the events in its registers; reported: stated by the source named, not recomputable; restatement: a figure of a closed period as it is now, beside the value its frozen report holds. Amounts in euros; an empty value is "no data" (see Note), never 0; counted in period "no" marks a figure shown apart with its own period.',
    ],
  ]);
  const sheets = new Map<string, ReportRow[]>();
  for (const row of consolidatedReportRows(report)) {
    const name = sheetOf(row, report);
    const rows = sheets.get(name);
    if (rows) rows.push(row);
    else sheets.set(name, [row]);
  }
  for (const [name, sheetRows] of sheets) addFigureSheet(workbook, name, sheetRows);
  const restated = restatementRows(report);
  if (restated.length > 0) addFigureSheet(workbook, 'Restatements', restated);
  return workbookBuffer(workbook);
}
