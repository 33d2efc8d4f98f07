import { EARLIEST_MONTH, isBeforeAsKnown, type MonthSpan } from '@eutf/shared-kernel';

export { monthOf, monthSpanOf, spansOverlap, type MonthSpan } from '@eutf/shared-kernel';

/** Whether a period ends before it starts, compared to the precision both ends have. */
export const periodInverted = (period: { from: string | null; to: string }) => period.from !== null && isBeforeAsKnown(period.to, period.from);

/** A country matches another, or any country when one of the two is not given (null). */
export const sameOrAny = (a: string | null, b: string | null) => a === null || b === null || a === b;

export const describeSpan = ({ from, to }: MonthSpan) => `${from === EARLIEST_MONTH ? 'the start' : from} to ${to}`;
