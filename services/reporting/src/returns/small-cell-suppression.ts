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
 * Two tables of the same people by the same columns, shown in one answer, share their column
 * totals and total, so they are suppressed together (`suppressJointly`): one graph for both, and
 * an exact check of what else a reader knows of how their rows meet (`CountedInBoth`). The returns
 * views no longer suppress answers: they suppress one canonical table per document, with the sums
 * answers can ask guarded (`guardedSums`), and derive every answer from it (`canonical-tables.ts`).
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

/** A number a table shows, as the edge between the two sums it takes part in (nodes): see `suppressSmallCells` and `suppressJointly`. */
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

/** Every node's in = out: the sums a table shows. */
function nodeEquations(edges: readonly Edge[], nodeCount: number): Equation[] {
  const equations: Array<Array<[number, number]>> = Array.from({ length: nodeCount }, () => []);
  edges.forEach(({ from, to }, k) => {
    equations[from]?.push([k, -1]);
    equations[to]?.push([k, 1]);
  });
  return equations.filter((terms) => terms.length > 0);
}

/**
 * Which of some sums of numbers (`[edge, coefficient]` terms) follow exactly from the equations and
 * the shown numbers: Gaussian elimination over the hidden numbers only (a shown number is a known
 * constant), to reduced echelon form; a sum follows when what is left of it over the hidden numbers
 * lies in the equations' span, and a single hidden number when its pivot row holds it alone.
 */
function followingSums(equations: readonly Equation[], isHidden: readonly boolean[], sums: readonly Equation[]): boolean[] {
  const hidden = isHidden.flatMap((hide, k) => (hide ? [k] : []));
  const column = new Map(hidden.map((edge, c) => [edge, c]));
  const vector = (terms: Equation) => {
    const row = new Float64Array(hidden.length);
    for (const [edge, coefficient] of terms) {
      const c = column.get(edge);
      if (c !== undefined) row[c] = (row[c] as number) + coefficient;
    }
    return row;
  };
  const pivots: Array<{ column: number; row: Float64Array }> = [];
  const subtract = (row: Float64Array, factor: number, pivot: Float64Array) => {
    for (let m = 0; m < row.length; m += 1) row[m] = (row[m] as number) - factor * (pivot[m] as number);
  };
  const reduce = (row: Float64Array) => {
    for (const pivot of pivots) {
      const factor = row[pivot.column] as number;
      if (Math.abs(factor) > 1e-9) subtract(row, factor, pivot.row);
    }
    return row;
  };
  for (const equation of equations) {
    const row = reduce(vector(equation));
    const c = row.findIndex((value) => Math.abs(value) > 1e-9);
    if (c === -1) continue;
    const scale = row[c] as number;
    for (let m = 0; m < row.length; m += 1) row[m] = (row[m] as number) / scale;
    for (const other of pivots) {
      const factor = other.row[c] as number;
      if (Math.abs(factor) > 1e-9) subtract(other.row, factor, row);
    }
    pivots.push({ column: c, row });
  }
  const alone = new Set(pivots.filter(({ column: c, row }) => row.every((value, m) => m === c || Math.abs(value) < 1e-9)).map(({ column: c }) => c));
  return sums.map((terms) => {
    const only = terms.length === 1 ? column.get((terms[0] as readonly [number, number])[0]) : undefined;
    return only !== undefined ? alone.has(only) : reduce(vector(terms)).every((value) => Math.abs(value) < 1e-9);
  });
}

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
 * bridges of the graph first (fast, and exact when the node sums are all the equations); then each
 * guarded sum that follows, as a cut (`cutOf`), is stopped by hiding the cheapest shown number
 * between its sides; where there are further equations (`extra`), an exact check by elimination:
 * each hidden number and each guarded sum that follows is protected by hiding the cheapest number
 * above zero among those sharing an equation with it (or its protectors). After each round the
 * graph is made bridgeless again.
 */
function hiddenNumbers(edges: readonly Edge[], nodeCount: number, threshold: number, extra: readonly Equation[] = [], guarded: readonly Guarded[] = []): boolean[] {
  const isHidden = edges.map(({ count }) => isSmall(count, threshold));
  const equations = [...nodeEquations(edges, nodeCount), ...extra];
  const shownAboveZero = (candidates: Iterable<number>) => [...new Set(candidates)].filter((k) => !isHidden[k] && (edges[k] as Edge).count > 0);
  for (;;) {
    hideUntilNoBridge(edges, nodeCount, isHidden);
    if (extra.length === 0 && guarded.length === 0) return isHidden;
    if (extra.length === 0) {
      // The node sums alone: a bridgeless graph hides every single number, and each guarded sum is checked as a cut, stopped at once where it follows.
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
      continue;
    }
    const hidden = isHidden.flatMap((hide, k) => (hide ? [k] : []));
    const checks: Guarded[] = [
      ...hidden.map((edge) => ({ sum: [[edge, 1]] as Equation, protectors: equations.filter((terms) => terms.some(([other]) => other === edge)).flatMap((terms) => terms.map(([other]) => other)) })),
      ...guarded,
    ];
    const follows = followingSums(equations, isHidden, checks.map(({ sum }) => sum));
    const exposed = checks.find((_check, n) => follows[n]);
    if (!exposed) return isHidden;
    const candidates = shownAboveZero(exposed.protectors);
    const fallback = candidates.length > 0 ? candidates : shownAboveZero(edges.keys());
    if (fallback.length === 0) return isHidden;
    isHidden[cheapestOf(fallback, edges)] = true;
  }
}

const rowTotalsOf = (table: CountTable) => table.cells.map((row) => row.reduce((sum, count) => sum + count, 0));
const columnTotalsOf = (table: CountTable) => table.columns.map((_column, j) => table.cells.reduce((sum, row) => sum + (row[j] ?? 0), 0));

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
  const isHidden = hiddenNumbers(edges, rowCount + columnCount, threshold, [], guarded);
  return shownTable(table, threshold, { cell: at, rowTotal: (i) => at(i, totalsColumn), columnTotal: (j) => at(totalsRow, j), total: at(totalsRow, totalsColumn) }, edges, isHidden);
}

/**
 * The people both tables count, by the first table's row, the second table's row and the column:
 * counts neither table shows. Only the cells listed can hold anyone (a period report's returns are
 * in no month; an operation always names its origin and host), which the reader may know; so the
 * two tables give more away together than their shared totals: a column's cells fall into groups
 * that add up alike in both tables, and a listed cell may follow from them, and with it what is left
 * of either table's cell without it. Where small, neither may.
 */
export interface CountedInBoth {
  firstRow: number;
  secondRow: number;
  column: number;
  count: number;
  /** Shown elsewhere (a figure listed beside the tables): a known constant, which connects nothing. */
  known?: boolean;
}

/**
 * In each column, the listed cells between the rows of both tables with a count above zero there:
 * the groups they connect, which add up alike in both tables (when there is more than one), and each
 * listed cell that is a bridge, whose count is the sum of one side's cells in the first table less
 * the other table's: a sum that must not follow from what is shown where it is small, nor, where
 * they are, what is left of its two tables' cells without it.
 */
function countedInBothConstraints(first: CountTable, second: CountTable, threshold: number, inBoth: readonly CountedInBoth[], firstCell: (i: number, j: number) => number, secondCell: (k: number, j: number) => number) {
  const extra: Equation[] = [];
  const guarded: Guarded[] = [];
  first.columns.forEach((_column, j) => {
    const firstRows = first.rows.flatMap((_row, i) => ((first.cells[i]?.[j] ?? 0) > 0 ? [i] : []));
    const secondRows = second.rows.flatMap((_row, k) => ((second.cells[k]?.[j] ?? 0) > 0 ? [k] : []));
    // Nodes: the first table's rows with a count in this column, then the second's.
    const firstNode = new Map(firstRows.map((i, n) => [i, n]));
    const secondNode = new Map(secondRows.map((k, n) => [k, firstRows.length + n]));
    const nodeCount = firstRows.length + secondRows.length;
    const cells = inBoth.filter((cell) => cell.column === j && cell.known !== true && firstNode.has(cell.firstRow) && secondNode.has(cell.secondRow));
    const links = cells.map(({ firstRow, secondRow }) => [firstNode.get(firstRow) as number, secondNode.get(secondRow) as number] as const);
    const termOf = (node: number): [number, number] => (node < firstRows.length ? [firstCell(firstRows[node] as number, j), 1] : [secondCell(secondRows[node - firstRows.length] as number, j), -1]);
    const groups = componentsOf(links, nodeCount, -1);
    if (new Set(groups).size > 1) {
      for (const group of new Set(groups)) extra.push(groups.flatMap((label, node) => (label === group ? [termOf(node)] : [])));
    }
    for (const bridge of bridgesOf(links, nodeCount)) {
      const cell = cells[bridge] as CountedInBoth;
      const side = componentsOf(links, nodeCount, bridge);
      const [a, b] = links[bridge] as readonly [number, number];
      const both = side.flatMap((label, node) => (label === side[a] ? [termOf(node)] : []));
      const firstCount = first.cells[cell.firstRow]?.[j] ?? 0;
      const secondCount = second.cells[cell.secondRow]?.[j] ?? 0;
      const [firstRest, secondRest] = [termOf(a), termOf(b)];
      // The count in both, and what is left of either table's cell without it (its sign flipped to match).
      const sums: Array<[count: number, sum: Equation]> = [
        [cell.count, both],
        [firstCount - cell.count, [[firstRest[0], 1], ...both.map(([edge, coefficient]): [number, number] => [edge, -coefficient])]],
        [secondCount - cell.count, [[secondRest[0], 1], ...both.map(([edge, coefficient]): [number, number] => [edge, -coefficient])]],
      ];
      for (const [count, sum] of sums) if (isSmall(count, threshold)) guarded.push({ sum, protectors: sum.map(([edge]) => edge) });
    }
  });
  return { extra, guarded };
}

/** Connected components of a graph given by its edges, leaving one edge out (`without`, −1 for none): a label per node. */
function componentsOf(links: ReadonlyArray<readonly [number, number]>, nodeCount: number, without: number): number[] {
  const parent = Array.from({ length: nodeCount }, (_node, n) => n);
  const root = (n: number): number => (parent[n] === n ? n : (parent[n] = root(parent[n] as number)));
  links.forEach(([a, b], k) => {
    if (k !== without) parent[root(a)] = root(b);
  });
  return parent.map((_node, n) => root(n));
}

/**
 * Two tables of the same people by the same columns (returns by origin and host, and by month and
 * host), suppressed together: they share their column totals and their total, which each shows, so
 * each table's sums are equations about the other's cells. Together they are a flow, in through the
 * first table's rows, across its cells to its columns, through the column totals (one number, shown
 * or hidden in both tables alike), across the second table's cells to its rows, out through its row
 * totals and back through the total. Every sum either table shows is one node's in = out, so the rule
 * of one table holds for both: no hidden number may be a bridge, and complements are added, in
 * either table, until none is. Where not everybody of a first-table row can be in every
 * second-table row (`inBoth`), the groups that add up alike and the cells counted in both are then
 * checked exactly, and complemented until nothing hidden follows from them either. The tables must
 * have the same columns and column totals.
 */
export function suppressJointly(first: CountTable, second: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD, inBoth?: readonly CountedInBoth[]): [SuppressedTable, SuppressedTable] {
  const columnTotals = columnTotalsOf(first);
  if (first.columns.join('\u0000') !== second.columns.join('\u0000') || columnTotalsOf(second).some((count, j) => count !== columnTotals[j])) {
    throw new Error('Tables suppressed jointly must count the same people by the same columns');
  }
  // Nodes: 0 where the flow enters (the first table's totals column), 1 where it leaves (the second's); then rows and column halves.
  const columnCount = first.columns.length;
  const firstRow = (i: number) => 2 + i;
  const columnIn = (j: number) => 2 + first.rows.length + j;
  const columnOut = (j: number) => 2 + first.rows.length + columnCount + j;
  const secondRow = (k: number) => 2 + first.rows.length + 2 * columnCount + k;
  const nodeCount = 2 + first.rows.length + 2 * columnCount + second.rows.length;
  const edges: Edge[] = [];
  const add = (from: number, to: number, count: number) => edges.push({ from, to, count }) - 1;
  const total = add(1, 0, columnTotals.reduce((sum, count) => sum + count, 0));
  const columnTotal = columnTotals.map((count, j) => add(columnIn(j), columnOut(j), count));
  const firstRowTotals = rowTotalsOf(first).map((count, i) => add(0, firstRow(i), count));
  const firstCells = first.cells.map((row, i) => row.map((count, j) => add(firstRow(i), columnIn(j), count)));
  const secondRowTotals = rowTotalsOf(second).map((count, k) => add(secondRow(k), 1, count));
  const secondCells = second.cells.map((row, k) => row.map((count, j) => add(columnOut(j), secondRow(k), count)));
  const firstCell = (i: number, j: number) => firstCells[i]?.[j] as number;
  const secondCell = (k: number, j: number) => secondCells[k]?.[j] as number;
  const { extra, guarded } = inBoth === undefined ? { extra: [], guarded: [] } : countedInBothConstraints(first, second, threshold, inBoth, firstCell, secondCell);
  const isHidden = hiddenNumbers(edges, nodeCount, threshold, extra, guarded);
  const shared = { columnTotal: (j: number) => columnTotal[j] as number, total };
  return [
    shownTable(first, threshold, { ...shared, cell: firstCell, rowTotal: (i) => firstRowTotals[i] as number }, edges, isHidden),
    shownTable(second, threshold, { ...shared, cell: secondCell, rowTotal: (k) => secondRowTotals[k] as number }, edges, isHidden),
  ];
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
