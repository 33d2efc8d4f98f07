import { monthEndAtOrAfter, monthEndAtOrBefore } from './as-of-read-models';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

describe('the month ends checkpoints are kept at (the last second of a month, UTC)', () => {
  it('finds the month end at or after an instant', () => {
    expect(iso(monthEndAtOrAfter(at('2019-02-10T08:00:00Z')))).toBe('2019-02-28T23:59:59.000Z');
    expect(iso(monthEndAtOrAfter(at('2020-02-29T23:59:59Z')))).toBe('2020-02-29T23:59:59.000Z');
    // Within the month's last second, past its start: the next month's end.
    expect(iso(monthEndAtOrAfter(at('2019-12-31T23:59:59.500Z')))).toBe('2020-01-31T23:59:59.000Z');
  });

  it('finds the month end at or before an instant', () => {
    expect(iso(monthEndAtOrBefore(at('2019-03-10T08:00:00Z')))).toBe('2019-02-28T23:59:59.000Z');
    expect(iso(monthEndAtOrBefore(at('2019-12-31T23:59:59Z')))).toBe('2019-12-31T23:59:59.000Z');
    expect(iso(monthEndAtOrBefore(at('2019-12-31T23:59:58.999Z')))).toBe('2019-11-30T23:59:59.000Z');
    expect(iso(monthEndAtOrBefore(at('2020-01-01T00:00:00Z')))).toBe('2019-12-31T23:59:59.000Z');
  });
});
