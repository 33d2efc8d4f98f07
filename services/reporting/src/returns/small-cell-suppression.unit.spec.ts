import { seededRandom } from '@eutf/testing';
import { recoverableCells, sumFollowsFrom, suppressSmallCells, suppressedTableCsv, type CountTable, type SuppressedTable } from './small-cell-suppression';
import { spanOf } from '../test-support/linear-span';

/** A table with many small cells. */
function randomTable(random: () => number): CountTable {
  const rowCount = 1 + Math.floor(random() * 6);
  const columnCount = 1 + Math.floor(random() * 6);
  const count = () => {
    const draw = random();
    return draw < 0.2 ? 0 : draw < 0.6 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 300);
  };
  return {
    rows: Array.from({ length: rowCount }, (_row, i) => `row-${i}`),
    columns: Array.from({ length: columnCount }, (_column, j) => `column-${j}`),
    cells: Array.from({ length: rowCount }, () => Array.from({ length: columnCount }, count)),
  };
}

/**
 * The attacker's view, computed independently of the suppression: every row and column of the grid
 * with its totals is an equation over the suppressed cells; a suppressed cell can be computed back
 * exactly when its unit vector lies in the span of those equations (the rank does not grow).
 */
function computableCells(shown: SuppressedTable): string[] {
  const grid = [...shown.cells.map((row, i) => [...row, shown.rowTotals[i] ?? null]), [...shown.columnTotals, shown.total]];
  const unknowns = grid.flatMap((row, i) => row.flatMap((count, j) => (count === null ? [`${i},${j}`] : [])));
  const index = new Map(unknowns.map((name, k) => [name, k]));
  const equations: number[][] = [];
  // Each body row: its cells minus its total is zero; each body column likewise; and the totals row and column.
  for (let i = 0; i < grid.length; i += 1) {
    const width = (grid[0] as unknown[]).length;
    const equation = new Array<number>(unknowns.length).fill(0);
    for (let j = 0; j < width; j += 1) if (index.has(`${i},${j}`)) equation[index.get(`${i},${j}`) as number] = j === width - 1 ? -1 : 1;
    equations.push(equation);
  }
  for (let j = 0; j < (grid[0] as unknown[]).length; j += 1) {
    const equation = new Array<number>(unknowns.length).fill(0);
    for (let i = 0; i < grid.length; i += 1) if (index.has(`${i},${j}`)) equation[index.get(`${i},${j}`) as number] = i === grid.length - 1 ? -1 : 1;
    equations.push(equation);
  }
  const rank = (matrix: number[][]) => {
    const rows = matrix.map((row) => [...row]);
    let r = 0;
    for (let c = 0; c < unknowns.length && r < rows.length; c += 1) {
      const pivot = rows.findIndex((row, k) => k >= r && Math.abs(row[c] as number) > 1e-9);
      if (pivot === -1) continue;
      [rows[r], rows[pivot]] = [rows[pivot] as number[], rows[r] as number[]];
      for (let k = 0; k < rows.length; k += 1) {
        if (k === r) continue;
        const factor = (rows[k]?.[c] as number) / (rows[r]?.[c] as number);
        if (factor !== 0) rows[k] = (rows[k] as number[]).map((value, m) => value - factor * ((rows[r] as number[])[m] as number));
      }
      r += 1;
    }
    return r;
  };
  const base = rank(equations);
  return unknowns.filter((_name, k) => rank([...equations, unknowns.map((_other, m) => (m === k ? 1 : 0))]) === base);
}

describe('small-cell suppression', () => {
  it('hides every count from 1 to 4, and enough others that none of them follows from a total', () => {
    const shown = suppressSmallCells({ rows: ['ML', 'NE'], columns: ['LY', 'DZ', 'MA'], cells: [[3, 120, 40], [60, 80, 25]] });
    expect(shown.cells[0]?.[0]).toBeNull();
    expect(shown.cells.flat().filter((count) => count === null).length).toBeGreaterThanOrEqual(2);
    expect(computableCells(shown)).toEqual([]);
    expect(shown.total).toBe(328);
  });

  it('shows a table without small cells as it is, zeros included', () => {
    const shown = suppressSmallCells({ rows: ['ML'], columns: ['LY', 'NE'], cells: [[0, 17_181]] });
    expect(shown).toMatchObject({ cells: [[0, 17_181]], rowTotals: [17_181], columnTotals: [0, 17_181], total: 17_181 });
  });

  it('takes a configurable threshold', () => {
    expect(suppressSmallCells({ rows: ['ML'], columns: ['LY', 'NE'], cells: [[7, 300]] }, 10).cells[0]?.[0]).toBeNull();
    expect(suppressSmallCells({ rows: ['ML'], columns: ['LY', 'NE'], cells: [[7, 300]] }, 5).cells[0]?.[0]).toBe(7);
  });

  it('writes a suppressed count as "suppressed" in CSV, never its value', () => {
    const csv = suppressedTableCsv(suppressSmallCells({ rows: ['ML', 'NE'], columns: ['LY', 'DZ'], cells: [[3, 120], [60, 80]] }), 'origin');
    expect(csv.split('\n')[1]).toBe('ML,suppressed,suppressed,123');
    expect(csv).not.toMatch(/(^|,)3(,|$)/m);
  });

  it('agrees with the independent attack on what can be recovered', () => {
    expect(recoverableCells([[0, 0]], 2, 2)).toEqual([[0, 0]]);
    expect(recoverableCells([[0, 0], [0, 1], [1, 0], [1, 1]], 2, 2)).toEqual([]);
  });

  it('differencing: for 3,000 generated tables with small cells, no suppressed cell can be computed back from the rows, columns and totals shown', () => {
    const random = seededRandom(Number(process.env['EUTF_TEST_SEED'] ?? 6_760));
    const recovered: string[] = [];
    for (let n = 0; n < 3_000; n += 1) {
      const table = randomTable(random);
      const shown = suppressSmallCells(table);
      // Every small count is hidden…
      table.cells.forEach((row, i) => row.forEach((count, j) => {
        if (count > 0 && count < 5 && shown.cells[i]?.[j] !== null) recovered.push(`table ${n}: small cell ${i},${j} shown`);
      }));
      // …and none of the hidden ones follows from what is shown.
      for (const cell of computableCells(shown)) recovered.push(`table ${n}: ${cell} recoverable in ${JSON.stringify(table.cells)}`);
    }
    expect(recovered).toEqual([]);
  });
});

describe('sums of cells that must not follow either', () => {
  /** The sums a reader may ask: each row's cells over every run of columns, and every column's over every run of rows. */
  const runsOf = (table: CountTable): Array<Array<readonly [number, number]>> => [
    ...table.rows.flatMap((_row, i) => table.columns.flatMap((_column, from) => table.columns.slice(from).map((_end, length) => Array.from({ length: length + 1 }, (_cell, k) => [i, from + k] as const)))),
    ...table.columns.flatMap((_column, j) => table.rows.flatMap((_row, from) => table.rows.slice(from).map((_end, length) => Array.from({ length: length + 1 }, (_cell, k) => [from + k, j] as const)))),
  ];
  const valueOf = (table: CountTable, cells: ReadonlyArray<readonly [number, number]>) => cells.reduce((sum, [i, j]) => sum + (table.cells[i]?.[j] ?? 0), 0);
  /** The attacker's span over every number of the grid with its totals, a hidden one an unknown. */
  function spanOfShown(shown: SuppressedTable) {
    const cell = (i: number, j: number) => `${i},${j}`;
    const unknowns = shown.rows.flatMap((_row, i) => shown.columns.map((_column, j) => cell(i, j)));
    const equations = [
      ...shown.rows.flatMap((_row, i) => [...shown.columns.flatMap((_column, j) => (shown.cells[i]?.[j] === null ? [] : [[cell(i, j)]])), ...(shown.rowTotals[i] === null ? [] : [shown.columns.map((_column, j) => cell(i, j))])]),
      ...shown.columns.flatMap((_column, j) => (shown.columnTotals[j] === null ? [] : [shown.rows.map((_row, i) => cell(i, j))])),
      ...(shown.total === null ? [] : [unknowns]),
    ];
    const span = spanOf(unknowns, equations);
    return (cells: ReadonlyArray<readonly [number, number]>) => span.follows(cells.map(([i, j]) => cell(i, j)));
  }

  it('decides which sums follow as the elimination does, and guards the small ones it is given', () => {
    const random = seededRandom(Number(process.env['EUTF_TEST_SEED'] ?? 11));
    const found: string[] = [];
    let following = 0;
    for (let n = 0; n < 1_000; n += 1) {
      const table = randomTable(random);
      const guarded = runsOf(table).filter((cells) => cells.length > 1 && valueOf(table, cells) > 0 && valueOf(table, cells) < 5).map((cells) => cells.filter(([i, j]) => (table.cells[i]?.[j] ?? 0) > 0));
      const shown = suppressSmallCells(table, 5, guarded);
      const [byCut, byElimination] = [sumFollowsFrom(shown), spanOfShown(shown)];
      for (const cells of runsOf(table)) {
        const [cut, elimination] = [byCut(cells), byElimination(cells)];
        following += cut ? 1 : 0;
        if (cut !== elimination) found.push(`table ${n}: ${JSON.stringify(cells)} follows ${elimination} by elimination, ${cut} as a cut, in ${JSON.stringify(table.cells)}`);
      }
      for (const cells of guarded) if (byElimination(cells)) found.push(`table ${n}: the small sum ${JSON.stringify(cells)} follows in ${JSON.stringify(table.cells)}`);
    }
    expect(found).toEqual([]);
    expect(following).toBeGreaterThan(1_000);
  });
});
