import { Workbook, type CellValue as ExcelCellValue } from 'exceljs';

/** The media types a partner's spreadsheet comes in. */
export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What a cell holds, as far as an import cares: text, a number, a date, nothing, or something no
 * column takes (a formula, a true/false, an error) — named by its kind, never by its content.
 */
export type Cell = string | number | Date | null | { notAValue: string };

/** One row of the file as the partner sees it: row 1 is the header. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface Sheet {
  header: Cell[];
  rows: SheetRow[];
}

/** A file that cannot be read as a spreadsheet at all (not its media type, not UTF-8, broken). */
export class UnreadableSheet extends Error {}

/** The letter of a column, as a spreadsheet names it: 0 is A, 26 is AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const isEmpty = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The rows of a file after its header, without the rows that are empty throughout (a sheet's trailing lines). */
function sheetOf(lines: Cell[][]): Sheet {
  const [header = [], ...rest] = lines;
  const rows = rest.map((cells, index) => ({ row: index + 2, cells })).filter(({ cells }) => !cells.every(isEmpty));
  return { header, rows };
}

/**
 * CSV as RFC 4180 writes it: comma-separated, fields in double quotes where they hold a comma, a
 * quote or a line break, lines ending in CRLF or LF; UTF-8, with or without a byte-order mark.
 */
export function readCsv(bytes: Buffer): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableSheet('The CSV file is not UTF-8 text');
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const lines: Cell[][] = [];
  let line: Cell[] = [];
  let field = '';
  let quoted = false;
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      at += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      line.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      line.push(field);
      lines.push(line);
      line = [];
      field = '';
      if (char === '\r' && text[at + 1] === '\n') at += 1;
    } else field += char;
    at += 1;
  }
  if (quoted) throw new UnreadableSheet(`The CSV file ends inside a quoted field (line ${lines.length + 1})`);
  if (field !== '' || line.length > 0) {
    line.push(field);
    lines.push(line);
  }
  return sheetOf(lines);
}

/** A cell of exceljs as an import reads it: a formula is not a value, its last result is not trusted. */
function cellOf(value: ExcelCellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return { notAValue: 'true or false' };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return { notAValue: 'a formula' };
  if ('error' in value) return { notAValue: 'an error value' };
  if ('text' in value && typeof value.text === 'string') return value.text;
  return { notAValue: 'not a value' };
}

/** The first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSheet('The file is not a readable XLSX workbook');
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw new UnreadableSheet('The workbook has no worksheet');
  const width = worksheet.columnCount;
  const lines: Cell[][] = [];
  for (let row = 1; row <= worksheet.rowCount; row += 1) {
    const cells = worksheet.getRow(row);
    lines.push(Array.from({ length: width }, (_, column) => cellOf(cells.getCell(column + 1).value)));
  }
  return sheetOf(lines);
}

export function readSpreadsheet(mediaType: string, bytes: Buffer): Promise<Sheet> {
  return mediaType === XLSX ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
}
