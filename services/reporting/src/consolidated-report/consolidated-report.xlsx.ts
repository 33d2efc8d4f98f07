import ExcelJS from 'exceljs';
import { dayMonthYear } from '../factsheet/country-factsheet.render';
import type { ConsolidatedReport } from './consolidated-report';
import { consolidatedReportRows, REPORT_COLUMNS, type ReportRow } from './consolidated-report.render';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADINGS: Record<(typeof REPORT_COLUMNS)[number], string> = {
  section: 'Section',
  country: 'Country',
  scope: 'Scope',
  figure: 'Figure',
  basis: 'Basis',
  value: 'Value',
  value_qualifier: 'Qualifier',
  unit: 'Unit',
  period_from: 'Period from',
  period_to: 'Period to',
  counted_in_period: 'Counted in period',
  reported_by: 'Reported by',
  source_document: 'Source document',
  source_quote: 'Source quote',
  note: 'Note',
};
const WIDTHS = [18, 8, 20, 60, 10, 18, 11, 16, 12, 12, 10, 40, 28, 70, 36];
const EUROS = '€#,##0.00';
const COUNT = '#,##0';
const DAY = 'yyyy-mm-dd';
const column = (name: (typeof REPORT_COLUMNS)[number]) => REPORT_COLUMNS.indexOf(name);

/** An ISO day as a spreadsheet date (UTC midnight); a date known only to the month or year stays text. */
const dateCell = (value: string | number | null) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : value);

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

function addFigureSheet(workbook: ExcelJS.Workbook, name: string, rows: readonly ReportRow[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REPORT_COLUMNS.map((key, index) => ({ header: HEADINGS[key], key, width: WIDTHS[index] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const cents = row[column('unit')] === 'EUR cents';
    const value = row[column('value')] ?? null;
    const cells = row.map((cell, index) => (index === column('period_from') || index === column('period_to') ? dateCell(cell) : cell));
    // Amounts in euros (the cents divided exactly), as numbers; counts as numbers; an empty value stays empty ("no data" in the note).
    cells[column('value')] = typeof value === 'number' && cents ? value / 100 : value;
    cells[column('unit')] = cents ? 'EUR' : row[column('unit')] ?? null;
    const added = sheet.addRow(cells);
    added.getCell(column('value') + 1).numFmt = cents ? EUROS : COUNT;
    added.getCell(column('period_from') + 1).numFmt = DAY;
    added.getCell(column('period_to') + 1).numFmt = DAY;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
}

/** The report as a workbook: a cover sheet, then a sheet per section (the totals, each country, the regional sections), numbers as numbers. */
export async function renderConsolidatedReportXlsx(report: ConsolidatedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EUTF monitoring';
  const cover = workbook.addWorksheet('Report');
  cover.columns = [{ width: 24 }, { width: 100 }];
  cover.addRow(['Report', report.title]).font = { bold: true };
  const from = cover.addRow(['Period from', new Date(`${report.period.from}T00:00:00Z`)]);
  const to = cover.addRow(['Period to', new Date(`${report.period.to}T00:00:00Z`)]);
  from.getCell(2).numFmt = DAY;
  to.getCell(2).numFmt = DAY;
  cover.addRow(['Period', `${dayMonthYear(report.period.from)} – ${dayMonthYear(report.period.to)}`]);
  cover.addRow(['Sections', report.countries.map((section) => section.country.name).join(', ') || 'none you may read']);
  cover.addRow([
    'Basis',
    'computed: by the system from the events in its registers; reported: stated by the source named, not recomputable. Amounts in euros; an empty value is "no data" (see Note), never 0; counted in period "no" marks a figure shown apart with its own period.',
  ]);
  const rows = consolidatedReportRows(report);
  const sheets = new Map<string, ReportRow[]>();
  for (const row of rows) {
    const name = sheetOf(row, report);
    sheets.set(name, [...(sheets.get(name) ?? []), row]);
  }
  for (const [name, sheetRows] of sheets) addFigureSheet(workbook, name, sheetRows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
