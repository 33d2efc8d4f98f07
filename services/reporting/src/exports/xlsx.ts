import ExcelJS from 'exceljs';
import { dayMonthYear } from '../factsheet/country-factsheet.render';
import type { Period } from '../factsheet/country-factsheet';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Cell formats: amounts in euros, whole counts, days. */
export const EUROS = '€#,##0.00';
export const COUNT = '#,##0';
export const DAY = 'yyyy-mm-dd';

export type Cell = string | number | Date | null;

/** An ISO day as a spreadsheet date (UTC midnight); a date known only to the month or year stays text. */
export const dateCell = (value: string | number | null | undefined): Cell => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : (value ?? null));

/** Euros from cents, as a number (cents are whole, so the division is exact to the cent); null stays null: "no data", never 0. */
export const eurosOfCents = (cents: number | null | undefined): number | null => (typeof cents === 'number' ? cents / 100 : null);

export interface SheetColumn {
  header: string;
  width: number;
  /** The cell format of the column, or of each row's cell (a column of amounts and counts alike). */
  format?: string | ((row: readonly Cell[]) => string | undefined);
}

/** A workbook of ours: its creator set, a cover sheet first with the report's title and period (days as dates), then what the report adds. */
export function reportWorkbook(title: string, period: Period, lines: ReadonlyArray<readonly [string, string]>): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EUTF monitoring';
  const cover = workbook.addWorksheet('Report');
  cover.columns = [{ width: 24 }, { width: 100 }];
  cover.addRow(['Report', title]).font = { bold: true };
  cover.addRow(['Period from', dateCell(period.from)]).getCell(2).numFmt = DAY;
  cover.addRow(['Period to', dateCell(period.to)]).getCell(2).numFmt = DAY;
  cover.addRow(['Period', `${dayMonthYear(period.from)} – ${dayMonthYear(period.to)}`]);
  for (const line of lines) cover.addRow([...line]);
  return workbook;
}

/** A sheet of rows under a bold, frozen header with a filter: numbers stay numbers, each column with its format. */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], rows: ReadonlyArray<readonly Cell[]>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([...row]);
    columns.forEach((column, index) => {
      const format = typeof column.format === 'function' ? column.format(row) : column.format;
      if (format) added.getCell(index + 1).numFmt = format;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

export const workbookBuffer = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer());
