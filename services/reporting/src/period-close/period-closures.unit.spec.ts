import { canonicalJson, sha256Hex } from './canonical-json';
import { decideClosure, latestClosures, type PeriodClosure } from './period-closures';

const closure = (from: string, to: string, version: number, closedAt = '2017-07-15T09:00:00.000Z'): PeriodClosure => ({
  closureId: `${from}_${to}_v${version}`,
  period: { from, to },
  version,
  reason: version === 1 ? null : 'corrected',
  closedAt,
  closedBy: { subject: 'analyst', role: 'hq-analyst' },
  contentHash: 'hash',
});
const firstYear = { from: '2016-06-01', to: '2017-06-30' };

describe('closing a period', () => {
  it('closes a past period as version 1, with or without a reason', () => {
    expect(decideClosure([], { period: firstYear, reason: null, today: '2017-07-15' })).toEqual({ version: 1 });
  });

  it('refuses a period that has not ended', () => {
    expect(decideClosure([], { period: firstYear, reason: null, today: '2017-06-30' })).toEqual({ rule: 'period-not-over' });
  });

  it('refuses to close a closed period again without a reason, and freezes the next version with one', () => {
    const closed = [closure('2016-06-01', '2017-06-30', 1), closure('2016-06-01', '2017-06-30', 2)];
    expect(decideClosure(closed, { period: firstYear, reason: null, today: '2018-01-01' })).toEqual({ rule: 'period-already-closed' });
    expect(decideClosure(closed, { period: firstYear, reason: 'late approvals', today: '2018-01-01' })).toEqual({ version: 3 });
  });

  it('refuses a period overlapping another closed period, and accepts the one after it', () => {
    const closed = [closure('2016-06-01', '2017-06-30', 1)];
    expect(decideClosure(closed, { period: { from: '2017-06-30', to: '2017-12-31' }, reason: null, today: '2018-01-01' })).toEqual({ rule: 'closed-periods-overlap' });
    expect(decideClosure(closed, { period: { from: '2017-07-01', to: '2017-12-31' }, reason: null, today: '2018-01-01' })).toEqual({ version: 1 });
  });

  it('knows, as of an instant, the latest version of each period closed by then', () => {
    const closed = [closure('2016-06-01', '2017-06-30', 1, '2017-07-15T09:00:00.000Z'), closure('2016-06-01', '2017-06-30', 2, '2017-09-01T09:00:00.000Z')];
    expect(latestClosures(closed).map((entry) => entry.version)).toEqual([2]);
    expect(latestClosures(closed, new Date('2017-08-01T00:00:00Z')).map((entry) => entry.version)).toEqual([1]);
    expect(latestClosures(closed, new Date('2017-07-01T00:00:00Z'))).toEqual([]);
  });
});

describe('the canonical JSON of a report', () => {
  it('is the same text, and hash, whatever the order of the keys', () => {
    const a = { b: [1, { y: 'é', x: null }], a: 'text', skipped: undefined };
    const b = { a: 'text', b: [1, { x: null, y: 'é' }] };
    expect(canonicalJson(a)).toBe('{"a":"text","b":[1,{"x":null,"y":"é"}]}');
    expect(sha256Hex(canonicalJson(a))).toBe(sha256Hex(canonicalJson(b)));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
