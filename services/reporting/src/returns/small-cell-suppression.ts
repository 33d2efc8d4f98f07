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
 *
 * Answers are not suppressed one by one (two answers could then be subtracted): the returns views
 * suppress one canonical table per document, with the sums answers can ask guarded
 * (`guardedSums`), and derive every answer from it (`canonical-tables.ts`).
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

/** A number a table shows, as the edge between the two sums it takes part in (nodes): see `suppressSmallCells`. */
interface Edge {
  from: number;
  to: number;
  count: number;
}

/** Hidden edges that are bridges (by index in `hidden`): each could be computed back from the shown ones. */
function bridgesOf(hidden: ReadonlyArray<readonly [from: number, to: number]>, nodeCount: number): number[] {
  const adjacency: Array<Array<{ to: number; edge: number }>> = Array.from({ length: nodeCount }, () => []);
  hidden.forEach(([from, to], edge) => {
    adjacency[from]?.push({ to, edge });
    adjacency[to]?.push({ to: from, edge });
  });
  // Tarjan's bridges, iteratively: an edge is a bridge when nothing below it reaches above it.
  const order = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const bridges: number[] = [];
  let counter = 0;
  for (let start = 0; start < nodeCount; start += 1) {
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
          if ((low[frame.node] as number) > (order[parent.node] as number)) bridges.push(frame.viaEdge);
        }
      }
    }
  }
  return bridges;
}

/** Hidden cells of one table that are bridges: each could be computed back from the shown ones. Rows are nodes 0…R−1, columns R…R+C−1. */
export function recoverableCells(hidden: readonly Cell[], rowCount: number, columnCount: number): Cell[] {
  return bridgesOf(hidden.map(([row, column]) => [row, rowCount + column] as const), rowCount + columnCount).map((edge) => hidden[edge] as Cell);
}

/** Which side of a bridge each node is on, once the bridge is taken away. */
function componentsWithout(hidden: readonly Edge[], bridge: Edge, nodeCount: number): number[] {
  const component = new Array<number>(nodeCount).fill(-1);
  const adjacency: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const edge of hidden) {
    if (edge === bridge) continue;
    adjacency[edge.from]?.push(edge.to);
    adjacency[edge.to]?.push(edge.from);
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

/**
 * Which numbers to hide: every small one, then, while a hidden number is a bridge, the cheapest shown
 * number that closes a cycle through it (failing that, one beside it). A hidden number that is not
 * a bridge lies on a cycle of hidden numbers, along which the attacker can add one and take one
 * away and still meet every sum. Complements are counts above zero only: a hidden zero cannot be
 * taken one from, so a cycle through it would pin its neighbours; and the counts above zero always
 * suffice, since the numbers of a table with its totals are a flow in which every count above zero
 * lies on a cycle of counts above zero.
 */
function hideUntilNoBridge(edges: readonly Edge[], nodeCount: number, isHidden: boolean[]): void {
  // The numbers at each node, to look for complements among those of one side of a bridge rather than among all.
  const incident: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach(({ from, to }, k) => {
    incident[from]?.push(k);
    incident[to]?.push(k);
  });
  const shownAboveZero = (k: number) => !isHidden[k] && (edges[k] as Edge).count > 0;
  for (;;) {
    const hidden = edges.filter((_edge, k) => isHidden[k]);
    const bridge = hidden[bridgesOf(hidden.map(({ from, to }) => [from, to] as const), nodeCount)[0] ?? -1];
    if (!bridge) return;
    const side = componentsWithout(hidden, bridge, nodeCount);
    const [a, b] = [side[bridge.from], side[bridge.to]];
    const sideA = side.flatMap((label, node) => (label === a ? [node] : []));
    const sideB = side.flatMap((label, node) => (label === b ? [node] : []));
    // A number joining the two sides is at a node of each: those of the smaller side are enough.
    const closing = [...new Set((sideA.length <= sideB.length ? sideA : sideB).flatMap((node) => incident[node] ?? []))].filter((k) => {
      const { from, to } = edges[k] as Edge;
      return shownAboveZero(k) && ((side[from] === a && side[to] === b) || (side[from] === b && side[to] === a));
    });
    const beside = [...new Set([...(incident[bridge.from] ?? []), ...(incident[bridge.to] ?? [])])].filter(shownAboveZero);
    const candidates = closing.length > 0 ? closing : beside.length > 0 ? beside : edges.flatMap((_edge, k) => (shownAboveZero(k) ? [k] : []));
    if (candidates.length === 0) return;
    // In the order of the numbers, so that of equally cheap ones the first is taken.
    isHidden[cheapestOf(candidates.sort((x, y) => x - y), edges)] = true;
  }
}

const cheapestOf = (candidates: readonly number[], edges: readonly Edge[]) => candidates.reduce((best, k) => ((edges[k] as Edge).count < (edges[best] as Edge).count ? k : best));
const isSmall = (count: number, threshold: number) => count > 0 && count < threshold;

/** A linear equation between a table's numbers: `[edge, coefficient]` terms summing to zero. */
type Equation = ReadonlyArray<readonly [edge: number, coefficient: number]>;

/**
 * Whether a sum of numbers (each counted once) follows from the node sums alone, and if it does, the
 * shown numbers that would stop it. Over the hidden numbers the node sums span the signed cuts of
 * the graph: a sum follows when some potential on the nodes rises by exactly one along each of its
 * hidden numbers and stays level along every other hidden number. So the other hidden numbers join
 * nodes into groups that must share a potential, and the sum follows when each of its numbers can
 * rise from one group to another consistently; hiding a shown number between the two groups of one
 * of its numbers forces them level, and the sum no longer follows.
 */
function cutOf(edges: readonly Edge[], nodeCount: number, isHidden: readonly boolean[], hidden: readonly number[], sum: readonly number[], withStoppers = true): { follows: boolean; stoppedBy: number[] } {
  const inSum = new Set(sum);
  const parent = Array.from({ length: nodeCount }, (_node, n) => n);
  const root = (n: number): number => {
    while (parent[n] !== n) n = parent[n] = parent[parent[n] as number] as number;
    return n;
  };
  for (const k of hidden) if (!inSum.has(k)) parent[root((edges[k] as Edge).from)] = root((edges[k] as Edge).to);
  const rising = sum.filter((k) => isHidden[k]).map((k) => [root((edges[k] as Edge).from), root((edges[k] as Edge).to)] as const);
  const adjacency = new Map<number, Array<{ to: number; rise: number }>>();
  const link = (from: number, to: number, rise: number) => adjacency.set(from, [...(adjacency.get(from) ?? []), { to, rise }]);
  for (const [from, to] of rising) {
    link(from, to, 1);
    link(to, from, -1);
  }
  const potential = new Map<number, number>();
  let follows = true;
  for (const start of adjacency.keys()) {
    if (potential.has(start)) continue;
    potential.set(start, 0);
    const queue = [start];
    while (queue.length > 0 && follows) {
      const node = queue.pop() as number;
      for (const { to, rise } of adjacency.get(node) ?? []) {
        const expected = (potential.get(node) as number) + rise;
        if (!potential.has(to)) {
          potential.set(to, expected);
          queue.push(to);
        } else if (potential.get(to) !== expected) follows = false;
      }
    }
  }
  if (!follows || !withStoppers) return { follows, stoppedBy: [] };
  const sides = new Set(rising.map(([from, to]) => `${from},${to}`));
  const stoppedBy = edges.flatMap((edge, k) => {
    const [a, b] = [root(edge.from), root(edge.to)];
    return !isHidden[k] && edge.count > 0 && (sides.has(`${a},${b}`) || sides.has(`${b},${a}`)) ? [k] : [];
  });
  return { follows, stoppedBy };
}

/** A sum of numbers that must not follow from what is shown, and the numbers whose hiding would protect it. */
interface Guarded {
  sum: Equation;
  protectors: readonly number[];
}

/**
 * Hides every small number, then complements until nothing hidden follows from what is shown:
 * bridges of the graph first (exact when the node sums are all the equations: a bridgeless graph
 * hides every single number); then each guarded sum that follows, as a cut (`cutOf`), is stopped
 * by hiding the cheapest shown number between its sides, and the graph is made bridgeless again.
 */
function hiddenNumbers(edges: readonly Edge[], nodeCount: number, threshold: number, guarded: readonly Guarded[] = []): boolean[] {
  const isHidden = edges.map(({ count }) => isSmall(count, threshold));
  const shownAboveZero = (candidates: Iterable<number>) => [...new Set(candidates)].filter((k) => !isHidden[k] && (edges[k] as Edge).count > 0);
  for (;;) {
    hideUntilNoBridge(edges, nodeCount, isHidden);
    if (guarded.length === 0) return isHidden;
    const hidden = isHidden.flatMap((hide, k) => (hide ? [k] : []));
    let hidMore = false;
    for (const check of guarded) {
      const { follows, stoppedBy } = cutOf(edges, nodeCount, isHidden, hidden, check.sum.map(([edge]) => edge));
      if (!follows) continue;
      const protectors = shownAboveZero(check.protectors);
      const candidates = stoppedBy.length > 0 ? stoppedBy : protectors.length > 0 ? protectors : shownAboveZero(edges.keys());
      if (candidates.length === 0) return isHidden;
      const protector = cheapestOf(candidates, edges);
      isHidden[protector] = true;
      hidden.push(protector);
      hidMore = true;
    }
    if (!hidMore) return isHidden;
  }
}

/** A table as shown, from the edges of its cells, row totals, column totals and total and which of them are hidden. */
function shownTable(table: CountTable, threshold: number, edge: { cell: (i: number, j: number) => number; rowTotal: (i: number) => number; columnTotal: (j: number) => number; total: number }, edges: readonly Edge[], isHidden: readonly boolean[]): SuppressedTable {
  const show = (k: number) => (isHidden[k] ? null : (edges[k] as Edge).count);
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.rows.map((_row, i) => table.columns.map((_column, j) => show(edge.cell(i, j)))),
    rowTotals: table.rows.map((_row, i) => show(edge.rowTotal(i))),
    columnTotals: table.columns.map((_column, j) => show(edge.columnTotal(j))),
    total: show(edge.total),
    threshold,
  };
}

/**
 * One table as a graph: a node per row and column of the grid with its totals (the totals row and
 * the totals column last), an edge per number joining its row and column. `guardedSums` are sums of
 * cells that must not follow from what is shown either (each a list of cells): a reader who may ask
 * for sums of several cells (rows of one country, columns of a window) must not compute a small one
 * back; they are checked exactly and complemented like a hidden cell.
 */
export function suppressSmallCells(table: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD, guardedSums: ReadonlyArray<readonly Cell[]> = []): SuppressedTable {
  const grid = extendedGrid(table);
  const rowCount = grid.length;
  const columnCount = table.columns.length + 1;
  const edges: Edge[] = grid.flatMap((row, i) => row.map((count, j) => ({ from: i, to: rowCount + j, count })));
  const at = (i: number, j: number) => i * columnCount + j;
  const [totalsRow, totalsColumn] = [table.rows.length, table.columns.length];
  // A guarded sum is protected by hiding a number of a row or column it adds cells of, totals included.
  const guarded = guardedSums.map((cells): Guarded => {
    const protectors = new Set<number>([at(totalsRow, totalsColumn)]);
    for (const i of new Set(cells.map(([row]) => row))) for (let j = 0; j < columnCount; j += 1) protectors.add(at(i, j));
    for (const j of new Set(cells.map(([, column]) => column))) for (let i = 0; i < rowCount; i += 1) protectors.add(at(i, j));
    return { sum: cells.map(([i, j]) => [at(i, j), 1] as const), protectors: [...protectors].sort((a, b) => a - b) };
  });
  const isHidden = hiddenNumbers(edges, rowCount + columnCount, threshold, guarded);
  return shownTable(table, threshold, { cell: at, rowTotal: (i) => at(i, totalsColumn), columnTotal: (j) => at(totalsRow, j), total: at(totalsRow, totalsColumn) }, edges, isHidden);
}

/**
 * Whether a sum of cells (each once) follows from what a suppressed table shows: its shown cells,
 * row totals, column totals and total. Exact, as a cut of the grid's hidden numbers (`cutOf`).
 */
export function sumFollowsFrom(shown: SuppressedTable): (cells: readonly Cell[]) => boolean {
  const grid = [...shown.cells.map((row, i) => [...row, shown.rowTotals[i] ?? null]), [...shown.columnTotals, shown.total]];
  const rowCount = grid.length;
  const columnCount = shown.columns.length + 1;
  const edges: Edge[] = grid.flatMap((row, i) => row.map((count, j) => ({ from: i, to: rowCount + j, count: count ?? 0 })));
  const isHidden = grid.flatMap((row) => row.map((count) => count === null));
  const hidden = isHidden.flatMap((hide, k) => (hide ? [k] : []));
  const known = new Map<string, boolean>();
  return (cells) => {
    const sum = [...new Set(cells.map(([i, j]) => i * columnCount + j))].filter((k) => isHidden[k]).sort((a, b) => a - b);
    if (sum.length === 0) return true;
    const key = sum.join(',');
    let follows = known.get(key);
    if (follows === undefined) known.set(key, (follows = cutOf(edges, rowCount + columnCount, isHidden, hidden, sum, false).follows));
    return follows;
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
