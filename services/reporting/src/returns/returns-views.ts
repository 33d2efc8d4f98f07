import { monthSpanOf } from '@eutf/shared-kernel';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressSmallCells, type SuppressedTable } from './small-cell-suppression';

/** Where a figure does not say (a report naming no host country or origin). */
export const NOT_SPLIT = 'not split';

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

function tableOf(entries: readonly Entry[], threshold: number, order: { rows?: readonly string[]; columns?: readonly string[] } = {}): SuppressedTable {
  const rows = order.rows ?? [...new Set(entries.map((entry) => entry.row))].sort();
  const columns = order.columns ?? [...new Set(entries.map((entry) => entry.column))].sort();
  const cells = rows.map((row) => columns.map((column) => entries.filter((entry) => entry.row === row && entry.column === column).reduce((sum, entry) => sum + entry.count, 0)));
  return suppressSmallCells({ rows, columns, cells }, threshold);
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
 * Returns by country of origin and host country, and by month and host country: arrived
 * operations by their month of departure, and period reports whose period lies in the window.
 * Each table is suppressed on its own; a partner's figures for a period are also listed with
 * their sources, each shown only where it gives nothing of the table away (`figuresSafeIn`).
 */
export function returnsViews(docs: readonly ProjectReturnsDoc[], window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  const byRoute: Entry[] = [];
  const byMonth: Entry[] = [];
  const figures: SourcedFigure[] = [];
  for (const doc of docs) {
    for (const operation of doc.operations) {
      if (operation.status !== 'arrived' || !inWindow({ from: operation.month, to: operation.month }, window)) continue;
      byRoute.push({ row: operation.countryOfOrigin, column: operation.hostCountry, count: operation.arrived ?? 0 });
      byMonth.push({ row: operation.month, column: operation.hostCountry, count: operation.arrived ?? 0 });
    }
    for (const report of doc.periodReports) {
      if (!inWindow(monthSpanOf(report.period), window)) continue;
      byRoute.push({ row: report.countryOfOrigin ?? NOT_SPLIT, column: report.hostCountry ?? NOT_SPLIT, count: report.count, figure: figures.length });
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `returned from ${report.hostCountry ?? 'every host country'} to ${report.countryOfOrigin ?? 'every country of origin'}`, period: report.period, count: report.count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  const byOriginAndHost = tableOf(byRoute, threshold);
  return {
    byOriginAndHost,
    byMonthAndHost: tableOf(byMonth, threshold),
    figures: shownIf(figures, figuresSafeIn(byOriginAndHost, byRoute, figures.length, threshold)),
  };
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
    const eachTable = tableOf(read.entries, threshold, { columns: STAGES });
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
