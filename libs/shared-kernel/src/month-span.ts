/**
 * The months a figure counts, `YYYY-MM` to `YYYY-MM`, from a period as precise as known: `2017`
 * spans January to December, a day counts its month, and "since the project began" (`from: null`)
 * reaches back to the start. Returns are counted by the month, the finest grain partners report at.
 */
export interface MonthSpan {
  from: string;
  to: string;
}

/** The first month of "since the project began". */
export const EARLIEST_MONTH = '0000-01';

export function monthSpanOf(period: { from: string | null; to: string }): MonthSpan {
  const from = period.from === null ? EARLIEST_MONTH : period.from.length === 4 ? `${period.from}-01` : period.from.slice(0, 7);
  const to = period.to.length === 4 ? `${period.to}-12` : period.to.slice(0, 7);
  return { from, to };
}

export const monthOf = (date: string): MonthSpan => ({ from: date.slice(0, 7), to: date.slice(0, 7) });

export const spansOverlap = (a: MonthSpan, b: MonthSpan) => a.from <= b.to && b.from <= a.to;
