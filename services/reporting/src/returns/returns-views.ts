import { monthSpanOf } from '@eutf/shared-kernel';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { AnswerTally, canonicalTableOf, type AnswerShapes, type CanonicalEntry, type CanonicalTable } from './canonical-tables';
import { DEFAULT_SUPPRESSION_THRESHOLD, type SuppressedTable } from './small-cell-suppression';

/** Where a figure does not say (a report naming no host country or origin). */
export const NOT_SPLIT = 'not split';

/**
 * The row of the table by month and host that holds what period reports count: a period report
 * has no month, but its people are in the host totals the table by origin and host shows, so
 * they are in this table's too, and both tables have the same host totals and total.
 */
export const PERIOD_NOT_BY_MONTH = 'period, not split by month';

/** Months `YYYY-MM`, both ends included; a figure counts in a window only if all its months lie inside. */
export interface MonthWindow {
  from: string;
  to: string;
}

const inWindow = (span: { from: string; to: string }, window: MonthWindow | undefined) => !window || (span.from >= window.from && span.to <= window.to);

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

/** Keys of canonical rows and columns: their parts joined by a character no code holds. */
const SEPARATOR = '\u0000';
const PERIOD_COLUMN = 'period';

/** The column of what a period report counts: its months, as precise as known, apart from any single month's. */
const periodColumn = (period: { from: string | null; to: string }, stage?: string) => {
  const span = monthSpanOf(period);
  return [...(stage === undefined ? [] : [stage]), PERIOD_COLUMN, span.from, span.to].join(SEPARATOR);
};

/** The months a canonical column counts (its month, or its period's months) and whether it is a period report's. */
function columnSpan(column: string): { from: string; to: string; period: boolean } {
  const parts = column.split(SEPARATOR);
  const at = parts.indexOf(PERIOD_COLUMN);
  if (at !== -1) return { from: parts[at + 1] as string, to: parts[at + 2] as string, period: true };
  const month = parts[parts.length - 1] as string;
  return { from: month, to: month, period: false };
}

/**
 * The canonical table of a partner's returns on a project: a row per route (country of origin and
 * host country, "not split" where a report names none), a column per month of departure of its
 * arrived operations and one per period a report covers. Every returns figure of every answer is a
 * sum over it: a route's cell or total in a window adds up the route's rows over the columns inside
 * the window, a month's cell one column, the row not split by month the period columns.
 */
export function returnsCanonicalTable(doc: ProjectReturnsDoc, threshold = DEFAULT_SUPPRESSION_THRESHOLD): CanonicalTable {
  const entries: CanonicalEntry[] = [];
  for (const operation of doc.operations) {
    if (operation.status === 'arrived') entries.push({ row: [operation.countryOfOrigin, operation.hostCountry].join(SEPARATOR), column: operation.month, count: operation.arrived ?? 0 });
  }
  for (const report of doc.periodReports) entries.push({ row: returnsRowOf(report), column: periodColumn(report.period), count: report.count });
  return canonicalTableOf(entries, RETURNS_SHAPES, threshold);
}

/** How the returns answers add canonical cells up: by route, origin, host or all, over every column, the months or the periods of a window. */
const RETURNS_SHAPES: AnswerShapes = {
  kind: 'returns',
  rowGroupsOf: (row) => {
    const [origin, host] = row.split(SEPARATOR) as [string, string];
    return [`route${SEPARATOR}${row}`, `origin${SEPARATOR}${origin}`, `host${SEPARATOR}${host}`, 'all'];
  },
  columnFamiliesOf: (column) => ['all', columnSpan(column).period ? 'periods' : 'months'],
  spanOf: columnSpan,
};

const returnsRowOf = (report: { countryOfOrigin: string | null; hostCountry: string | null }) => [report.countryOfOrigin ?? NOT_SPLIT, report.hostCountry ?? NOT_SPLIT].join(SEPARATOR);

/**
 * A period figure's count, shown only where its canonical cell is published (or follows from what
 * is) and holds that figure alone: a figure is then one of the numbers the document publishes.
 */
function figureCount(table: CanonicalTable, row: string, column: string, reportsInCell: number, count: number, threshold: number): number | null {
  const [i, j] = [table.rows.indexOf(row), table.columns.indexOf(column)];
  return reportsInCell === 1 && !isSmall(count, threshold) && table.follows([[i, j]]) ? count : null;
}

const isSmall = (count: number, threshold: number) => count > 0 && count < threshold;

/** A suppressed table of an answer, every number as its tally shows it. */
function answerTable(tally: AnswerTally, rows: readonly string[], columns: readonly string[], threshold: number, cellOf: (row: string, column: string) => string, rowTotalOf: (row: string) => string): SuppressedTable {
  return {
    rows,
    columns,
    cells: rows.map((row) => columns.map((column) => tally.shown(cellOf(row, column)))),
    rowTotals: rows.map((row) => tally.shown(rowTotalOf(row))),
    columnTotals: columns.map((column) => tally.shown(`column${SEPARATOR}${column}`)),
    total: tally.shown('total'),
    threshold,
  };
}

/**
 * Returns by country of origin and host country, and by month and host country: arrived
 * operations by their month of departure, and period reports whose period lies in the window
 * (by month, in the row `PERIOD_NOT_BY_MONTH`). Both tables count the same people by the same
 * host countries, so their host totals and total are the same numbers. Every number is a sum of
 * the documents' canonical cells (`returnsCanonicalTable`), shown only when it follows from what
 * those tables publish (`AnswerTally`); a partner's figures for a period are listed with their
 * sources, each shown only where its canonical cell is.
 */
export function returnsViews(docs: readonly ProjectReturnsDoc[], window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  const tally = new AnswerTally(threshold);
  const [origins, hosts, months] = [new Set<string>(), new Set<string>(), new Set<string>()];
  const figures: SourcedFigure[] = [];
  for (const doc of docs) {
    const table = returnsCanonicalTable(doc, threshold);
    for (const [i, j, count] of table.present) {
      const span = columnSpan(table.columns[j] as string);
      if (!inWindow(span, window)) continue;
      const [origin, host] = (table.rows[i] as string).split(SEPARATOR) as [string, string];
      const month = span.period ? PERIOD_NOT_BY_MONTH : span.from;
      origins.add(origin);
      hosts.add(host);
      months.add(month);
      for (const number of [`route${SEPARATOR}${origin}${SEPARATOR}${host}`, `origin${SEPARATOR}${origin}`, `column${SEPARATOR}${host}`, 'total', `month${SEPARATOR}${month}${SEPARATOR}${host}`, `monthTotal${SEPARATOR}${month}`]) {
        tally.add(number, doc, table, i, j, count);
      }
    }
    const reportsIn = new Map<string, number>();
    for (const report of doc.periodReports) reportsIn.set(returnsRowOf(report) + SEPARATOR + periodColumn(report.period), (reportsIn.get(returnsRowOf(report) + SEPARATOR + periodColumn(report.period)) ?? 0) + 1);
    for (const report of doc.periodReports) {
      if (!inWindow(monthSpanOf(report.period), window)) continue;
      const [row, column] = [returnsRowOf(report), periodColumn(report.period)];
      const count = figureCount(table, row, column, reportsIn.get(row + SEPARATOR + column) ?? 0, report.count, threshold);
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `returned from ${report.hostCountry ?? 'every host country'} to ${report.countryOfOrigin ?? 'every country of origin'}`, period: report.period, count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  const monthRows = [...months].filter((month) => month !== PERIOD_NOT_BY_MONTH).sort();
  const hostColumns = [...hosts].sort();
  const byOriginAndHost = answerTable(tally, [...origins].sort(), hostColumns, threshold, (origin, host) => `route${SEPARATOR}${origin}${SEPARATOR}${host}`, (origin) => `origin${SEPARATOR}${origin}`);
  const byMonthAndHost = answerTable(tally, months.has(PERIOD_NOT_BY_MONTH) ? [...monthRows, PERIOD_NOT_BY_MONTH] : monthRows, hostColumns, threshold, (month, host) => `month${SEPARATOR}${month}${SEPARATOR}${host}`, (month) => `monthTotal${SEPARATOR}${month}`);
  return { byOriginAndHost, byMonthAndHost, figures };
}

export const REINTEGRATION_DIMENSIONS = ['country', 'region', 'sex', 'age-band'] as const;
export type ReintegrationDimension = (typeof REINTEGRATION_DIMENSIONS)[number];
const STAGES = ['started', 'completed', 'abandoned'] as const;

const reportRowOf = (countryOfReturn: string) => [countryOfReturn, NOT_SPLIT, NOT_SPLIT, NOT_SPLIT].join(SEPARATOR);

/**
 * The canonical table of a partner's reintegration caseload on a project: a row per country, region,
 * sex and age band of return together (a period report, which gives only the country, in its
 * country's row "not split" by the rest), a column per stage and month a case reached that stage in,
 * and one per stage and period a report covers. Every reintegration table, by any one dimension and
 * in any window, adds up its rows by that dimension and its columns by stage inside the window; a
 * grid by one dimension only would not give the others, and tables by two dimensions of the same
 * people would give away together what each hides.
 */
export function reintegrationCanonicalTable(doc: ReintegrationDoc, threshold = DEFAULT_SUPPRESSION_THRESHOLD): CanonicalTable {
  const entries: CanonicalEntry[] = [];
  for (const view of doc.cases) {
    const row = [view.countryOfReturn, view.regionOfReturn ?? NOT_SPLIT, view.sex, view.ageBand].join(SEPARATOR);
    const months = { started: view.startedMonth, completed: view.completedMonth, abandoned: view.abandonedMonth };
    for (const stage of STAGES) {
      const month = months[stage];
      if (month !== null) entries.push({ row, column: [stage, month].join(SEPARATOR), count: 1 });
    }
  }
  for (const report of doc.periodReports) entries.push({ row: reportRowOf(report.countryOfReturn), column: periodColumn(report.period, report.stage), count: report.count });
  return canonicalTableOf(entries, REINTEGRATION_SHAPES, threshold);
}

/** How the reintegration answers add canonical cells up: by the value of any one dimension or all, over one stage or every stage of a window. */
const REINTEGRATION_SHAPES: AnswerShapes = {
  kind: 'reintegration',
  rowGroupsOf: (row) => [...row.split(SEPARATOR).map((value, part) => `${REINTEGRATION_DIMENSIONS[part] as string}${SEPARATOR}${value}`), 'all'],
  columnFamiliesOf: (column) => ['all', `stage${SEPARATOR}${column.split(SEPARATOR)[0] as string}`],
  spanOf: columnSpan,
};

/**
 * Reintegration started, completed and abandoned, by country, region, sex or age band of the
 * returnees: cases by the month each reached its stage, and period reports (which give only the
 * country) in the window; by another dimension, a period report's count is "not split". Every
 * number is a sum of the documents' canonical cells (`reintegrationCanonicalTable`), shown only
 * when it follows from what those tables publish; a period figure only where its canonical cell is,
 * alike in every dimension.
 */
export function reintegrationView(docs: readonly ReintegrationDoc[], dimension: ReintegrationDimension, window?: MonthWindow, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  const part = REINTEGRATION_DIMENSIONS.indexOf(dimension);
  const tally = new AnswerTally(threshold);
  const values = new Set<string>();
  const figures: SourcedFigure[] = [];
  for (const doc of docs) {
    const table = reintegrationCanonicalTable(doc, threshold);
    for (const [i, j, count] of table.present) {
      const column = table.columns[j] as string;
      if (!inWindow(columnSpan(column), window)) continue;
      const value = (table.rows[i] as string).split(SEPARATOR)[part] as string;
      const stage = column.split(SEPARATOR)[0] as string;
      values.add(value);
      for (const number of [`cell${SEPARATOR}${value}${SEPARATOR}${stage}`, `row${SEPARATOR}${value}`, `column${SEPARATOR}${stage}`, 'total']) tally.add(number, doc, table, i, j, count);
    }
    const reportsIn = new Map<string, number>();
    const cellOf = (report: ReintegrationDoc['periodReports'][number]) => reportRowOf(report.countryOfReturn) + SEPARATOR + periodColumn(report.period, report.stage);
    for (const report of doc.periodReports) reportsIn.set(cellOf(report), (reportsIn.get(cellOf(report)) ?? 0) + 1);
    for (const report of doc.periodReports) {
      if (!inWindow(monthSpanOf(report.period), window)) continue;
      const count = figureCount(table, reportRowOf(report.countryOfReturn), periodColumn(report.period, report.stage), reportsIn.get(cellOf(report)) ?? 0, report.count, threshold);
      figures.push({ projectId: doc.projectId, partner: doc.partner, what: `reintegration ${report.stage} in ${report.countryOfReturn}`, period: report.period, count, valueQualifier: report.valueQualifier, source: report.source });
    }
  }
  const table = answerTable(tally, [...values].sort(), STAGES, threshold, (value, stage) => `cell${SEPARATOR}${value}${SEPARATOR}${stage}`, (value) => `row${SEPARATOR}${value}`);
  return { table, figures };
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
