/**
 * Which figures belong to a report's period. A figure counts in the period's figures only when its
 * own period lies wholly inside the report's: a result for May 2017 – October 2020 is not a figure
 * of June 2016 – March 2017, however much the two overlap, and adding it up there would claim it
 * was. A running total "since the start" (`from: null`) counts when it ends inside the period:
 * it is the total as of that day. A figure whose period overlaps the report's without lying inside
 * it, or whose period the source does not state, is shown apart with its own period, never added
 * up; one wholly before or after the report's period is left out.
 */
export type PeriodFit = 'inside' | 'apart' | 'outside';

export interface ReportPeriod {
  from: string;
  to: string;
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The first day a date as precise as known (`2017`, `2017-02`, `2017-02-14`) can mean. */
export function firstDayOf(date: string): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** The last day a date as precise as known can mean. */
export function lastDayOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) return lastDayOfMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return date;
}

/** How a figure's period (dates as precise as known; `to: null` when the source states none) sits in a report's period of whole days. */
export function periodFit(figure: { from: string | null; to: string | null }, period: ReportPeriod): PeriodFit {
  if (figure.to === null) return 'apart';
  const end = lastDayOf(figure.to);
  const start = figure.from === null ? null : firstDayOf(figure.from);
  if (end < period.from || (start !== null && start > period.to)) return 'outside';
  const inside = end <= period.to && (start === null || start >= period.from);
  return inside ? 'inside' : 'apart';
}
