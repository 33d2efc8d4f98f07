import { monthSpanOf } from '@eutf/shared-kernel';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressJointly, suppressSmallCells, type CountedInBoth, type CountTable, type SuppressedTable } from './small-cell-suppression';

/** Where a figure does not say (a report naming no host country or origin). */
export const NOT_SPLIT = 'not split';

/**
 * The row of the table by month and host that holds what period reports count: a period report
 * has no month, but its people are in the host totals the table by origin and host shows, so
 * they are in this table's too, and both tables have the same host totals, suppressed together.
 */
export const PERIOD_NOT_BY_MONTH = 'period, not split by month';

/** Months `YYYY-MM`, both ends included; a figure counts in a window only if all its months lie inside. */
export interface MonthWindow {
  from: string;
  to: string;
}

const inWindow = (span: { from: string; to: string }, window: MonthWindow | undefined) => !window || (span.from >= window.from && span.to <= window.to);

/** One contribution to a table cell: an operation's or a case's count, or a period figure's (`figure` its index). */
interface Entry {
  row: string;
  column: string;
  count: number;
  figure?: number;
}

function countTableOf(entries: readonly Entry[], order: { rows?: readonly string[]; columns?: readonly string[] } = {}): CountTable {
  const rows = order.rows ?? [...new Set(entries.map((entry) => entry.row))].sort();
  const columns = order.columns ?? [...new Set(entries.map((entry) => entry.column))].sort();
  const cells = rows.map((row) => columns.map((column) => entries.filter((entry) => entry.row === row && entry.column === column).reduce((sum, entry) => sum + entry.count, 0)));
  return { rows, columns, cells };
}

/** A figure reported for a period, with its source: what a factsheet quotes. Its count is suppressed (null) when small. */
export interface SourcedFigure {
  projectId: string;
  partner: string;
  what: string;
  period: { from: string | null; to: string };
  count: number | null;
  valueQualifier: 'exact' | 'more-than' | 'around';
  source: { document: string; page: number | null } | null;
}

const isSmall = (count: number, threshold: number) => count > 0 && count < threshold;

/**
 * The figures whose count may be shown beside a table they are counted in. A figure splits its
 * cell into parts, so it is shown only where no part can single anybody out or give a hidden cell
 * away: its cell is shown, no figure in that cell is small, and what the rest of the cell counts
 * (operations or cases) is nothing or not small. Otherwise `3 = 103 − 100` would undo the table's
 * suppression. Returns, for each figure, whether that holds in this table.
 */
function figuresSafeIn(table: SuppressedTable, entries: readonly Entry[], figureCount: number, threshold: number): boolean[] {
  const safe = Array.from({ length: figureCount }, () => true);
  const byCell = new Map<string, Entry[]>();
  for (const entry of entries) byCell.set(`${entry.row}\u0000${entry.column}`, [...(byCell.get(`${entry.row}\u0000${entry.column}`) ?? []), entry]);
  for (const cellEntries of byCell.values()) {
    const figures = cellEntries.filter((entry) => entry.figure !== undefined);
    if (figures.length === 0) continue;
    const [first] = cellEntries as [Entry];
    const shown = table.cells[table.rows.indexOf(first.row)]?.[table.columns.indexOf(first.column)] !== null;
    const rest = cellEntries.filter((entry) => entry.figure === undefined).reduce((sum, entry) => sum + entry.count, 0);
    const splitSafely = shown && !isSmall(rest, threshold) && figures.every((entry) => !isSmall(entry.count, threshold));
    if (!splitSafely) for (const entry of figures) safe[entry.figure as number] = false;
  }
  return safe;
}

const shownIf = (figures: readonly SourcedFigure[], safe: readonly boolean[]): SourcedFigure[] => figures.map((figure, index) => (safe[index] ? figure : { ...figure, count: null }));

/**
 * Who both returns tables count, by origin, month (or the row not split by month) and host: an
 * operation's returns can be in any month of a route with an origin and host as far as a reader
 * knows, a period report's only in the row not split by month, and only on a route the figures
 * listed name; where those figures are all shown, the reader knows that count. (Several figures of
 * one route are shown or hidden together, so that their sum following from the tables gives none
 * of them away.)
 */
function countedInBoth(routes: CountTable, months: CountTable, byRoute: readonly Entry[], operations: ReadonlyMap<string, number>, shownFigures: readonly boolean[]): CountedInBoth[] {
  const cells: CountedInBoth[] = [];
  routes.columns.forEach((host, column) => {
    routes.rows.forEach((origin, firstRow) => {
      if ((routes.cells[firstRow]?.[column] ?? 0) === 0) return;
      months.rows.forEach((month, secondRow) => {
        if ((months.cells[secondRow]?.[column] ?? 0) === 0) return;
        if (month !== PERIOD_NOT_BY_MONTH) {
          if (origin !== NOT_SPLIT && host !== NOT_SPLIT) cells.push({ firstRow, secondRow, column, count: operations.get([origin, month, host].join('\u0000')) ?? 0 });
          return;
        }
        const figures = byRoute.filter((entry) => entry.figure !== undefined && entry.row === origin && entry.column === host);
        if (figures.length === 0) return;
        const count = figures.reduce((sum, entry) => sum + entry.count, 0);
        cells.push({ firstRow, secondRow, column, count, known: figures.every((entry) => shownFigures[entry.figure as number] === true) });
      });
    });
  });
  return cells;
}

/**
 * Returns by country of origin and host country, and by month and host country: arrived
 * operations by their month of departure, and period reports whose period lies in the window
 * (by month, in the row `PERIOD_NOT_BY_MONTH`). Both tables count the same people by the same
 * host countries, so they are suppressed together (`suppressJointly`): a host total or the total
 * is hidden in both or shown in both, and nothing hidden in one follows from the other. A
 * partner's figures for a period are also listed with their sources, each shown only where it
 * gives nothing of either table away (`figuresSafeIn`).
 */
export function returnsViews(docs: readonly ProjectReturnsDoc[], window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  const byRoute: Entry[] = [];
  const byMonth: Entry[] = [];
  const operationsByRouteAndMonth = new Map<string, number>();
  const figures: SourcedFigure[] = [];
  for (const doc of docs) {
    for (const operation of doc.operations) {
      if (operation.status !== 'arrived' || !inWindow({ from: operation.month, to: operation.month }, window)) continue;
      byRoute.push({ row: operation.countryOfOrigin, column: operation.hostCountry, count: operation.arrived ?? 0 });
      byMonth.push({ row: operation.month, column: operation.hostCountry, count: operation.arrived ?? 0 });
      const at = [operation.countryOfOrigin, operation.month, operation.hostCountry].join('\u0000');
      operationsByRouteAndMonth.set(at, (operationsByRouteAndMonth.get(at) ?? 0) + (operation.arrived ?? 0));
    }
    for (const report of doc.periodReports) {
      if (!inWindow(monthSpanOf(report.period), window)) continue;
      byRoute.push({ row: report.countryOfOrigin ?? NOT_SPLIT, column: report.hostCountry ?? NOT_SPLIT, count: report.count, figure: figures.length });
      byMonth.push({ row: PERIOD_NOT_BY_MONTH, column: report.hostCountry ?? NOT_SPLIT, count: report.count, figure: figures.length });
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `returned from ${report.hostCountry ?? 'every host country'} to ${report.countryOfOrigin ?? 'every country of origin'}`, period: report.period, count: report.count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  const hosts = [...new Set(byRoute.map((entry) => entry.column))].sort();
  const months = [...new Set(byMonth.map((entry) => entry.row).filter((row) => row !== PERIOD_NOT_BY_MONTH))].sort();
  const monthRows = figures.length > 0 ? [...months, PERIOD_NOT_BY_MONTH] : months;
  const routes = countTableOf(byRoute, { columns: hosts });
  const monthsTable = countTableOf(byMonth, { rows: monthRows, columns: hosts });
  const suppress = (shownFigures: readonly boolean[]) => suppressJointly(routes, monthsTable, threshold, countedInBoth(routes, monthsTable, byRoute, operationsByRouteAndMonth, shownFigures));
  const safeBeside = ([byOriginAndHost, byMonthAndHost]: readonly [SuppressedTable, SuppressedTable]) => {
    const inMonths = figuresSafeIn(byMonthAndHost, byMonth, figures.length, threshold);
    return figuresSafeIn(byOriginAndHost, byRoute, figures.length, threshold).map((safe, k) => safe && (inMonths[k] as boolean));
  };
  // The figures shown tell what a route holds apart from its operations, which the tables alone do not:
  // suppress again knowing them, and show only figures still safe, so that the reader knows no more than assumed.
  const alone = suppress([]);
  const safeAlone = safeBeside(alone);
  const tables = safeAlone.some(Boolean) ? suppress(safeAlone) : alone;
  const [byOriginAndHost, byMonthAndHost] = tables;
  return { byOriginAndHost, byMonthAndHost, figures: shownIf(figures, safeBeside(tables).map((safe, k) => safe && (safeAlone[k] as boolean))) };
}

export const REINTEGRATION_DIMENSIONS = ['country', 'region', 'sex', 'age-band'] as const;
export type ReintegrationDimension = (typeof REINTEGRATION_DIMENSIONS)[number];
const STAGES = ['started', 'completed', 'abandoned'] as const;

/** The row of a case, or of a period report (which gives only the country), by a dimension. */
function reintegrationEntries(docs: readonly ReintegrationDoc[], dimension: ReintegrationDimension, window: MonthWindow | undefined) {
  const entries: Entry[] = [];
  const figures: SourcedFigure[] = [];
  for (const doc of docs) {
    for (const view of doc.cases) {
      const row = dimension === 'country' ? view.countryOfReturn : dimension === 'region' ? (view.regionOfReturn ?? NOT_SPLIT) : dimension === 'sex' ? view.sex : view.ageBand;
      const months = { started: view.startedMonth, completed: view.completedMonth, abandoned: view.abandonedMonth };
      for (const stage of STAGES) {
        const month = months[stage];
        if (month !== null && inWindow({ from: month, to: month }, window)) entries.push({ row, column: stage, count: 1 });
      }
    }
    for (const report of doc.periodReports) {
      if (!inWindow(monthSpanOf(report.period), window)) continue;
      entries.push({ row: dimension === 'country' ? report.countryOfReturn : NOT_SPLIT, column: report.stage, count: report.count, figure: figures.length });
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `reintegration ${report.stage} in ${report.countryOfReturn}`, period: report.period, count: report.count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  return { entries, figures };
}

/**
 * Reintegration started, completed and abandoned, by country, region, sex or age band of the
 * returnees: cases by the month each reached its stage, and period reports (which give only the
 * country) in the window. By another dimension, a period report's count is "not split". A figure
 * is shown only where it gives nothing away in the table of any dimension, so that what one
 * dimension's figures show is what every other's show.
 */
export function reintegrationView(docs: readonly ReintegrationDoc[], dimension: ReintegrationDimension, window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  let table: SuppressedTable | undefined;
  let figures: SourcedFigure[] = [];
  const safe: boolean[] = [];
  for (const each of REINTEGRATION_DIMENSIONS) {
    const read = reintegrationEntries(docs, each, window);
    const eachTable = suppressSmallCells(countTableOf(read.entries, { columns: STAGES }), threshold);
    figuresSafeIn(eachTable, read.entries, read.figures.length, threshold).forEach((isSafe, index) => (safe[index] = (safe[index] ?? true) && isSafe));
    if (each === dimension) {
      table = eachTable;
      figures = read.figures;
    }
  }
  return { table: table as SuppressedTable, figures: shownIf(figures, safe) };
}

/** What the project register shows of a project's returns and reintegration: every table suppressed, and the period figures with their sources. */
export interface RegisterReturns {
  byOriginAndHost: SuppressedTable;
  byMonthAndHost: SuppressedTable;
  reintegrationByCountry: SuppressedTable;
  figures: SourcedFigure[];
}

/**
 * A project's returns and reintegration for its register entry, from the documents of its
 * partners that the reader may count (`partner`: only its own organisation's, for a partner).
 */
export function registerReturnsOf(
  projectId: string,
  reported: { returns: readonly ProjectReturnsDoc[]; reintegration: readonly ReintegrationDoc[] },
  partner: string | undefined,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): RegisterReturns {
  const counted = <Doc extends { projectId: string; partner: string }>(docs: readonly Doc[]) => docs.filter((doc) => doc.projectId === projectId && (partner === undefined || doc.partner === partner));
  const returns = returnsViews(counted(reported.returns), undefined, threshold);
  const reintegration = reintegrationView(counted(reported.reintegration), 'country', undefined, threshold);
  return { byOriginAndHost: returns.byOriginAndHost, byMonthAndHost: returns.byMonthAndHost, reintegrationByCountry: reintegration.table, figures: [...returns.figures, ...reintegration.figures] };
}
