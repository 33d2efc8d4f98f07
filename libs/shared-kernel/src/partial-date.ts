/**
 * Dates as precise as they are known (`2017`, `2017-05`, `2017-05-20`), compared only to the
 * precision both have: `2017-05` is neither before nor after `2017-05-20`, as May 2017 contains it.
 */
export function isBeforeAsKnown(date: string, other: string): boolean {
  const precision = Math.min(date.length, other.length);
  return date.slice(0, precision) < other.slice(0, precision);
}
