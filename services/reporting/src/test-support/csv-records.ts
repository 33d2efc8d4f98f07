/**
 * Reads CSV back as RFC 4180 writes it (quoted fields with commas, doubled quotes and line breaks
 * inside; CRLF between records), so that a test checks cells, not how a line happens to be split.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted && char === '"' && text[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += char;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index += 1;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The records below the header, each as its cells by column name. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header = [], ...rows] = csvRows(text);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}
