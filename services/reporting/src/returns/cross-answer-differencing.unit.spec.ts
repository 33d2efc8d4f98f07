import fc from 'fast-check';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { spanOf } from '../test-support/linear-span';
import { NOT_SPLIT, PERIOD_NOT_BY_MONTH, REINTEGRATION_DIMENSIONS, registerReturnsOf, reintegrationCanonicalTable, reintegrationView, returnsCanonicalTable, returnsViews, type MonthWindow } from './returns-views';
import type { SuppressedTable } from './small-cell-suppression';

/**
 * The differencing attacker across answers: a reader who asks every answer it can — every scope
 * (everything, a country, a partner, a partner in a country, a project's register entry, a partner's
 * own entry) for every window (all time, January–June and January–May, each month, overlapping
 * ones) — and writes every number shown as an equation over the documents' canonical cells (a
 * document's route and month or period; a case's country, region, sex and age band and its stage and
 * month). The cells each number adds up are worked out here from what was reported, not taken from
 * the views. Nothing hidden in a canonical table, no small cell and no number any answer hides may
 * follow from all of them together.
 */
const THRESHOLD = 5;
const isSmall = (count: number) => count > 0 && count < THRESHOLD;

const PROJECTS = { 'p-ml-1': 'ML', 'p-ml-2': 'ML', 'p-ne': 'NE' } as const;
type ProjectId = keyof typeof PROJECTS;
const PARTNERS = ['IOM', 'GIZ'] as const;
const MONTHS = ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06'] as const;
const PERIODS = [
  { from: '2019-01', to: '2019-12' },
  { from: '2020-01', to: '2020-03' },
  { from: '2020-04', to: '2020-06' },
] as const;
const WINDOWS: Array<MonthWindow | undefined> = [
  undefined,
  { from: '2020-01', to: '2020-06' },
  { from: '2020-01', to: '2020-05' },
  { from: '2020-02', to: '2020-06' },
  { from: '2020-02', to: '2020-04' },
  { from: '2020-03', to: '2020-06' },
  { from: '2019-01', to: '2019-12' },
  { from: '2019-01', to: '2020-03' },
  ...MONTHS.map((month) => ({ from: month, to: month })),
];

const inWindow = (span: { from: string; to: string }, window: MonthWindow | undefined) => !window || (span.from >= window.from && span.to <= window.to);
const smallOrNot = fc.oneof({ arbitrary: fc.integer({ min: 1, max: THRESHOLD - 1 }), weight: 3 }, { arbitrary: fc.integer({ min: THRESHOLD, max: 60 }), weight: 2 });
/** The documents of some partners on some projects: at most one per partner and project, as the read model keeps them. */
const documentsOf = <Content>(content: fc.Arbitrary<Content>) =>
  fc.uniqueArray(fc.record({ projectId: fc.constantFrom<ProjectId>('p-ml-1', 'p-ml-2', 'p-ne'), partner: fc.constantFrom(...PARTNERS), content }), { minLength: 1, maxLength: 4, selector: ({ projectId, partner }) => `${projectId}/${partner}` });

/** Every scope a reader can ask, as the documents it counts; `project` names a register entry (read all time). */
function scopesOf<Doc extends { projectId: string; partner: string }>(docs: readonly Doc[]): Array<{ name: string; docs: Doc[]; register?: { projectId: string; partner: string | undefined } }> {
  const countries = [...new Set(Object.values(PROJECTS))];
  const scopes: Array<{ name: string; docs: Doc[]; register?: { projectId: string; partner: string | undefined } }> = [{ name: 'all', docs: [...docs] }];
  for (const country of countries) scopes.push({ name: country, docs: docs.filter((doc) => PROJECTS[doc.projectId as ProjectId] === country) });
  for (const partner of PARTNERS) {
    scopes.push({ name: partner, docs: docs.filter((doc) => doc.partner === partner) });
    for (const country of countries) scopes.push({ name: `${partner} in ${country}`, docs: docs.filter((doc) => doc.partner === partner && PROJECTS[doc.projectId as ProjectId] === country) });
  }
  for (const projectId of Object.keys(PROJECTS)) {
    for (const partner of [undefined, ...PARTNERS]) scopes.push({ name: `register ${projectId} ${partner ?? ''}`, docs: docs.filter((doc) => doc.projectId === projectId && (partner === undefined || doc.partner === partner)), register: { projectId, partner } });
  }
  return scopes;
}

/** One number an answer shows or hides, as the canonical cells it adds up. */
interface Number {
  what: string;
  of: string[];
  shown: number | null;
}

/** The numbers of a table whose rows and columns add up the cells `cellOf` gives. */
function numbersOf(what: string, table: SuppressedTable, cellOf: (row: string, column: string) => string[]): Number[] {
  const cells = table.rows.map((row) => table.columns.map((column) => cellOf(row, column)));
  return [
    ...table.rows.flatMap((row, i) => [
      ...table.columns.map((column, j) => ({ what: `${what} ${row}/${column}`, of: cells[i]?.[j] ?? [], shown: table.cells[i]?.[j] ?? null })),
      { what: `${what} row ${row}`, of: (cells[i] ?? []).flat(), shown: table.rowTotals[i] ?? null },
    ]),
    ...table.columns.map((column, j) => ({ what: `${what} column ${column}`, of: cells.flatMap((row) => row[j] ?? []), shown: table.columnTotals[j] ?? null })),
    { what: `${what} total`, of: cells.flat(2), shown: table.total },
  ];
}

/** A canonical cell: its document, row and column, parts joined by "/" (the views' keys, read the same way, to know which they hide). */
const cellKey = (doc: { projectId: string; partner: string }, row: readonly string[], column: readonly string[]) => `${doc.projectId}/${doc.partner}|${row.join('/')}|${column.join('/')}`;
const viewKey = (key: string) => key.split('\u0000').filter((part) => part !== 'period');

/**
 * What the attacker gets from all the numbers: the ones shown that misstate their cells (none may),
 * and everything that follows that must not — a cell hidden in its canonical table, a small cell,
 * a number an answer hides.
 */
function attack(numbers: readonly Number[], truth: ReadonlyMap<string, number>, hiddenInCanonical: ReadonlySet<string>): string[] {
  const valueOf = (of: readonly string[]) => of.reduce((sum, key) => sum + (truth.get(key) ?? 0), 0);
  const found: string[] = [];
  const equations = new Map<string, string[]>();
  for (const number of numbers) {
    if (number.shown === null) continue;
    if (number.shown !== valueOf(number.of)) found.push(`${number.what} shows ${number.shown}, is ${valueOf(number.of)}`);
    equations.set([...number.of].sort().join(' '), number.of);
  }
  const span = spanOf([...truth.keys()], [...equations.values()]);
  for (const [key, count] of truth) {
    if ((hiddenInCanonical.has(key) || isSmall(count)) && span.follows([key])) found.push(`cell ${key} (${count}) follows from the answers`);
  }
  for (const number of numbers) if (number.shown === null && valueOf(number.of) > 0 && span.follows(number.of)) found.push(`${number.what} (${valueOf(number.of)}) is hidden but follows from the answers`);
  return found;
}

describe('returns asked in many answers, for many periods and scopes', () => {
  interface Returns {
    operations: Array<{ origin: string; host: string; month: string; count: number }>;
    reports: Array<{ origin: string | null; host: string | null; period: { from: string; to: string }; count: number }>;
  }
  const returnsContent: fc.Arbitrary<Returns> = fc.record({
    operations: fc.array(fc.record({ origin: fc.constantFrom('ML', 'NE', 'SN'), host: fc.constantFrom('LY', 'DZ'), month: fc.constantFrom(...MONTHS), count: smallOrNot }), { maxLength: 8 }),
    // One report per route and period, as the returns service enforces (`returns-counted-twice`).
    reports: fc.uniqueArray(fc.record({ origin: fc.constantFrom<string | null>('ML', 'NE', null), host: fc.constantFrom<string | null>('LY', 'DZ', null), period: fc.constantFrom(...PERIODS), count: smallOrNot }), { maxLength: 3, selector: ({ origin, host, period }) => `${origin}/${host}/${period.from}` }),
  });

  const docOf = ({ projectId, partner, content }: { projectId: string; partner: string; content: Returns }): ProjectReturnsDoc => ({
    projectId,
    partner,
    operations: content.operations.map(({ origin, host, month, count }, k) => ({ operationId: `op${k}`, kind: 'charter', hostCountry: host, countryOfOrigin: origin, month, departed: count, arrived: count, status: 'arrived', cells: [], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } })),
    periodReports: content.reports.map(({ origin, host, period, count }, k) => ({ reportId: `report${k}`, hostCountry: host, countryOfOrigin: origin, period, count, valueQualifier: 'exact', source: null })),
  });

  /** A document's canonical cells as the attacker counts them: a route (origin/host) by a month or a period (from/to). */
  function cellsOf(doc: ProjectReturnsDoc) {
    const cells: Array<{ key: string; origin: string; host: string; month: string | null; span: { from: string; to: string }; count: number }> = [];
    for (const operation of doc.operations) cells.push({ key: cellKey(doc, [operation.countryOfOrigin, operation.hostCountry], [operation.month]), origin: operation.countryOfOrigin, host: operation.hostCountry, month: operation.month, span: { from: operation.month, to: operation.month }, count: operation.arrived ?? 0 });
    for (const report of doc.periodReports) {
      const [origin, host] = [report.countryOfOrigin ?? NOT_SPLIT, report.hostCountry ?? NOT_SPLIT];
      const span = { from: report.period.from as string, to: report.period.to };
      cells.push({ key: cellKey(doc, [origin, host], [span.from, span.to]), origin, host, month: null, span, count: report.count });
    }
    return cells;
  }

  /** Every number of one answer over some documents and a window, as canonical cells. */
  function answerNumbers(name: string, docs: readonly ProjectReturnsDoc[], window: MonthWindow | undefined, answer: ReturnType<typeof returnsViews>): Number[] {
    const cells = docs.flatMap((doc) => cellsOf(doc)).filter((cell) => inWindow(cell.span, window));
    const keys = (test: (cell: (typeof cells)[number]) => boolean) => [...new Set(cells.filter(test).map((cell) => cell.key))];
    const byRoute = numbersOf(`${name} by origin and host`, answer.byOriginAndHost, (origin, host) => keys((cell) => cell.origin === origin && cell.host === host));
    const byMonth = numbersOf(`${name} by month and host`, answer.byMonthAndHost, (row, host) => keys((cell) => cell.host === host && (row === PERIOD_NOT_BY_MONTH ? cell.month === null : cell.month === row)));
    const reports = docs.flatMap((doc) => doc.periodReports.filter((report) => inWindow({ from: report.period.from as string, to: report.period.to }, window)).map((report) => cellKey(doc, [report.countryOfOrigin ?? NOT_SPLIT, report.hostCountry ?? NOT_SPLIT], [report.period.from as string, report.period.to])));
    const figures = answer.figures.map((figure, k) => ({ what: `${name} figure ${k}`, of: [reports[k] as string], shown: figure.count }));
    return [...byRoute, ...byMonth, ...figures];
  }

  /** Everything a reader can ask of these documents. */
  function everyAnswer(docs: readonly ProjectReturnsDoc[]): Number[] {
    const numbers: Number[] = [];
    for (const scope of scopesOf(docs)) {
      if (scope.register) {
        const entry = registerReturnsOf(scope.register.projectId, { returns: docs, reintegration: [] }, scope.register.partner, THRESHOLD);
        numbers.push(...answerNumbers(scope.name, scope.docs, undefined, { byOriginAndHost: entry.byOriginAndHost, byMonthAndHost: entry.byMonthAndHost, figures: entry.figures }));
        continue;
      }
      for (const window of WINDOWS) numbers.push(...answerNumbers(`${scope.name} ${window?.from ?? ''}…${window?.to ?? ''}`, scope.docs, window, returnsViews(scope.docs, window, THRESHOLD)));
    }
    return numbers;
  }

  function canonicalTruth(docs: readonly ProjectReturnsDoc[]) {
    const truth = new Map<string, number>();
    for (const cell of docs.flatMap((doc) => cellsOf(doc))) truth.set(cell.key, (truth.get(cell.key) ?? 0) + cell.count);
    const hidden = new Set<string>();
    for (const doc of docs) {
      const table = returnsCanonicalTable(doc, THRESHOLD);
      table.rows.forEach((row, i) => table.columns.forEach((column, j) => table.shown.cells[i]?.[j] === null && hidden.add(cellKey(doc, viewKey(row), viewKey(column)))));
    }
    return { truth, hidden };
  }

  it('January–June less January–May does not give June away', () => {
    const months = [40, 50, 45, 60, 55, 3];
    const doc = docOf({ projectId: 'p-ml-1', partner: 'IOM', content: { operations: months.map((count, k) => ({ origin: 'ML', host: 'LY', month: MONTHS[k] as string, count })), reports: [] } });
    const firstHalf = returnsViews([doc], { from: '2020-01', to: '2020-06' }, THRESHOLD);
    const toMay = returnsViews([doc], { from: '2020-01', to: '2020-05' }, THRESHOLD);
    // Each answer alone would show its total (253 and 250): together they gave June's 3.
    expect([firstHalf.byOriginAndHost.total, toMay.byOriginAndHost.total]).toEqual([253, null]);
    const numbers = [...answerNumbers('Jan–Jun', [doc], { from: '2020-01', to: '2020-06' }, firstHalf), ...answerNumbers('Jan–May', [doc], { from: '2020-01', to: '2020-05' }, toMay)];
    const { truth, hidden } = canonicalTruth([doc]);
    expect(attack(numbers, truth, hidden)).toEqual([]);
    expect(attack([...numbers, ...everyAnswer([doc])], truth, hidden)).toEqual([]);
  });

  it("a country's total less the other partners' does not give a partner's small count away", () => {
    const docs = [docOf({ projectId: 'p-ml-1', partner: 'IOM', content: { operations: [{ origin: 'ML', host: 'LY', month: '2020-01', count: 120 }], reports: [] } }), docOf({ projectId: 'p-ml-2', partner: 'GIZ', content: { operations: [{ origin: 'ML', host: 'LY', month: '2020-01', count: 2 }], reports: [] } })];
    const { truth, hidden } = canonicalTruth(docs);
    expect(returnsViews(docs, undefined, THRESHOLD).byOriginAndHost.total).toBeNull();
    expect(attack(everyAnswer(docs), truth, hidden)).toEqual([]);
  });

  it('differencing: for generated partners, projects and months with small cells, nothing hidden follows from every answer a reader can get', () => {
    let shown = 0;
    fc.assert(
      fc.property(documentsOf(returnsContent), (generated) => {
        const docs = generated.map(docOf);
        const { truth, hidden } = canonicalTruth(docs);
        const numbers = everyAnswer(docs);
        shown += numbers.filter((number) => number.shown !== null && number.shown > 0).length;
        expect(attack(numbers, truth, hidden)).toEqual([]);
      }),
      { seed: Number(process.env['EUTF_TEST_SEED'] ?? 11), numRuns: 300 },
    );
    // Not by hiding everything: the answers still show counts.
    expect(shown).toBeGreaterThan(1_000);
  }, 300_000);
});

describe('reintegration asked in many answers, for many periods, scopes and dimensions', () => {
  interface Caseload {
    cases: Array<{ country: string; region: string | null; sex: string; ageBand: string; started: string; completed: string | null; abandoned: string | null }>;
    reports: Array<{ country: string; stage: 'started' | 'completed' | 'abandoned'; period: { from: string; to: string }; count: number }>;
  }
  const month = fc.constantFrom(...MONTHS);
  const caseload: fc.Arbitrary<Caseload> = fc.record({
    cases: fc.array(
      fc.record({ country: fc.constantFrom('ML', 'NE'), region: fc.constantFrom<string | null>('R1', 'R2', null), sex: fc.constantFrom('female', 'male'), ageBand: fc.constantFrom('18-24', '25-34'), started: month, end: fc.option(fc.record({ month, completed: fc.boolean() })) }).map(({ end, ...view }) => {
        const ended = end === null ? null : end.month < view.started ? view.started : end.month;
        return { ...view, completed: end?.completed === true ? ended : null, abandoned: end?.completed === false ? ended : null };
      }),
      { maxLength: 25 },
    ),
    reports: fc.uniqueArray(fc.record({ country: fc.constantFrom('ML', 'NE'), stage: fc.constantFrom<'started' | 'completed' | 'abandoned'>('started', 'completed', 'abandoned'), period: fc.constantFrom(...PERIODS), count: smallOrNot }), { maxLength: 3, selector: ({ country, stage, period }) => `${country}/${stage}/${period.from}` }),
  });

  const docOf = ({ projectId, partner, content }: { projectId: string; partner: string; content: Caseload }): ReintegrationDoc => ({
    projectId,
    partner,
    cases: content.cases.map((view, k) => ({ caseKey: `case${k}`, countryOfReturn: view.country, regionOfReturn: view.region, sex: view.sex, ageBand: view.ageBand, status: view.completed ? 'completed' : view.abandoned ? 'abandoned' : 'registered', startedMonth: view.started, completedMonth: view.completed, abandonedMonth: view.abandoned })),
    periodReports: content.reports.map(({ country, stage, period, count }, k) => ({ reportId: `report${k}`, countryOfReturn: country, stage, period, count, valueQualifier: 'exact', source: null })),
  });

  /** A document's canonical cells: a case's country, region, sex and age band (a report's country, the rest not split) by stage and month or period. */
  function cellsOf(doc: ReintegrationDoc) {
    const cells: Array<{ key: string; values: string[]; stage: string; span: { from: string; to: string } }> = [];
    for (const view of doc.cases) {
      const values = [view.countryOfReturn, view.regionOfReturn ?? NOT_SPLIT, view.sex, view.ageBand];
      for (const [stage, at] of [['started', view.startedMonth], ['completed', view.completedMonth], ['abandoned', view.abandonedMonth]] as const) {
        if (at !== null) cells.push({ key: cellKey(doc, values, [stage, at]), values, stage, span: { from: at, to: at } });
      }
    }
    for (const report of doc.periodReports) {
      const values = [report.countryOfReturn, NOT_SPLIT, NOT_SPLIT, NOT_SPLIT];
      const span = { from: report.period.from as string, to: report.period.to };
      cells.push({ key: cellKey(doc, values, [report.stage, span.from, span.to]), values, stage: report.stage, span });
    }
    return cells;
  }

  function answerNumbers(name: string, docs: readonly ReintegrationDoc[], dimension: (typeof REINTEGRATION_DIMENSIONS)[number], window: MonthWindow | undefined, answer: ReturnType<typeof reintegrationView>): Number[] {
    const part = REINTEGRATION_DIMENSIONS.indexOf(dimension);
    const cells = docs.flatMap((doc) => cellsOf(doc)).filter((cell) => inWindow(cell.span, window));
    const table = numbersOf(`${name} by ${dimension}`, answer.table, (value, stage) => [...new Set(cells.filter((cell) => cell.values[part] === value && cell.stage === stage).map((cell) => cell.key))]);
    const reports = docs.flatMap((doc) => doc.periodReports.filter((report) => inWindow({ from: report.period.from as string, to: report.period.to }, window)).map((report) => cellKey(doc, [report.countryOfReturn, NOT_SPLIT, NOT_SPLIT, NOT_SPLIT], [report.stage, report.period.from as string, report.period.to])));
    return [...table, ...answer.figures.map((figure, k) => ({ what: `${name} figure ${k}`, of: [reports[k] as string], shown: figure.count }))];
  }

  function everyAnswer(docs: readonly ReintegrationDoc[]): Number[] {
    const numbers: Number[] = [];
    for (const scope of scopesOf(docs)) {
      if (scope.register) {
        const entry = registerReturnsOf(scope.register.projectId, { returns: [], reintegration: docs }, scope.register.partner, THRESHOLD);
        numbers.push(...answerNumbers(scope.name, scope.docs, 'country', undefined, { table: entry.reintegrationByCountry, figures: entry.figures }));
        continue;
      }
      for (const dimension of REINTEGRATION_DIMENSIONS) {
        for (const window of WINDOWS) numbers.push(...answerNumbers(`${scope.name} ${window?.from ?? ''}…${window?.to ?? ''}`, scope.docs, dimension, window, reintegrationView(scope.docs, dimension, window, THRESHOLD)));
      }
    }
    return numbers;
  }

  it('differencing: for generated caseloads with small cells, nothing hidden follows from every table by every dimension, window and scope', () => {
    let shown = 0;
    fc.assert(
      fc.property(documentsOf(caseload), (generated) => {
        const docs = generated.map(docOf);
        const truth = new Map<string, number>();
        for (const doc of docs) {
          for (const cell of cellsOf(doc)) truth.set(cell.key, (truth.get(cell.key) ?? 0) + 1);
          // A report's cell counts its figure, not one case.
          for (const report of doc.periodReports) {
            const key = cellKey(doc, [report.countryOfReturn, NOT_SPLIT, NOT_SPLIT, NOT_SPLIT], [report.stage, report.period.from as string, report.period.to]);
            truth.set(key, (truth.get(key) ?? 0) - 1 + report.count);
          }
        }
        const hidden = new Set<string>();
        for (const doc of docs) {
          const table = reintegrationCanonicalTable(doc, THRESHOLD);
          table.rows.forEach((row, i) => table.columns.forEach((column, j) => table.shown.cells[i]?.[j] === null && hidden.add(cellKey(doc, viewKey(row), viewKey(column)))));
        }
        const numbers = everyAnswer(docs);
        shown += numbers.filter((number) => number.shown !== null && number.shown > 0).length;
        expect(attack(numbers, truth, hidden)).toEqual([]);
      }),
      { seed: Number(process.env['EUTF_TEST_SEED'] ?? 11), numRuns: 150 },
    );
    expect(shown).toBeGreaterThan(1_000);
  }, 300_000);
});
