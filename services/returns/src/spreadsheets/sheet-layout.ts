import type { z } from 'zod';
import { columnLetter, type Cell, type Sheet } from './spreadsheet';

/** How a column's cells are read before the row's body is checked against the command's schema. */
export type ColumnKind = 'code' | 'count' | 'date' | 'month';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** A file must have the column (its cells may still be empty where the schema allows). */
  required: boolean;
}

/** What a file of one kind holds: its columns, and each row as the JSON command's body, checked by the same schema. */
export interface SheetLayout<Body> {
  columns: readonly ColumnSpec[];
  /** The body of one row from its cells by column name; an empty cell is absent. */
  bodyOf(cells: ReadonlyMap<string, unknown>): unknown;
  /** The column a field of the body came from, for an error. */
  columnOf(path: readonly PropertyKey[], cells: ReadonlyMap<string, unknown>): string;
  schema: z.ZodType<Body>;
  /** At most so many rows in one file. */
  maxRows: number;
}

/** A problem of one row and column (row 1 is the header); never quotes the cell. */
export interface CellError {
  row: number;
  column: string;
  message: string;
}

export type ReadRows<Body> = { ok: true; rows: Array<{ row: number; body: Body }> } | { ok: false; errors: CellError[] };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const WHOLE_NUMBER = /^\d+$/;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A cell as its column reads it, or why it cannot be read; a value of the wrong kind is left for the schema to name. */
function read(cell: Cell, kind: ColumnKind): { value: unknown } | { error: string } | undefined {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  if (typeof cell === 'object' && !(cell instanceof Date)) return { error: `holds ${cell.notAValue}: enter the value itself` };
  switch (kind) {
    case 'count':
      if (typeof cell === 'string' && WHOLE_NUMBER.test(cell.trim())) return { value: Number(cell.trim()) };
      return cell instanceof Date ? { error: 'holds a date: enter a whole number' } : { value: cell };
    case 'date':
      return { value: cell instanceof Date ? isoDay(cell) : typeof cell === 'string' ? cell.trim() : cell };
    case 'month': {
      // A spreadsheet turns "2017-05" into the first of May: it is read back as the month.
      const month = cell instanceof Date ? isoDay(cell).slice(0, 7) : typeof cell === 'string' ? cell.trim() : String(cell);
      return MONTH.test(month) ? { value: month } : { error: 'is not a month: YYYY-MM' };
    }
    case 'code':
      if (cell instanceof Date) return { error: 'holds a date: enter a code' };
      return { value: typeof cell === 'number' ? String(cell) : cell.trim() };
  }
}

/**
 * Reads every row of a file into the body of the command it stands for, checked with that
 * command's own schema; on any problem, every problem found, by row and column, and no body.
 * A column is named by its header, or by its letter where the header is not one of the layout's
 * (a header may hold anything, and an answer never repeats what it is not sure is harmless).
 */
export function readRows<Body>(sheet: Sheet, layout: SheetLayout<Body>): ReadRows<Body> {
  const errors: CellError[] = [];
  const known = new Map(layout.columns.map((column) => [column.name, column]));
  const names: Array<string | undefined> = sheet.header.map((cell, index) => {
    const name = typeof cell === 'string' ? cell.trim() : undefined;
    if (name !== undefined && known.has(name)) return name;
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
      if (sheet.rows.some(({ cells }) => cells[index] !== undefined && cells[index] !== null && cells[index] !== '')) {
        errors.push({ row: 1, column: columnLetter(index), message: 'has cells but no header' });
      }
      return undefined;
    }
    errors.push({ row: 1, column: columnLetter(index), message: `is not a column of this file (its columns: ${layout.columns.map((column) => column.name).join(', ')})` });
    return undefined;
  });
  names.forEach((name, index) => {
    if (name !== undefined && names.indexOf(name) !== index) errors.push({ row: 1, column: name, message: `is given twice (columns ${columnLetter(names.indexOf(name))} and ${columnLetter(index)})` });
  });
  for (const column of layout.columns) {
    if (column.required && !names.includes(column.name)) errors.push({ row: 1, column: column.name, message: 'is missing' });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (sheet.rows.length === 0) return { ok: false, errors: [{ row: 2, column: 'A', message: 'the file has no row after its header' }] };
  if (sheet.rows.length > layout.maxRows) return { ok: false, errors: [{ row: layout.maxRows + 2, column: 'A', message: `a file holds at most ${layout.maxRows} rows` }] };

  const rows: Array<{ row: number; body: Body }> = [];
  for (const { row, cells } of sheet.rows) {
    const values = new Map<string, unknown>();
    cells.forEach((cell, index) => {
      const name = names[index];
      if (name === undefined) {
        if (cell !== null && !(typeof cell === 'string' && cell.trim() === '')) errors.push({ row, column: columnLetter(index), message: 'lies beyond the columns of the header' });
        return;
      }
      const got = read(cell, (known.get(name) as ColumnSpec).kind);
      if (got === undefined) return;
      if ('error' in got) errors.push({ row, column: name, message: got.error });
      else values.set(name, got.value);
    });
    if (errors.some((error) => error.row === row)) continue;
    const parsed = layout.schema.safeParse(layout.bodyOf(values));
    if (parsed.success) rows.push({ row, body: parsed.data });
    else for (const issue of parsed.error.issues) errors.push({ row, column: layout.columnOf(issue.path, values), message: issue.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
