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

interface Entry {
  row: string;
  column: string;
  count: number;
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

const sourced = (figure: SourcedFigure, threshold: number): SourcedFigure => ({ ...figure, count: figure.count !== null && figure.count > 0 && figure.count < threshold ? null : figure.count });

/**
 * Returns by country of origin and host country, and by month and host country: arrived
 * operations by their month of departure, and period reports whose period lies in the window.
 * Each table is suppressed on its own; a partner's figures for a period are also listed with
 * their sources.
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
      byRoute.push({ row: report.countryOfOrigin ?? NOT_SPLIT, column: report.hostCountry ?? NOT_SPLIT, count: report.count });
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `returned from ${report.hostCountry ?? 'every host country'} to ${report.countryOfOrigin ?? 'every country of origin'}`, period: report.period, count: report.count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  return {
    byOriginAndHost: tableOf(byRoute, threshold),
    byMonthAndHost: tableOf(byMonth, threshold),
    figures: figures.map((figure) => sourced(figure, threshold)),
  };
}

export const REINTEGRATION_DIMENSIONS = ['country', 'region', 'sex', 'age-band'] as const;
export type ReintegrationDimension = (typeof REINTEGRATION_DIMENSIONS)[number];
const STAGES = ['started', 'completed', 'abandoned'] as const;

/**
 * Reintegration started, completed and abandoned, by country, region, sex or age band of the
 * returnees: cases by the month each reached its stage, and period reports (which give only the
 * country) in the window. By another dimension, a period report's count is "not split".
 */
export function reintegrationView(docs: readonly ReintegrationDoc[], dimension: ReintegrationDimension, window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
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
      entries.push({ row: dimension === 'country' ? report.countryOfReturn : NOT_SPLIT, column: report.stage, count: report.count });
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `reintegration ${report.stage} in ${report.countryOfReturn}`, period: report.period, count: report.count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  return { table: tableOf(entries, threshold, { columns: STAGES }), figures: figures.map((figure) => sourced(figure, threshold)) };
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
