import { IndicatorDefined, ProjectRegistered } from '@eutf/event-catalog';
import { buildConsolidatedReport, REPORT_COUNTRIES } from '../consolidated-report/consolidated-report';
import type { ProjectRegisterDoc, ResultView } from '../read-models/project-register.projection';
import { resultView } from '../test-support/result-view';
import { canonicalJson, sha256Hex } from './canonical-json';
import { closuresRestatedIn, decideClosure, latestClosures, reproduces, restatementsOf, type PeriodClosure } from './period-closures';

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

/** Mali's project with these results (a per-period indicator), and headquarters' report of the first year over it. */
const mali = (results: ResultView[]): ProjectRegisterDoc => ({
  ...ProjectRegistered.example,
  status: 'implementation',
  registeredAt: '2017-01-10T00:00:00.000Z',
  milestones: [],
  indicators: [{ ...IndicatorDefined.example, measurement: 'per-period' }],
  results,
  lockedPeriods: [],
});
const reportOf = (results: ResultView[]) =>
  buildConsolidatedReport({ period: firstYear, audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true }, partnerships: [], projects: [mali(results)], funding: [], returns: [], reintegration: [], reportedFigures: [] });

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

describe('restatements of a closed period', () => {
  const result = (resultId: string, value: number, status: ResultView['status']) => resultView(resultId, { from: '2017-04-01', to: '2017-06-30' }, value, status);
  const closed = closure('2016-06-01', '2017-06-30', 1);

  it('names each counted figure that changed since the close, in the totals and the country, with its frozen and its restated value', () => {
    const frozen = reportOf([result('r1', 1_000, 'pending-approval')]);
    const now = reportOf([result('r1', 1_000, 'approved')]);
    expect(restatementsOf(closed, frozen, now)).toEqual(
      [null, 'ML'].map((country) => ({
        basis: 'restatement',
        restates: { closureId: closed.closureId, period: firstYear, version: 1, closedAt: closed.closedAt, contentHash: 'hash' },
        section: country === null ? 'totals' : 'country',
        country,
        figure: 'EUTF 3.4 (2021) approved',
        unit: 'people',
        frozenValue: null,
        restatedValue: 1_000,
        note: 'new in the period',
      })),
    );
  });

  it('restates nothing when nothing changed, and only in reports of periods after the closed one', () => {
    const report = reportOf([result('r1', 1_000, 'approved')]);
    expect(restatementsOf(closed, report, reportOf([result('r1', 1_000, 'approved')]))).toEqual([]);
    expect(closuresRestatedIn({ from: '2017-07-01', to: '2017-12-31' }, [closed])).toEqual([closed]);
    expect(closuresRestatedIn({ from: '2016-06-01', to: '2018-12-31' }, [closed])).toEqual([]);
  });
});

describe('verifying a closed period', () => {
  const results = [resultView('q2', { from: '2017-04-01', to: '2017-06-30' }, 500, 'pending-approval'), resultView('q1', { from: '2017-01-01', to: '2017-03-31' }, 1_000, 'approved')];
  const recomputed = canonicalJson(reportOf(results));

  it('reproduces a report frozen since results apart are counted by its hash alone', () => {
    expect(reproduces(recomputed, sha256Hex(recomputed), recomputed)).toBe(true);
    const changed = canonicalJson(reportOf([results[1] as ResultView]));
    expect(reproduces(recomputed, sha256Hex(recomputed), changed)).toBe(false);
  });

  it('reproduces a report frozen when results apart were listed line by line when its lines, counted, are what the events give today', () => {
    // The text frozen then: Mali's result waiting for approval as a line.
    const line = { projectId: ProjectRegistered.example.projectId, eutfIndicator: '3.4', unit: 'people', period: { from: '2017-04-01', to: '2017-06-30' }, value: 500, status: 'pending-approval' };
    const then = JSON.parse(recomputed) as { countries: Array<{ country: { code: string }; results: Record<string, unknown> }>; totals: { results: Record<string, unknown> } };
    for (const section of then.countries) Object.assign(section.results, { pendingApproval: section.country.code === 'ML' ? [line] : [], approvedForOtherPeriods: [] });
    Object.assign(then.totals.results, { pendingApproval: [line], approvedForOtherPeriods: [] });
    const frozenThen = canonicalJson(then);
    expect(sha256Hex(frozenThen)).not.toBe(sha256Hex(recomputed));
    expect(reproduces(frozenThen, sha256Hex(frozenThen), recomputed)).toBe(true);
    // Another figure since: not reproducible.
    expect(reproduces(frozenThen, sha256Hex(frozenThen), canonicalJson(reportOf([results[1] as ResultView])))).toBe(false);
  });
});
