import { CURRENT_INDICATOR_CATALOGUE_VERSION, findCountry, isIndicatorCatalogueVersion, mapIndicator } from '@eutf/reference-data';
import { isBeforeAsKnown } from '@eutf/shared-kernel';
import { fundingByProject, totalFunding, type FundingFigures } from '../finance/funding-figures';
import type { CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import type { FinanceDoc } from '../read-models/finance.projection';
import { leadCountryOf, type ReportProject, type ReportResult, type ResultView } from '../read-models/project-register.projection';
import type { ReintegrationDoc } from '../read-models/reintegration.projection';
import type { ProjectReturnsDoc } from '../read-models/returns.projection';
import { reintegrationView, returnsViews, type SourcedFigure } from '../returns/returns-views';
import { periodFit } from './report-period';
import { textsUnavailable, type TextOf } from '../free-texts/free-texts';
import type { FreeTextView } from '@eutf/event-catalog';

export interface Period {
  from: string;
  to: string;
}

/** A result's period; `from` is null for a running total "since the project began". */
export interface ResultPeriod {
  from: string | null;
  to: string;
}

export type ValueQualifier = ResultView['valueQualifier'];

export interface ResultLine {
  projectId: string;
  /** Null while the project's EUTF reference is pending. */
  reference: string | null;
  projectTitle: string;
  indicatorId: string;
  indicator: string;
  eutfIndicator: string | null;
  /** The implementing partner that reported it: co-partners of a project each report their own part. Null before it was kept. */
  reportingOrg: string | null;
  unit: string;
  baseline: number | null;
  target: number | null;
  period: ResultPeriod;
  value: number;
  valueQualifier: ValueQualifier;
  status: ResultView['status'];
  /** Why the officer returned it: the text, or an "erased" marker once an admin erased it. */
  returnReason: FreeTextView | null;
}

/** Approved figures under one EUTF common output indicator code of one catalogue version. */
export interface EutfIndicatorTotal {
  code: string;
  catalogueVersion: string;
  unit: string;
  total: number;
  qualifier: ValueQualifier;
}

/**
 * A project in several countries, in the factsheet of a country that participates in it: listed
 * with its lead, its money and results counted in the lead country's factsheet only.
 */
export interface LedByAnotherCountry {
  projectId: string;
  reference: string | null;
  title: string;
  leadCountry: { code: string; name: string };
  countries: string[];
  status: string;
}

/** The shape of the EU's country factsheets under the Partnership Framework (see seeds 000_…). */
export interface CountryFactsheet {
  country: { code: string; name: string; priority: boolean };
  period: Period;
  highLevelEngagement: CountryPartnershipDoc['highLevelEngagement'];
  keyProgress: CountryPartnershipDoc['keyProgress'];
  euSupport: {
    projects: Array<{
      projectId: string;
      reference: string | null;
      title: string;
      window: string | null;
      implementingPartners: string[];
      euContributionCents: number | null;
      adoptedOn: string | null;
      status: string;
      /** What the funding ledger held by the end of the period; null where it holds nothing. */
      finance: FundingFigures;
    }>;
    /** The sum of the amounts that are known; `projectsWithoutAmount` says how many are not. */
    totalEuContributionCents: number;
    projectsWithoutAmount: number;
    /** The ledger's figures of these projects added up, null when it holds nothing of any; `projectsWithoutData` says how many it has nothing of. */
    finance: FundingFigures & { projectsWithoutData: number };
    measures: CountryPartnershipDoc['euSupportMeasures'];
    /**
     * Multi-country projects led by another country that this one participates in, running in the
     * period: listed, never added to this factsheet's amounts, finance or results.
     */
    ledByAnotherCountry: LedByAnotherCountry[];
  };
  results: {
    /** Only approved results whose period lies inside the factsheet's count (see `periodFit`). */
    approved: ResultLine[];
    /**
     * Approved results whose period overlaps the factsheet's without lying inside it (or a running
     * total ending after it): shown apart, each with its own period, never added to the figures.
     */
    approvedOutsidePeriod: ResultLine[];
    /** Shown apart, never added to the figures. */
    pendingApproval: ResultLine[];
    returnedForRevision: ResultLine[];
    /**
     * Approved figures per EUTF common output indicator of the current catalogue, across the
     * country's projects; figures under an older version's code are added through the published mapping.
     */
    byEutfIndicator: EutfIndicatorTotal[];
    /**
     * Figures whose code the mapping does not carry over to one code of the current catalogue (split,
     * removed, or not in its catalogue): shown apart, each under its own code and version, never summed with another version's.
     */
    byEutfIndicatorNotMapped: EutfIndicatorTotal[];
    /**
     * What the partners of the country's projects reported of returns and reintegration for a
     * period lying wholly in the factsheet's, each figure with its source; a small count is null
     * (suppressed). The returns service is their source of truth, not an indicator's result.
     */
    returnsAndReintegration: SourcedFigure[];
  };
  nextSteps: CountryPartnershipDoc['nextSteps'];
}

/**
 * Whether an entry's date falls in the period, compared only as precisely as the date is known:
 * "2016-06" is within a period starting on 2016-06-01, as June 2016 overlaps it. An undated entry
 * is in every period; so is one of a document written before entries were dated (no date at all).
 */
const within = (date: string | null | undefined, period: Period) => date === null || date === undefined || (!isBeforeAsKnown(date, period.from) && !isBeforeAsKnown(period.to, date));

/**
 * Whether a project is EU support in the period: adopted or started by its end, and not ended
 * before its start. A date that is not known does not exclude it.
 */
const runsDuring = (project: ReportProject, period: Period) => {
  const begun = project.startDate ?? project.adoptedOn;
  const beganBy = begun === null || !isBeforeAsKnown(period.to, begun);
  const endedBefore = project.endDate !== null && isBeforeAsKnown(project.endDate, period.from);
  return beganBy && !endedBefore;
};

/**
 * What a country's factsheet and its section of the consolidated report both read: its projects
 * (led here, and led elsewhere while running in the period), its results' lines split as they are
 * shown (each made by `lineOf`: the factsheet's whole lines, the report's figures only), and its
 * partnership record within the period.
 */
export function countryPeriodParts<Line extends ResultFigureLine>(country: string, period: Period, partnership: CountryPartnershipDoc | undefined, projects: readonly ReportProject[], lineOf: LineOf<Line>) {
  // Referenced projects first, in reference order; those awaiting a reference after them.
  const sortKey = (project: ReportProject) => (project.reference !== null ? `0${project.reference}` : `1${project.title}`);
  const listing = projects.filter((project) => project.countries.includes(country)).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  // A project in several countries counts in its lead country only, so that no sum over countries counts it twice.
  const inCountry = listing.filter((project) => leadCountryOf(project) === country);
  return {
    inCountry,
    ledByAnotherCountry: listing
      .filter((project) => leadCountryOf(project) !== country && runsDuring(project, period))
      .map((project): LedByAnotherCountry => {
        const lead = leadCountryOf(project);
        return {
          projectId: project.projectId,
          reference: project.reference,
          title: project.title,
          leadCountry: { code: lead, name: findCountry(lead)?.name ?? lead },
          countries: project.countries,
          status: project.status,
        };
      }),
    results: resultLinesOf(inCountry, period, lineOf),
    highLevelEngagement: (partnership?.highLevelEngagement ?? []).filter((entry) => within(entry.date, period)),
    keyProgress: (partnership?.keyProgress ?? []).filter((entry) => within(entry.date, period)),
    measures: (partnership?.euSupportMeasures ?? []).filter((measure) => within(measure.date, period)),
    nextSteps: partnership?.nextSteps ?? [],
  };
}

/**
 * Builds a country's factsheet for a period from the read models (live, or folded in memory
 * "as of" a date). Pure: the same documents always give the same factsheet.
 */
export function buildCountryFactsheet(
  country: string,
  period: Period,
  partnership: CountryPartnershipDoc | undefined,
  projects: readonly ReportProject[],
  funding: readonly FinanceDoc[],
  reported: { returns: readonly ProjectReturnsDoc[]; reintegration: readonly ReintegrationDoc[] } = { returns: [], reintegration: [] },
  textOf: TextOf = textsUnavailable,
): CountryFactsheet {
  const known = findCountry(country);
  const parts = countryPeriodParts(country, period, partnership, projects, wholeLine(textOf));
  const { inCountry } = parts;
  const supported = inCountry.filter((project) => runsDuring(project, period));
  const financeOf = fundingByProject(funding, period.to);
  return {
    country: { code: country, name: known?.name ?? country, priority: known?.priority ?? false },
    period,
    highLevelEngagement: parts.highLevelEngagement,
    keyProgress: parts.keyProgress,
    euSupport: {
      projects: supported.map((project) => ({
        projectId: project.projectId,
        reference: project.reference,
        title: project.title,
        window: project.window,
        implementingPartners: project.implementingPartners,
        euContributionCents: project.euContributionCents,
        adoptedOn: project.adoptedOn,
        status: project.status,
        finance: financeOf(project.projectId),
      })),
      totalEuContributionCents: supported.reduce((total, project) => total + (project.euContributionCents ?? 0), 0),
      projectsWithoutAmount: supported.filter((project) => project.euContributionCents === null).length,
      finance: totalFunding(supported.map((project) => financeOf(project.projectId))),
      measures: parts.measures,
      ledByAnotherCountry: parts.ledByAnotherCountry,
    },
    results: {
      ...parts.results,
      ...totalsByEutfIndicator(parts.results.approved, inCountry),
      returnsAndReintegration: returnsAndReintegrationOf(reported, new Set(inCountry.map((project) => project.projectId)), period),
    },
    nextSteps: parts.nextSteps,
  };
}

/** Each result of these projects whose period is not wholly outside the report's, marked whether it lies inside it. */
/** What a report's figures read of a result's line: the consolidated report counts, it never lists. */
export type ResultFigureLine = Pick<ResultLine, 'projectId' | 'indicatorId' | 'eutfIndicator' | 'reportingOrg' | 'unit' | 'period' | 'value' | 'valueQualifier'>;

/** Makes a result's line, given its project and the indicator it reports on (undefined: not defined there). */
export type LineOf<Line> = (project: ReportProject, result: ReportResult, indicator: ReportProject['indicators'][number] | undefined) => Line;

/** The whole line, as a factsheet lists it, its return reason shown by `textOf`. */
export const wholeLine =
  (textOf: TextOf = textsUnavailable): LineOf<ResultLine> =>
  (project, result, indicator) => ({
    projectId: project.projectId,
    reference: project.reference,
    projectTitle: project.title,
    indicatorId: result.indicatorId,
    indicator: indicator?.title ?? result.indicatorId,
    eutfIndicator: indicator?.eutfIndicator?.code ?? null,
    reportingOrg: result.reportingOrg ?? null,
    unit: indicator?.unit ?? '',
    baseline: indicator?.baseline ?? null,
    target: indicator?.target ?? null,
    period: result.period,
    value: result.value,
    valueQualifier: result.valueQualifier,
    status: result.status,
    // A report's figure of a result carries no reason (the consolidated report shows none).
    returnReason: result.returnReason === null || result.returnReason === undefined ? null : textOf(result.returnReason),
  });

/** The figures only: what the consolidated report adds up and counts, for hundreds of thousands of results. */
export const figureLine: LineOf<ResultFigureLine> = (project, result, indicator) => ({
  projectId: project.projectId,
  indicatorId: result.indicatorId,
  eutfIndicator: indicator?.eutfIndicator?.code ?? null,
  reportingOrg: result.reportingOrg ?? null,
  unit: indicator?.unit ?? '',
  period: result.period,
  value: result.value,
  valueQualifier: result.valueQualifier,
});

/** The lines of a report's results, split as it shows them. */
export interface ResultLines<Line> {
  /** Approved, for a period inside the report's: counted. */
  approved: Line[];
  /** Approved, for a period overlapping the report's without lying inside it: shown apart. */
  approvedOutsidePeriod: Line[];
  pendingApproval: Line[];
  returnedForRevision: Line[];
}

/**
 * The lines of the projects' results whose period is not wholly outside the report's, split in one
 * pass, each made once (a headquarters report makes hundreds of thousands: the garbage collector
 * was the costliest part of it).
 */
export function resultLinesOf<Line>(projects: readonly ReportProject[], period: Period, lineOf: LineOf<Line>): ResultLines<Line> {
  const lines: ResultLines<Line> = { approved: [], approvedOutsidePeriod: [], pendingApproval: [], returnedForRevision: [] };
  for (const project of projects) {
    for (const result of project.results) {
      const fit = periodFit(result.period, period);
      if (fit === 'outside') continue;
      const shownIn =
        result.status === 'approved' ? (fit === 'inside' ? lines.approved : lines.approvedOutsidePeriod) : result.status === 'pending-approval' ? lines.pendingApproval : result.status === 'returned-for-revision' ? lines.returnedForRevision : undefined;
      shownIn?.push(lineOf(project, result, project.indicators.find((candidate) => candidate.indicatorId === result.indicatorId)));
    }
  }
  return lines;
}

/** The period figures of the country's projects, in the factsheet's months: a figure counts only if all its months lie inside. */
function returnsAndReintegrationOf(reported: { returns: readonly ProjectReturnsDoc[]; reintegration: readonly ReintegrationDoc[] }, projectIds: ReadonlySet<string>, period: Period): SourcedFigure[] {
  const window = { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
  const ofCountry = <Doc extends { projectId: string }>(docs: readonly Doc[]) => docs.filter((doc) => projectIds.has(doc.projectId));
  return [...returnsViews(ofCountry(reported.returns), window).figures, ...reintegrationView(ofCountry(reported.reintegration), 'country', window).figures];
}

type EutfIndicatorRef = { code: string; catalogueVersion: string };

/**
 * Where an indicator's figures are added up: under the current catalogue's code when the published
 * mapping carries its code over to exactly one (unchanged, renamed, or merged into a broader one);
 * otherwise under its own code and version, apart, as adding it to another version's code would
 * count different things as one (3.5 of 2019 included reintegration, which 3.5 of 2021 does not).
 */
export function eutfTotalKey(indicator: EutfIndicatorRef): EutfIndicatorRef & { mapped: boolean } {
  const mapping = isIndicatorCatalogueVersion(indicator.catalogueVersion)
    ? mapIndicator(indicator.code, indicator.catalogueVersion, CURRENT_INDICATOR_CATALOGUE_VERSION)
    : undefined;
  const [only, ...more] = mapping?.to ?? [];
  if (only === undefined || more.length > 0) return { ...indicator, mapped: false };
  return { code: only, catalogueVersion: CURRENT_INDICATOR_CATALOGUE_VERSION, mapped: true };
}

/**
 * Per-period indicators add up over the period; a cumulative one counts once per project and
 * partner, at its latest approved value, since each report already includes the ones before (and
 * co-partners of a project each report their own part).
 */
export function totalsByEutfIndicator(approved: readonly ResultFigureLine[], projects: readonly ReportProject[]) {
  // By id, the first of each as `find` would take it: a headquarters report has hundreds of
  // thousands of lines over thousands of projects, and a search per line made it quadratic (bench:reports).
  const byProject = new Map<string, ReportProject>();
  for (const project of projects) if (!byProject.has(project.projectId)) byProject.set(project.projectId, project);
  type Indicator = ReportProject['indicators'][number];
  const indicatorsOf = new Map<string, Map<string, Indicator>>();
  const indicatorOf = (line: ResultFigureLine) => {
    let indicators = indicatorsOf.get(line.projectId);
    if (!indicators) {
      indicators = new Map();
      for (const indicator of byProject.get(line.projectId)?.indicators ?? []) if (!indicators.has(indicator.indicatorId)) indicators.set(indicator.indicatorId, indicator);
      indicatorsOf.set(line.projectId, indicators);
    }
    return indicators.get(line.indicatorId);
  };
  const latestCumulative = new Map<string, { line: ResultFigureLine; eutfIndicator: Indicator['eutfIndicator'] }>();
  const totals = new Map<string, EutfIndicatorTotal & { mapped: boolean }>();
  // Where each indicator's mapping adds up, by the mapping itself: an indicator's lines share it.
  const totalOf = new Map<NonNullable<Indicator['eutfIndicator']>, EutfIndicatorTotal & { mapped: boolean }>();
  const add = (line: ResultFigureLine, eutfIndicator: Indicator['eutfIndicator'] | undefined) => {
    if (!eutfIndicator) return;
    // Added up in place: one new object per line made the garbage collector the costliest part of a large report.
    const entry = totalOf.get(eutfIndicator);
    if (entry) {
      entry.total += line.value;
      entry.qualifier = combinedQualifier(entry.qualifier, line.valueQualifier);
      return;
    }
    const { mapped, ...where } = eutfTotalKey(eutfIndicator);
    const key = `${where.catalogueVersion}/${where.code}`;
    const total = totals.get(key) ?? { ...where, mapped, unit: line.unit, total: 0, qualifier: null };
    total.total += line.value;
    total.qualifier = combinedQualifier(total.qualifier, line.valueQualifier);
    totals.set(key, total);
    totalOf.set(eutfIndicator, total);
  };
  for (const line of approved) {
    const indicator = indicatorOf(line);
    if (indicator?.measurement === 'cumulative') {
      const key = `${line.projectId}/${line.indicatorId}/${line.reportingOrg ?? ''}`;
      const latest = latestCumulative.get(key);
      if (!latest || latest.line.period.to < line.period.to) latestCumulative.set(key, { line, eutfIndicator: indicator.eutfIndicator });
    } else {
      add(line, indicator?.eutfIndicator);
    }
  }
  latestCumulative.forEach(({ line, eutfIndicator }) => add(line, eutfIndicator));
  const inOrder = [...totals.values()].sort(
    (a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || a.catalogueVersion.localeCompare(b.catalogueVersion),
  );
  const withoutFlag = ({ mapped: _mapped, ...total }: EutfIndicatorTotal & { mapped: boolean }): EutfIndicatorTotal => total;
  return {
    byEutfIndicator: inOrder.filter((total) => total.mapped).map(withoutFlag),
    byEutfIndicatorNotMapped: inOrder.filter((total) => !total.mapped).map(withoutFlag),
  };
}

/** One estimate makes the sum an estimate; otherwise one lower bound makes it a lower bound. */
function combinedQualifier(a: ValueQualifier, b: ValueQualifier): ValueQualifier {
  if (a === 'around' || b === 'around') return 'around';
  return a ?? b;
}
