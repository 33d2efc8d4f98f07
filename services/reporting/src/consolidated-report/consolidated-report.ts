import { REPORT_SECTIONS, type FigureScope, type ReportSection } from '@eutf/event-catalog';
import { findCountry, PRIORITY_COUNTRIES } from '@eutf/reference-data';
import { isBeforeAsKnown } from '@eutf/shared-kernel';
import { countryPeriodParts, figureLine, resultLinesOf, totalsByEutfIndicator, type EutfIndicatorTotal, type LedByAnotherCountry, type Period, type ResultFigureLine, type ResultLine } from '../factsheet/country-factsheet';
import { periodFit } from '../factsheet/report-period';
import { fundingByProject, totalFunding, type FundingFigures } from '../finance/funding-figures';
import type { CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import type { FinanceDoc } from '../read-models/finance.projection';
import type { ReportProject } from '../read-models/project-register.projection';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ReportedFigureView, ReportedFiguresDoc } from '../read-models/reported-figures.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { reintegrationView, returnsViews } from '../returns/returns-views';
import type { SuppressedTable } from '../returns/small-cell-suppression';

/** The five priority countries of the Partnership Framework, in the order the Fourth Progress Report names them. */
export const REPORT_COUNTRIES: readonly string[] = PRIORITY_COUNTRIES.map((country) => country.code);

/** A figure a source states, as the report shows it: labelled as reported, by whom, with its source. */
export interface ReportedFigureLine {
  basis: 'reported';
  figureId: string;
  scope: FigureScope;
  section: ReportSection;
  description: string;
  value: number;
  valueQualifier: ReportedFigureView['valueQualifier'];
  unit: string;
  period: { from: string | null; to: string | null };
  reportedBy: string;
  source: { document: string; quote: string };
}

/**
 * The reported figures of one place in the report: those whose period lies inside the report's,
 * and apart, with their own period, those overlapping it or whose source states no period.
 */
export interface ReportedFigures {
  inPeriod: ReportedFigureLine[];
  otherPeriods: ReportedFigureLine[];
}

/** Returns and reintegration from the returns service's events, suppressed; null ("no data") when no partner reported any for the scope. */
export interface ReturnsFigures {
  basis: 'computed';
  /** Rows: country of origin; columns: host country; with totals by origin and by host country. */
  byOriginAndHost: SuppressedTable | null;
  /** Rows: country of return; columns: started, completed, abandoned. */
  reintegration: SuppressedTable | null;
}

export interface ProjectCounts {
  basis: 'computed';
  /** Registered projects adopted (or begun) by the end of the period; those whose date is not known count too. */
  approved: number;
  /** Of those, the projects whose implementation has begun and that ran during the period. */
  underImplementation: number;
}

export interface EuContribution extends FundingFigures {
  basis: 'computed';
  /** The EU contributions the registrations give, added up; `projectsWithoutAmount` says how many give none. */
  registeredCents: number;
  projectsWithoutAmount: number;
  /** How many of the projects the funding ledger holds nothing of (by the end of the period). */
  projectsWithoutData: number;
}

/**
 * Results of one EUTF common output indicator shown apart from the figures: how many, of how many
 * projects, and the span of their own periods; their values are never added up.
 */
export interface ResultsApartByIndicator {
  /** The EUTF code as the project maps its indicator; null for an indicator mapped to none. */
  eutfIndicator: string | null;
  unit: string;
  results: number;
  projects: number;
  /** The earliest start of their own periods (null: a running total since the start) and the latest end. */
  periods: { from: string | null; to: string };
}

/**
 * Results shown apart, counted rather than listed: a headquarters report covers thousands of
 * projects, and one line per result made it megabytes (bench:reports). Each country's factsheet
 * lists the lines themselves.
 */
export interface ResultsApart {
  results: number;
  projects: number;
  byEutfIndicator: ResultsApartByIndicator[];
}

export interface ResultsFigures {
  basis: 'computed';
  /** Approved results only, whose period lies inside the report's, per EUTF common output indicator. */
  byEutfIndicator: EutfIndicatorTotal[];
  byEutfIndicatorNotMapped: EutfIndicatorTotal[];
  /** Waiting for the officer's approval: shown apart, never counted. */
  pendingApproval: ResultsApart;
  /** Approved, for a period overlapping the report's without lying inside it: shown apart, never counted. */
  approvedForOtherPeriods: ResultsApart;
}

export interface CountrySection {
  country: { code: string; name: string };
  /**
   * Counts, amounts and results of the projects the country leads; the multi-country projects it
   * only participates in are listed apart (`ledByAnotherCountry`, with their lead), never added up here.
   */
  euSupport: {
    projects: ProjectCounts;
    euContribution: EuContribution;
    measures: CountryPartnershipDoc['euSupportMeasures'] | null;
    reported: ReportedFigures;
    ledByAnotherCountry: LedByAnotherCountry[];
  };
  results: ResultsFigures & { reported: ReportedFigures };
  returnsAndReintegration: ReturnsFigures & { reported: ReportedFigures };
  /** Null where the reader does not read the country's partnership record (a partner). */
  highLevelEngagement: { basis: 'computed'; count: number } | null;
  keyProgress: { entries: CountryPartnershipDoc['keyProgress']; reported: ReportedFigures } | null;
  nextSteps: CountryPartnershipDoc['nextSteps'] | null;
  /** Reported figures for the country in the overview, cooperation or regional-dialogue sections. */
  otherReported: ReportedFigures;
}

export interface TotalsSection {
  overview: { reported: ReportedFigures };
  euSupport: { projects: ProjectCounts; euContribution: EuContribution; reported: ReportedFigures };
  results: ResultsFigures & { reported: ReportedFigures };
  returnsAndReintegration: ReturnsFigures & { reported: ReportedFigures };
  highLevelEngagement: { basis: 'computed'; count: number };
  keyProgress: { reported: ReportedFigures };
}

export interface RegionalSections {
  /** Cooperation with partner countries beyond the five (liaison officers, support to joint forces): programme-wide and regional figures. */
  cooperation: ReportedFigures;
  /** Regional dialogues (the Rabat Process): their figures. */
  regionalDialogue: ReportedFigures;
  /** Other figures reported for a region. */
  otherRegional: ReportedFigures;
}

/** The consolidated Partnership Framework progress report, shaped like the Fourth Progress Report (002_…). */
export interface ConsolidatedReport {
  title: string;
  period: Period;
  /** What the reader reads of it: headquarters all of it; an officer their country's section; a partner its own projects. */
  audience: { countries: string[]; partner: string | null; whole: boolean };
  countries: CountrySection[];
  /** Null unless the reader reads the whole report (headquarters). */
  totals: TotalsSection | null;
  regional: RegionalSections | null;
  /** Countries outside the five with reported figures (Libya, on the Central Mediterranean route). */
  otherCountries: Array<{ country: { code: string; name: string }; reported: ReportedFigures }> | null;
  /**
   * Headquarters' report only: the figures of closed periods that ended before this one began
   * which changed since they were frozen (approved or corrected later), never written into the
   * frozen report itself.
   */
  restatements?: Restatement[];
}

/** A figure of a closed period as it is now, beside its value in the frozen report: labelled as a restatement of that period. */
export interface Restatement {
  basis: 'restatement';
  restates: { closureId: string; period: Period; version: number; closedAt: string; contentHash: string };
  section: string;
  country: string | null;
  figure: string;
  unit: string | null;
  /** Null where the frozen report did not count it. */
  frozenValue: number | null;
  /** Null where it no longer counts, or its cell is suppressed. */
  restatedValue: number | null;
  note: string | null;
}

export interface ConsolidatedReportInput {
  period: Period;
  /** Which of the five countries the reader reads, and as which partner (null: every partner). */
  audience: ConsolidatedReport['audience'];
  partnerships: readonly CountryPartnershipDoc[];
  projects: readonly ReportProject[];
  funding: readonly FinanceDoc[];
  returns: readonly ProjectReturnsDoc[];
  reintegration: readonly ReintegrationDoc[];
  reportedFigures: readonly ReportedFiguresDoc[];
}

const lineOf = (figure: ReportedFigureView): ReportedFigureLine => ({
  basis: 'reported',
  figureId: figure.figureId,
  scope: figure.scope,
  section: figure.section,
  description: figure.description,
  value: figure.value,
  valueQualifier: figure.valueQualifier,
  unit: figure.unit,
  period: figure.period,
  reportedBy: figure.reportedBy,
  source: figure.source,
});

/** The figures inside the period, and apart those overlapping it or with no stated period; those wholly outside are left out. */
export function placeReportedFigures(figures: readonly ReportedFigureView[], period: Period): ReportedFigures {
  const placed = figures.map((figure) => ({ line: lineOf(figure), fit: periodFit(figure.period, period) }));
  const inOrder = (lines: ReportedFigureLine[]) => lines.sort((a, b) => REPORT_SECTIONS.indexOf(a.section) - REPORT_SECTIONS.indexOf(b.section) || a.figureId.localeCompare(b.figureId));
  return {
    inPeriod: inOrder(placed.filter(({ fit }) => fit === 'inside').map(({ line }) => line)),
    otherPeriods: inOrder(placed.filter(({ fit }) => fit === 'apart').map(({ line }) => line)),
  };
}

const adoptedBy = (project: ReportProject, day: string) => {
  const adopted = project.adoptedOn ?? project.startDate;
  return adopted === null || !isBeforeAsKnown(day, adopted);
};
const ranDuring = (project: ReportProject, period: Period) =>
  project.status !== 'pipeline' && adoptedBy(project, period.to) && !(project.endDate !== null && isBeforeAsKnown(project.endDate, period.from));

function projectCounts(projects: readonly ReportProject[], period: Period): ProjectCounts {
  const approved = projects.filter((project) => adoptedBy(project, period.to));
  return { basis: 'computed', approved: approved.length, underImplementation: approved.filter((project) => ranDuring(project, period)).length };
}

function euContribution(projects: readonly ReportProject[], financeOf: (projectId: string) => FundingFigures, period: Period): EuContribution {
  const approved = projects.filter((project) => adoptedBy(project, period.to));
  return {
    basis: 'computed',
    registeredCents: approved.reduce((total, project) => total + (project.euContributionCents ?? 0), 0),
    projectsWithoutAmount: approved.filter((project) => project.euContributionCents === null).length,
    ...totalFunding(approved.map((project) => financeOf(project.projectId))),
  };
}

/** Returns and reintegration of these projects, in the period's months (a figure counts only if all its months lie inside), suppressed. */
function returnsFigures(projectIds: ReadonlySet<string>, returns: readonly ProjectReturnsDoc[], reintegration: readonly ReintegrationDoc[], period: Period): ReturnsFigures {
  const window = { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
  const ofProjects = <Doc extends { projectId: string }>(docs: readonly Doc[]) => docs.filter((doc) => projectIds.has(doc.projectId));
  const returnDocs = ofProjects(returns);
  const reintegrationDocs = ofProjects(reintegration);
  return {
    basis: 'computed',
    byOriginAndHost: returnDocs.length === 0 ? null : returnsViews(returnDocs, window).byOriginAndHost,
    reintegration: reintegrationDocs.length === 0 ? null : reintegrationView(reintegrationDocs, 'country', window).table,
  };
}

const byCode = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en', { numeric: true }));

/** Results counted by EUTF indicator and unit, with the projects they come from and the span of their periods. */
export function resultsApart(lines: readonly ResultFigureLine[]): ResultsApart {
  const groups = new Map<string, ResultsApartByIndicator & { of: Set<string> }>();
  for (const line of lines) {
    const key = `${line.eutfIndicator ?? ''}\u0000${line.unit}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { eutfIndicator: line.eutfIndicator, unit: line.unit, results: 1, projects: 0, periods: { ...line.period }, of: new Set([line.projectId]) });
      continue;
    }
    group.results += 1;
    group.of.add(line.projectId);
    if (group.periods.from !== null && (line.period.from === null || line.period.from < group.periods.from)) group.periods.from = line.period.from;
    if (line.period.to > group.periods.to) group.periods.to = line.period.to;
  }
  const byEutfIndicator = [...groups.values()]
    .sort((a, b) => byCode(a.eutfIndicator, b.eutfIndicator) || a.unit.localeCompare(b.unit))
    .map(({ of, ...group }) => ({ ...group, projects: of.size }));
  return { results: lines.length, projects: new Set(lines.map((line) => line.projectId)).size, byEutfIndicator };
}

function resultsFigures(approved: readonly ResultFigureLine[], pendingApproval: readonly ResultFigureLine[], approvedForOtherPeriods: readonly ResultFigureLine[], projects: readonly ReportProject[]): ResultsFigures {
  return { basis: 'computed', ...totalsByEutfIndicator(approved, projects), pendingApproval: resultsApart(pendingApproval), approvedForOtherPeriods: resultsApart(approvedForOtherPeriods) };
}

const sectionOf = (figures: readonly ReportedFigureView[], sections: readonly ReportSection[]) => figures.filter((figure) => sections.includes(figure.section));

/**
 * Builds the consolidated report for a period from the read models: one section per priority
 * country the reader reads, the totals, the regional sections, and the figures the sources state
 * beside those the system computes. Pure: the same documents always give the same report.
 */
export function buildConsolidatedReport(input: ConsolidatedReportInput): ConsolidatedReport {
  const { period, audience } = input;
  const figuresOf = (scopeKey: string) => input.reportedFigures.find((doc) => doc.scopeKey === scopeKey)?.figures ?? [];
  const place = (figures: readonly ReportedFigureView[]) => placeReportedFigures(figures, period);
  // Once for every section: the ledger's figures of each project at the end of the period.
  const financeOf = fundingByProject(input.funding, period.to);

  const countries = audience.countries.map((code): CountrySection => {
    const partnership = audience.whole || audience.partner === null ? input.partnerships.find((doc) => doc.country === code) : undefined;
    // A project in several countries counts in its lead country's section only; the others list it.
    const parts = countryPeriodParts(code, period, partnership, input.projects, figureLine);
    const projects = parts.inCountry;
    const reported = audience.partner === null ? figuresOf(`country-${code}`) : [];
    const readsPartnership = audience.partner === null;
    return {
      country: { code, name: findCountry(code)?.name ?? code },
      euSupport: {
        projects: projectCounts(projects, period),
        euContribution: euContribution(projects, financeOf, period),
        measures: readsPartnership ? parts.measures : null,
        reported: place(sectionOf(reported, ['eu-support'])),
        ledByAnotherCountry: parts.ledByAnotherCountry,
      },
      results: { ...resultsFigures(parts.results.approved, parts.results.pendingApproval, parts.results.approvedOutsidePeriod, projects), reported: place(sectionOf(reported, ['results'])) },
      returnsAndReintegration: {
        ...returnsFigures(new Set(projects.map((project) => project.projectId)), input.returns, input.reintegration, period),
        reported: place(sectionOf(reported, ['returns-and-reintegration'])),
      },
      highLevelEngagement: readsPartnership ? { basis: 'computed', count: parts.highLevelEngagement.length } : null,
      keyProgress: readsPartnership ? { entries: parts.keyProgress, reported: place(sectionOf(reported, ['key-progress'])) } : null,
      nextSteps: readsPartnership ? parts.nextSteps : null,
      otherReported: place(sectionOf(reported, ['overview', 'cooperation', 'regional-dialogue'])),
    };
  });
  const sections = countries;
  if (!audience.whole) return { title: REPORT_TITLE, period, audience, countries: sections, totals: null, regional: null, otherCountries: null };

  // Totals over the five countries' projects, each project counted once however many of them it
  // serves: also one led by a country outside the five, which no country section adds up.
  const ofTheFive = input.projects.filter((project) => project.countries.some((code) => REPORT_COUNTRIES.includes(code)));
  const lines = resultLinesOf(ofTheFive, period, figureLine);
  const programme = figuresOf('programme');
  const regional = input.reportedFigures.filter((doc) => doc.scope.level === 'region').flatMap((doc) => doc.figures);
  const totals: TotalsSection = {
    overview: { reported: place(sectionOf(programme, ['overview'])) },
    euSupport: { projects: projectCounts(ofTheFive, period), euContribution: euContribution(ofTheFive, financeOf, period), reported: place(sectionOf(programme, ['eu-support'])) },
    results: {
      ...resultsFigures(lines.approved, lines.pendingApproval, lines.approvedOutsidePeriod, ofTheFive),
      reported: place(sectionOf(programme, ['results'])),
    },
    returnsAndReintegration: {
      ...returnsFigures(new Set(ofTheFive.map((project) => project.projectId)), input.returns, input.reintegration, period),
      reported: place(sectionOf(programme, ['returns-and-reintegration'])),
    },
    highLevelEngagement: { basis: 'computed', count: sections.reduce((total, section) => total + (section.highLevelEngagement?.count ?? 0), 0) },
    keyProgress: { reported: place(sectionOf(programme, ['key-progress'])) },
  };
  const otherCountries = input.reportedFigures
    .filter((doc): doc is ReportedFiguresDoc & { scope: { level: 'country'; country: string } } => doc.scope.level === 'country' && !REPORT_COUNTRIES.includes(doc.scope.country))
    .map((doc) => ({ country: { code: doc.scope.country, name: findCountry(doc.scope.country)?.name ?? doc.scope.country }, reported: place(doc.figures) }))
    .filter(({ reported }) => reported.inPeriod.length + reported.otherPeriods.length > 0)
    .sort((a, b) => a.country.name.localeCompare(b.country.name));
  return {
    title: REPORT_TITLE,
    period,
    audience,
    countries: sections,
    totals,
    regional: {
      cooperation: place([...sectionOf(programme, ['cooperation']), ...sectionOf(regional, ['cooperation'])]),
      regionalDialogue: place([...sectionOf(programme, ['regional-dialogue']), ...sectionOf(regional, ['regional-dialogue'])]),
      otherRegional: place(regional.filter((figure) => figure.section !== 'cooperation' && figure.section !== 'regional-dialogue')),
    },
    otherCountries,
  };
}

/**
 * A frozen report as stored, read back for the formats and the restatements. Reports frozen before
 * results apart were counted hold their lines: those are counted here the same way, while the
 * stored text (what the closure's hash is of) stays as it was.
 */
export function readFrozenReport(text: string): ConsolidatedReport {
  const report = JSON.parse(text) as ConsolidatedReport;
  type Frozen = { pendingApproval: ResultsApart | ResultLine[]; approvedForOtherPeriods: ResultsApart | ResultLine[] };
  const counted = (results: Frozen) => {
    if (Array.isArray(results.pendingApproval)) results.pendingApproval = resultsApart(results.pendingApproval);
    if (Array.isArray(results.approvedForOtherPeriods)) results.approvedForOtherPeriods = resultsApart(results.approvedForOtherPeriods);
  };
  for (const section of report.countries) counted(section.results);
  if (report.totals) counted(report.totals.results);
  return report;
}

export const REPORT_TITLE = 'Partnership Framework with third countries under the European Agenda on Migration: progress report';
