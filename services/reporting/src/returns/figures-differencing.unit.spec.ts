import { seededRandom } from '@eutf/testing';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import { REINTEGRATION_DIMENSIONS, registerReturnsOf, reintegrationView, returnsViews } from './returns-views';

const THRESHOLD = 5;

/** Whether each unknown follows from the equations (its unit vector lies in their span): Gaussian elimination over the reals. */
function computable(unknownCount: number, equations: number[][]): boolean[] {
  const rank = (matrix: number[][]) => {
    const rows = matrix.map((row) => [...row]);
    let r = 0;
    for (let c = 0; c < unknownCount && r < rows.length; c += 1) {
      const pivot = rows.findIndex((row, k) => k >= r && Math.abs(row[c] as number) > 1e-9);
      if (pivot === -1) continue;
      [rows[r], rows[pivot]] = [rows[pivot] as number[], rows[r] as number[]];
      for (let k = 0; k < rows.length; k += 1) {
        if (k === r) continue;
        const factor = (rows[k]?.[c] as number) / (rows[r]?.[c] as number);
        if (factor !== 0) rows[k] = (rows[k] as number[]).map((value, m) => value - factor * ((rows[r] as number[])[m] as number));
      }
      r += 1;
    }
    return r;
  };
  const base = rank(equations);
  return Array.from({ length: unknownCount }, (_, k) => rank([...equations, Array.from({ length: unknownCount }, (_other, m) => (m === k ? 1 : 0))]) === base);
}

const count = (random: () => number) => {
  const draw = random();
  return draw < 0.35 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 200);
};

/** A partner's returns with small counts: per route, maybe operations (one arrived count) and zero to two period figures. */
function randomReturns(random: () => number) {
  const origins = ['ML', 'NE', 'SN'].slice(0, 1 + Math.floor(random() * 3));
  const hosts = ['LY', 'DZ', 'MA'].slice(0, 1 + Math.floor(random() * 3));
  const doc: ProjectReturnsDoc = { projectId: 'p', partner: 'IOM', operations: [], periodReports: [] };
  const truth = new Map<string, { ops: number; figures: number[] }>();
  for (const origin of origins) {
    for (const host of hosts) {
      const ops = random() < 0.5 ? 0 : count(random);
      const figures = Array.from({ length: Math.floor(random() * 3) }, () => count(random));
      truth.set(`${origin}/${host}`, { ops, figures });
      if (ops > 0) {
        doc.operations.push({ operationId: `${origin}${host}`, kind: 'charter', hostCountry: host, countryOfOrigin: origin, month: '2020-01', departed: ops, arrived: ops, status: 'arrived', cells: [], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } });
      }
      figures.forEach((figure, k) => doc.periodReports.push({ reportId: `${origin}${host}${k}`, hostCountry: host, countryOfOrigin: origin, period: { from: '2019-01', to: '2019-12' }, count: figure, valueQualifier: 'exact', source: null }));
    }
  }
  return { doc, truth };
}

/**
 * What an attacker learns from the table by origin and host with its totals and the figures listed
 * beside it: every published number is a constant, every other one an unknown, bound by the
 * table's sums and by "a route's cell is its operations plus its figures". Returns what can be
 * computed back that must not be: a hidden cell or total, a hidden figure, a small count of
 * operations on a route. (The table by month and host is suppressed on its own: what the two tables
 * give away together is not this rule's to prevent; see the README.)
 */
function recoverable(doc: ProjectReturnsDoc, truth: ReadonlyMap<string, { ops: number; figures: number[] }>, shown: ReturnType<typeof returnsViews>): string[] {
  const unknowns: string[] = [];
  const unknown = (name: string) => (unknowns.includes(name) ? unknowns.indexOf(name) : unknowns.push(name) - 1);
  type Term = [name: string, coefficient: number, known: boolean];
  const equations: Term[][] = [];
  const t1 = shown.byOriginAndHost;
  const v = (i: number, j: number): Term => [`v ${t1.rows[i]}/${t1.columns[j]}`, 1, t1.cells[i]?.[j] !== null];
  t1.rows.forEach((_row, i) => equations.push([...t1.columns.map((_c, j) => v(i, j)), [`R ${t1.rows[i]}`, -1, t1.rowTotals[i] !== null]]));
  t1.columns.forEach((_column, j) => equations.push([...t1.rows.map((_r, i) => v(i, j)), [`C ${t1.columns[j]}`, -1, t1.columnTotals[j] !== null]]));
  equations.push([...t1.rows.map((row, i): Term => [`R ${row}`, 1, t1.rowTotals[i] !== null]), ['G', -1, t1.total !== null]]);
  const figureIndex = new Map(doc.periodReports.map((report, k) => [report.reportId, k]));
  t1.rows.forEach((origin, i) =>
    t1.columns.forEach((host, j) => {
      const figures = doc.periodReports.filter((report) => report.countryOfOrigin === origin && report.hostCountry === host);
      equations.push([v(i, j), [`o ${origin}/${host}`, -1, false], ...figures.map((report): Term => [`f ${report.reportId}`, -1, shown.figures[figureIndex.get(report.reportId) as number]?.count !== null])]);
    }),
  );
  const rows = equations.map((terms) => terms.filter(([, , known]) => !known).map(([name, coefficient]) => [unknown(name), coefficient] as const));
  const matrix = rows.map((terms) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const [at, coefficient] of terms) row[at] = (row[at] ?? 0) + coefficient;
    return row;
  });
  const found = computable(unknowns.length, matrix);
  return unknowns.filter((name, k) => {
    if (!found[k]) return false;
    // A count of operations on a route is no output's cell: computing it back matters only when it is small.
    if (name.startsWith('o ')) return (truth.get(name.slice(2))?.ops ?? 0) > 0 && (truth.get(name.slice(2))?.ops ?? 0) < THRESHOLD;
    return true;
  });
}

describe('the figures listed beside the returns tables', () => {
  it('hide a figure whose cell holds a small one: 103 shown with 100 and a hidden 3 would give the 3 away', () => {
    const doc: ProjectReturnsDoc = {
      projectId: 'p',
      partner: 'IOM',
      operations: [],
      periodReports: [
        { reportId: 'a', hostCountry: 'LY', countryOfOrigin: 'ML', period: { from: '2019-01', to: '2019-12' }, count: 100, valueQualifier: 'exact', source: null },
        { reportId: 'b', hostCountry: 'LY', countryOfOrigin: 'ML', period: { from: '2020-01', to: '2020-12' }, count: 3, valueQualifier: 'exact', source: null },
      ],
    };
    const shown = returnsViews([doc]);
    expect(shown.byOriginAndHost.total).toBe(103);
    expect(shown.figures.map((figure) => figure.count)).toEqual([null, null]);
    expect(registerReturnsOf('p', { returns: [doc], reintegration: [] }, undefined).figures.map((figure) => figure.count)).toEqual([null, null]);
  });

  it('differencing: for 1,500 generated partners with small counts, nothing hidden can be computed back from the table by origin and host and the figures together', () => {
    const random = seededRandom(Number(process.env['EUTF_TEST_SEED'] ?? 4_000));
    const problems: string[] = [];
    let figuresShown = 0;
    for (let n = 0; n < 1_500; n += 1) {
      const { doc, truth } = randomReturns(random);
      const shown = returnsViews([doc], undefined, THRESHOLD);
      figuresShown += shown.figures.filter((figure) => figure.count !== null).length;
      for (const [k, figure] of shown.figures.entries()) {
        const reported = doc.periodReports[k]?.count as number;
        if (figure.count !== null && reported < THRESHOLD) problems.push(`partner ${n}: small figure ${reported} shown`);
      }
      for (const found of recoverable(doc, truth, shown)) problems.push(`partner ${n}: ${found} recoverable from ${JSON.stringify([...truth])}`);
    }
    expect(problems).toEqual([]);
    // The rule still shows figures where they give nothing away.
    expect(figuresShown).toBeGreaterThan(100);
  });
});

describe('the reintegration figures listed beside the tables', () => {
  const report = (reportId: string, countryOfReturn: string, count: number) => ({ reportId, countryOfReturn, stage: 'completed' as const, period: { from: '2019-01', to: '2019-12' }, count, valueQualifier: 'exact' as const, source: null });
  const docs: ReintegrationDoc[] = [{ projectId: 'p', partner: 'IOM', cases: [], periodReports: [report('a', 'ML', 100), report('b', 'NE', 3)] }];

  it('show alike in every dimension: a figure that one dimension would give away is hidden in all of them', () => {
    // By country the 100 has a cell of its own; by sex both fall in "not split" (103), where the 100 would give the 3 away.
    for (const dimension of REINTEGRATION_DIMENSIONS) {
      expect([dimension, reintegrationView(docs, dimension).figures.map((figure) => figure.count)]).toEqual([dimension, [null, null]]);
    }
    const alone: ReintegrationDoc[] = [{ ...docs[0] as ReintegrationDoc, periodReports: [report('a', 'ML', 100), report('c', 'NE', 40)] }];
    expect(reintegrationView(alone, 'sex').figures.map((figure) => figure.count)).toEqual([100, 40]);
  });
});

