import { checkpointInstantAtOrAfter, checkpointInstantAtOrBefore } from './as-of-read-models';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

describe('the instants checkpoints are kept at (the last second of the 15th and of the month’s last day, UTC)', () => {
  it('finds the one at or after an instant', () => {
    expect(iso(checkpointInstantAtOrAfter(at('2019-02-10T08:00:00Z')))).toBe('2019-02-15T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrAfter(at('2019-02-16T00:00:00Z')))).toBe('2019-02-28T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrAfter(at('2020-02-29T23:59:59Z')))).toBe('2020-02-29T23:59:59.000Z');
    // Within the last second, past its start: the next one.
    expect(iso(checkpointInstantAtOrAfter(at('2019-12-31T23:59:59.500Z')))).toBe('2020-01-15T23:59:59.000Z');
  });

  it('finds the one at or before an instant', () => {
    expect(iso(checkpointInstantAtOrBefore(at('2019-03-10T08:00:00Z')))).toBe('2019-02-28T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrBefore(at('2019-03-20T08:00:00Z')))).toBe('2019-03-15T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrBefore(at('2019-12-31T23:59:59Z')))).toBe('2019-12-31T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrBefore(at('2019-12-31T23:59:58.999Z')))).toBe('2019-12-15T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrBefore(at('2020-01-01T00:00:00Z')))).toBe('2019-12-31T23:59:59.000Z');
    expect(iso(checkpointInstantAtOrBefore(at('2020-01-15T23:59:58Z')))).toBe('2019-12-31T23:59:59.000Z');
  });
});
