import type { Period } from '../factsheet/country-factsheet';
import { consolidatedReportRows } from '../consolidated-report/consolidated-report.render';
import { readFrozenReport, type ConsolidatedReport, type Restatement } from '../consolidated-report/consolidated-report';
import { canonicalJson, sha256Hex } from './canonical-json';

/** A closed reporting period: one frozen version of headquarters' consolidated report for it. */
export interface PeriodClosure {
  /** `<from>_<to>_v<version>`. */
  closureId: string;
  period: Period;
  /** 1 for the first close; each new version of a closed period gives its reason. */
  version: number;
  reason: string | null;
  /** The instant the report was frozen at: it holds the events recorded up to it. */
  closedAt: string;
  closedBy: { subject: string; role: string };
  /** SHA-256 (hex) of the frozen report's canonical JSON, which is exactly what is served. */
  contentHash: string;
}

/** The rules of closing a period: each one's name, status and sentence. */
export const PERIOD_CLOSE_RULES = {
  'period-already-closed': { status: 409, detail: 'This period is closed: its frozen report stays as it is; a new version needs a reason.' },
  'closed-periods-overlap': { status: 409, detail: 'The period overlaps another closed period: a result would belong to two frozen reports.' },
  'closed-period-never-reopens': { status: 409, detail: 'A closed period is never reopened: close a new version with a reason instead; every version stays readable.' },
  'period-not-over': { status: 422, detail: 'The period has not ended yet: only a past period can be closed.' },
} as const;
export type PeriodCloseRule = keyof typeof PERIOD_CLOSE_RULES;

export const closureIdOf = (period: Period, version: number) => `${period.from}_${period.to}_v${version}`;

const samePeriod = (a: Period, b: Period) => a.from === b.from && a.to === b.to;
const overlaps = (a: Period, b: Period) => a.from <= b.to && b.from <= a.to;

/**
 * Whether a period may be closed (again), and as which version: pure, over the closures there are.
 * A first close needs no reason; a closed period takes a new version only with one.
 */
export function decideClosure(
  closures: readonly PeriodClosure[],
  request: { period: Period; reason: string | null; today: string },
): { version: number } | { rule: PeriodCloseRule } {
  const { period, reason, today } = request;
  if (period.to >= today) return { rule: 'period-not-over' };
  if (closures.some((closure) => !samePeriod(closure.period, period) && overlaps(closure.period, period))) return { rule: 'closed-periods-overlap' };
  const versions = closures.filter((closure) => samePeriod(closure.period, period)).map((closure) => closure.version);
  if (versions.length > 0 && reason === null) return { rule: 'period-already-closed' };
  return { version: Math.max(0, ...versions) + 1 };
}

/** The latest version of each closed period, as known at an instant (all of them without one). */
export function latestClosures(closures: readonly PeriodClosure[], asOf?: Date): PeriodClosure[] {
  const known = asOf === undefined ? closures : closures.filter((closure) => Date.parse(closure.closedAt) <= asOf.getTime());
  const latest = new Map<string, PeriodClosure>();
  for (const closure of known) {
    const key = `${closure.period.from}_${closure.period.to}`;
    if ((latest.get(key)?.version ?? 0) < closure.version) latest.set(key, closure);
  }
  return [...latest.values()].sort((a, b) => a.period.from.localeCompare(b.period.from));
}

/** The closed periods a report restates: those that ended before its period begins ("the next report"). */
export const closuresRestatedIn = (period: Period, closures: readonly PeriodClosure[]) => closures.filter((closure) => closure.period.to < period.from);

const COUNTED = 10;
const keyOf = (row: ReadonlyArray<string | number | null>) => row.slice(0, 4).join('\u0000');

/**
 * What changed in a closed period since it was frozen: every figure counted in the period whose
 * value (or qualifier, or note) differs between the frozen report and the same period's report
 * today — a result approved or corrected later, a payment recorded late. The frozen report is not
 * touched; these are shown in the next report, each labelled as a restatement of the closed period.
 */
export function restatementsOf(closure: PeriodClosure, frozen: ConsolidatedReport, current: ConsolidatedReport): Restatement[] {
  const counted = (report: ConsolidatedReport) => new Map(consolidatedReportRows(report).filter((row) => row[COUNTED] === 'yes').map((row) => [keyOf(row), row]));
  const [before, now] = [counted(frozen), counted(current)];
  const restated: Restatement[] = [];
  for (const key of new Set([...before.keys(), ...now.keys()])) {
    const [was, is] = [before.get(key), now.get(key)];
    const shown = (row: typeof was) => JSON.stringify(row === undefined ? null : [row[5], row[6], row[14]]);
    if (shown(was) === shown(is)) continue;
    const row = (is ?? was) as ReadonlyArray<string | number | null>;
    restated.push({
      basis: 'restatement',
      restates: { closureId: closure.closureId, period: closure.period, version: closure.version, closedAt: closure.closedAt, contentHash: closure.contentHash },
      section: String(row[0]),
      country: row[1] === '' ? null : String(row[1]),
      figure: String(row[3]),
      unit: row[7] === null ? null : String(row[7]),
      frozenValue: was === undefined ? null : ((was[5] as number | null) ?? null),
      restatedValue: is === undefined ? null : ((is[5] as number | null) ?? null),
      note: is === undefined ? 'no longer in the period' : was === undefined ? 'new in the period' : ((is[14] as string | null) ?? null),
    });
  }
  return restated;
}

/**
 * Whether a report recomputed as of a closure's instant (its canonical JSON) is the frozen one: its
 * hash is the closure's. A report frozen when results apart were listed line by line is compared as
 * it reads today, its lines counted (`readFrozenReport`); one frozen since reads back as its own
 * text, so for it only the hash decides.
 */
export function reproduces(frozenText: string, contentHash: string, recomputed: string): boolean {
  return sha256Hex(recomputed) === contentHash || canonicalJson(readFrozenReport(frozenText)) === recomputed;
}
