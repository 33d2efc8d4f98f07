import { csvCell } from '../exports/csv';
/**
 * Small-cell suppression of a table of counts about people, so that nobody can be singled out:
 * every cell below the threshold is hidden (primary suppression), and further cells are hidden
 * (complementary suppression) until no hidden cell can be computed back from what is shown: not
 * from a row or column total, nor by combining totals.
 *
 * The rule, as decided: a count from 1 to threshold − 1 is small, in the body of the table and in
 * its totals alike. Zero is shown: it singles nobody out. The table is read as a grid with its
 * totals as one more row and one more column; each row and column of that grid is an equation
 * its shown cells publish. A hidden cell can be recovered exactly if and only if it is a bridge of
 * the graph whose nodes are the grid's rows and columns and whose edges are the hidden cells (its
 * value then follows from the equations on one side of it). So cells are hidden, the smallest
 * first, until that graph has no bridge.
 */
export interface CountTable {
  rows: readonly string[];
  columns: readonly string[];
  /** `cells[row][column]`: whole counts. */
  cells: ReadonlyArray<ReadonlyArray<number>>;
}

/** A table as every output shows it: null where a count is suppressed. */
export interface SuppressedTable {
  rows: readonly string[];
  columns: readonly string[];
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  columnTotals: Array<number | null>;
  total: number | null;
  threshold: number;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

type Cell = readonly [row: number, column: number];

/** The grid with its totals: row `rows.length` holds the column totals, column `columns.length` the row totals. */
function extendedGrid(table: CountTable): number[][] {
  const rowTotals = table.cells.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = table.columns.map((_column, j) => table.cells.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowTotals.reduce((sum, count) => sum + count, 0);
  return [...table.cells.map((row, i) => [...row, rowTotals[i] as number]), [...columnTotals, total]];
}

/** Hidden cells that are bridges: each could be computed back from the shown ones. Rows are nodes 0…R−1, columns R…R+C−1. */
export function recoverableCells(hidden: readonly Cell[], rowCount: number, columnCount: number): Cell[] {
  const nodes = rowCount + columnCount;
  const adjacency: Array<Array<{ to: number; edge: number }>> = Array.from({ length: nodes }, () => []);
  hidden.forEach(([row, column], edge) => {
    adjacency[row]?.push({ to: rowCount + column, edge });
    adjacency[rowCount + column]?.push({ to: row, edge });
  });
  // Tarjan's bridges, iteratively: an edge is a bridge when nothing below it reaches above it.
  const order = new Array<number>(nodes).fill(-1);
  const low = new Array<number>(nodes).fill(0);
  const bridges: Cell[] = [];
  let counter = 0;
  for (let start = 0; start < nodes; start += 1) {
    if (order[start] !== -1) continue;
    const stack: Array<{ node: number; viaEdge: number; next: number }> = [{ node: start, viaEdge: -1, next: 0 }];
    order[start] = low[start] = counter++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: number; viaEdge: number; next: number };
      const neighbours = adjacency[frame.node] as Array<{ to: number; edge: number }>;
      if (frame.next < neighbours.length) {
        const { to, edge } = neighbours[frame.next] as { to: number; edge: number };
        frame.next += 1;
        if (edge === frame.viaEdge) continue;
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push({ node: to, viaEdge: edge, next: 0 });
        } else {
          low[frame.node] = Math.min(low[frame.node] as number, order[to] as number);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.node] = Math.min(low[parent.node] as number, low[frame.node] as number);
          if ((low[frame.node] as number) > (order[parent.node] as number)) bridges.push(hidden[frame.viaEdge] as Cell);
        }
      }
    }
  }
  return bridges;
}

/** Which side of a bridge each node is on, once the bridge is taken away. */
function componentsWithout(hidden: readonly Cell[], bridge: Cell, rowCount: number, columnCount: number): number[] {
  const component = new Array<number>(rowCount + columnCount).fill(-1);
  const adjacency: number[][] = Array.from({ length: rowCount + columnCount }, () => []);
  for (const cell of hidden) {
    if (cell === bridge) continue;
    adjacency[cell[0]]?.push(rowCount + cell[1]);
    adjacency[rowCount + cell[1]]?.push(cell[0]);
  }
  let label = 0;
  for (let start = 0; start < component.length; start += 1) {
    if (component[start] !== -1) continue;
    const queue = [start];
    component[start] = label;
    while (queue.length > 0) {
      const node = queue.pop() as number;
      for (const next of adjacency[node] ?? []) {
        if (component[next] === -1) {
          component[next] = label;
          queue.push(next);
        }
      }
    }
    label += 1;
  }
  return component;
}

export function suppressSmallCells(table: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedTable {
  const grid = extendedGrid(table);
  const rowCount = grid.length;
  const columnCount = table.columns.length + 1;
  const isHidden = grid.map((row) => row.map((count) => count > 0 && count < threshold));
  const hiddenCells = (): Cell[] => isHidden.flatMap((row, i) => row.flatMap((hidden, j) => (hidden ? [[i, j] as const] : [])));

  for (;;) {
    const hidden = hiddenCells();
    const bridge = recoverableCells(hidden, rowCount, columnCount)[0];
    if (!bridge) break;
    const side = componentsWithout(hidden, bridge, rowCount, columnCount);
    const [a, b] = [side[bridge[0]], side[rowCount + bridge[1]]];
    const shown = grid.flatMap((row, i) => row.flatMap((count, j) => (isHidden[i]?.[j] ? [] : [{ i, j, count }])));
    // A cell joining the bridge's two sides closes a cycle through it; failing that, one beside it extends a side.
    const closing = shown.filter(({ i, j }) => (side[i] === a && side[rowCount + j] === b) || (side[i] === b && side[rowCount + j] === a));
    const beside = shown.filter(({ i, j }) => i === bridge[0] || j === bridge[1]);
    const candidates = closing.length > 0 ? closing : beside.length > 0 ? beside : shown;
    if (candidates.length === 0) break;
    const cheapest = candidates.reduce((best, candidate) => (candidate.count < best.count ? candidate : best));
    (isHidden[cheapest.i] as boolean[])[cheapest.j] = true;
  }

  const shownOrNull = (i: number, j: number) => (isHidden[i]?.[j] ? null : (grid[i]?.[j] as number));
  const bodyRows = table.rows.map((_row, i) => i);
  const bodyColumns = table.columns.map((_column, j) => j);
  return {
    rows: table.rows,
    columns: table.columns,
    cells: bodyRows.map((i) => bodyColumns.map((j) => shownOrNull(i, j))),
    rowTotals: bodyRows.map((i) => shownOrNull(i, table.columns.length)),
    columnTotals: bodyColumns.map((j) => shownOrNull(table.rows.length, j)),
    total: shownOrNull(table.rows.length, table.columns.length),
    threshold,
  };
}

/** The table as CSV: a suppressed count reads `suppressed`, never its value or a hint of it. */
export function suppressedTableCsv(table: SuppressedTable, corner = ''): string {
  const show = (count: number | null) => (count === null ? 'suppressed' : String(count));
  const lines = [
    [corner, ...table.columns, 'total'].map(csvCell).join(','),
    ...table.rows.map((row, i) => [csvCell(row), ...(table.cells[i] ?? []).map(show), show(table.rowTotals[i] ?? null)].join(',')),
    ['total', ...table.columnTotals.map(show), show(table.total)].join(','),
  ];
  return `${lines.join('\n')}\n`;
}
