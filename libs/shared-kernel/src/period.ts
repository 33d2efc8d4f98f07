/**
 * A span of whole days, both ends included, as ISO dates (`2017-01-01`). `from` is null for a
 * running total "since the start": the span reaches back as far as there is anything to count.
 */
export interface DayPeriod {
  from: string | null;
  to: string;
}

/**
 * Whether two periods share at least one day. Both ends count, so periods touching at one day
 * overlap, and a period ending the day before another starts does not. An open start ("since the
 * start") overlaps every period that starts on or before its end.
 */
export function periodsOverlap(a: DayPeriod, b: DayPeriod): boolean {
  return (a.from === null || a.from <= b.to) && (b.from === null || b.from <= a.to);
}
