/**
 * One CSV cell, safe to open in a spreadsheet. Text a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return: `=HYPERLINK(…)` in a project title) is written with
 * a leading apostrophe, as OWASP advises; a cell with a quote, comma or line break is quoted.
 * Numbers are written as they are: a negative amount is a number, not a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line of cells. */
export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => cells.map(csvCell).join(',');
