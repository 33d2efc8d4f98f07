import { createHash } from 'node:crypto';
import { sumFollowsFrom, suppressSmallCells, type SuppressedTable } from './small-cell-suppression';

/**
 * One canonical table per read-model document, suppressed once, and every figure any answer shows
 * derived from what those tables publish.
 *
 * Why: each answer suppressed on its own is safe on its own, but a reader can ask several and
 * subtract them (January–June less January–May gives June; a country's total less the other
 * partners' gives one partner's), and no suppression of one answer can know which others the
 * reader holds. So the unit that is suppressed is not the answer but the document — one partner's
 * returns on one project, or its reintegration caseload — in the finest grid every answer adds up
 * from, and an answer shows a number only when it follows from the numbers that grid publishes
 * (its shown cells, row totals, column totals and total). Documents never share a cell, so any
 * number of answers, for any periods and scopes, give away together no more than the union of the
 * published canonical tables, each of which is safe on its own (`suppressSmallCells`).
 *
 * Safe on its own means more than no hidden cell following: an answer adds cells up (a host's
 * routes, the months of a window), and a small sum of hidden cells that followed from the
 * published totals (the total less the one host shown) would be a hidden number of some answer
 * computed back. So each table is suppressed guarding every small sum an answer can ask of it
 * (`smallSums`, by the answers' `AnswerShapes`) as it guards a hidden cell.
 *
 * The tables are suppressed once per content, whatever the window or scope of the answer that asks,
 * and kept (`canonicalTableOf`): an answer over thousands of documents suppresses none of them again.
 */
export interface CanonicalEntry {
  row: string;
  column: string;
  count: number;
}

export type CellAt = readonly [row: number, column: number];

export interface CanonicalTable {
  rows: readonly string[];
  columns: readonly string[];
  /** The cells some entry falls in (even with a count of zero, so that answers list its row and column), with their counts. */
  present: ReadonlyArray<readonly [row: number, column: number, count: number]>;
  /** The table as suppressed once: what the document publishes. */
  shown: SuppressedTable;
  isHidden(row: number, column: number): boolean;
  /** Whether the sum of these cells follows from what the table publishes: their hidden ones add up to a sum of its shown totals less shown cells. */
  follows(cells: readonly CellAt[]): boolean;
}

/**
 * How answers add a document's cells up: the rows an answer counts together (a route, an origin, a
 * host, every row…), the families of columns it counts within a window (every column, the months
 * only, one stage…) and the months each column covers.
 */
export interface AnswerShapes {
  /** Names the shapes in the cache: tables of other shapes are suppressed apart. */
  kind: string;
  rowGroupsOf(row: string): readonly string[];
  columnFamiliesOf(column: string): readonly string[];
  spanOf(column: string): { from: string; to: string };
}

/** Enough for every document of a large deployment; the oldest goes first. */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, CanonicalTable>();

/**
 * The canonical table of a document, from its entries (an entry per operation, report or case and
 * the cell it falls in), suppressed with the threshold; the same entries give the same table, from
 * the cache after the first time.
 */
export function canonicalTableOf(entries: readonly CanonicalEntry[], shapes: AnswerShapes, threshold: number): CanonicalTable {
  const key = createHash('sha256').update(JSON.stringify([shapes.kind, threshold, entries])).digest('base64');
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const table = buildCanonicalTable(entries, shapes, threshold);
  cache.set(key, table);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return table;
}

/**
 * Every sum an answer can ask of the table that is small (1 to threshold − 1): a group of rows over
 * the columns of a family inside a window. Published totals can give away a sum of hidden cells as
 * surely as one of them (a total less the one host shown is the other hosts together), so each such
 * sum is guarded like a hidden cell. Counts are never negative, so widening a window only adds: the
 * scan from each first month stops at the first window whose sum is not small.
 */
function smallSums(rows: readonly string[], columns: readonly string[], cells: ReadonlyArray<ReadonlyArray<number>>, shapes: AnswerShapes, threshold: number): CellAt[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    for (const group of shapes.rowGroupsOf(row)) {
      const members = groups.get(group);
      if (members) members.push(i);
      else groups.set(group, [i]);
    }
  });
  const families = new Map<string, number[]>();
  columns.forEach((column, j) => {
    for (const family of shapes.columnFamiliesOf(column)) {
      const members = families.get(family);
      if (members) members.push(j);
      else families.set(family, [j]);
    }
  });
  const spans = columns.map((column) => shapes.spanOf(column));
  // Each family's columns by the month they end, and from each first month on, those that start no earlier.
  const runs = [...families.values()].flatMap((familyColumns) => {
    const byEnd = [...familyColumns].sort((a, b) => ((spans[a] as { to: string }).to < (spans[b] as { to: string }).to ? -1 : 1));
    return [...new Set(familyColumns.map((j) => (spans[j] as { from: string }).from))].map((first) => byEnd.filter((j) => (spans[j] as { from: string }).from >= first));
  });
  const found = new Map<string, CellAt[]>();
  for (const members of groups.values()) {
    const columnSums = columns.map((_column, j) => members.reduce((sum, i) => sum + ((cells[i] as number[])[j] as number), 0));
    for (const inside of runs) {
      // The run's nonzero cells so far: a sum is recorded where a window's last column added some, and its sum is still small.
      let sum = 0;
      const sumCells: CellAt[] = [];
      let grown = false;
      for (let n = 0; n < inside.length && sum < threshold; n += 1) {
        const j = inside[n] as number;
        if ((columnSums[j] as number) > 0) {
          sum += columnSums[j] as number;
          for (const i of members) if (((cells[i] as number[])[j] as number) > 0) sumCells.push([i, j]);
          grown = true;
        }
        const atEnd = n === inside.length - 1 || (spans[inside[n + 1] as number] as { to: string }).to !== (spans[j] as { to: string }).to;
        if (!atEnd || !grown || sum >= threshold) continue;
        grown = false;
        found.set(sumCells.map(([i, column]) => `${i},${column}`).sort().join(' '), [...sumCells]);
      }
    }
  }
  return [...found.values()];
}

function buildCanonicalTable(entries: readonly CanonicalEntry[], shapes: AnswerShapes, threshold: number): CanonicalTable {
  const rows = [...new Set(entries.map((entry) => entry.row))].sort();
  const columns = [...new Set(entries.map((entry) => entry.column))].sort();
  const rowIndex = new Map(rows.map((row, i) => [row, i]));
  const columnIndex = new Map(columns.map((column, j) => [column, j]));
  const cells = rows.map(() => new Array<number>(columns.length).fill(0));
  const present = new Map<number, [number, number, number]>();
  for (const { row, column, count } of entries) {
    const [i, j] = [rowIndex.get(row) as number, columnIndex.get(column) as number];
    (cells[i] as number[])[j] = ((cells[i] as number[])[j] as number) + count;
    const at = i * columns.length + j;
    present.set(at, [i, j, (present.get(at)?.[2] ?? 0) + count]);
  }
  // A single small cell is hidden anyway; a guarded sum of one would only repeat it.
  const guarded = smallSums(rows, columns, cells, shapes, threshold).filter((sum) => sum.length > 1);
  const shown = suppressSmallCells({ rows, columns, cells }, threshold, guarded);
  const isHidden = (i: number, j: number) => shown.cells[i]?.[j] === null;
  let span: ((cells: readonly CellAt[]) => boolean) | undefined;
  return {
    rows,
    columns,
    present: [...present.values()],
    shown,
    isHidden,
    follows(asked) {
      const hidden = asked.filter(([i, j]) => isHidden(i, j));
      if (hidden.length === 0) return true;
      span ??= sumFollowsFrom(shown);
      return span(hidden);
    },
  };
}

/**
 * The numbers of one answer as sums of canonical cells: each number adds up what its cells count
 * and remembers, per document, which of its cells that document hides. A number is shown only when
 * it is not small and, in every document, its hidden cells add up to what the published totals give.
 */
export class AnswerTally {
  private readonly numbers = new Map<string, { count: number; hidden: Map<object, { table: CanonicalTable; cells: CellAt[] }> }>();

  constructor(private readonly threshold: number) {}

  /** A cell of a document's table (`doc`: the document, since two documents of the same content share one table) counted in a number. */
  add(number: string, doc: object, table: CanonicalTable, row: number, column: number, count: number): void {
    let tally = this.numbers.get(number);
    if (!tally) this.numbers.set(number, (tally = { count: 0, hidden: new Map() }));
    tally.count += count;
    if (table.isHidden(row, column)) {
      const hidden = tally.hidden.get(doc);
      if (hidden) hidden.cells.push([row, column]);
      else tally.hidden.set(doc, { table, cells: [[row, column]] });
    }
  }

  /** The number as shown: zero where nothing counts, null where it is small or does not follow from the published tables. */
  shown(number: string): number | null {
    const tally = this.numbers.get(number);
    if (!tally) return 0;
    if (tally.count > 0 && tally.count < this.threshold) return null;
    for (const { table, cells } of tally.hidden.values()) if (!table.follows(cells)) return null;
    return tally.count;
  }
}
