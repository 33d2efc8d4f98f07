import { CURRENT_INDICATOR_CATALOGUE_VERSION } from '@eutf/reference-data';
import { asOfInWords, renderPdf, type PdfBlock } from '../exports/pdf';
import type { EutfIndicatorTotal, ResultLine } from '../factsheet/country-factsheet';
import { ledByAnotherCountryBlocks } from '../factsheet/country-factsheet.pdf';
import { dayMonthYear, measureInWords } from '../factsheet/country-factsheet.render';
import type { SuppressedTable } from '../returns/small-cell-suppression';
import type { ConsolidatedReport, CountrySection, EuContribution, ProjectCounts, ReportedFigures, Restatement, ResultsApart, ReturnsFigures } from './consolidated-report';
import { apartIndicatorName, apartPeriods, apartSummary, audienceInWords, euros, number, periodInWords, QUALIFIER_WORDS, reportedValue } from './consolidated-report.render';

const none = (text: string): PdfBlock => ({ kind: 'paragraph', text, tone: 'none' });
const cents = (value: number | null) => (value === null ? 'no data' : euros(value));
const qualified = (value: number, qualifier: ResultLine['valueQualifier']) => `${qualifier ? QUALIFIER_WORDS[qualifier] : ''}${number(value)}`;

const REPORTED_HEADER = ['Figure', 'Value', 'Period', 'Reported by · source'];
const reportedTable = (figures: ReportedFigures['inPeriod'], tone: 'reported' | 'apart'): PdfBlock => ({
  kind: 'table',
  header: REPORTED_HEADER,
  rows: figures.map((figure) => [figure.description, reportedValue(figure), periodInWords(figure.period), `${figure.reportedBy}\n“${figure.source.quote}” ${figure.source.document}`]),
  numeric: [1],
  widths: [3, 1.6, 1.6, 4],
  tone,
});

/** The figures the sources state, labelled as such; those for another period apart, never mixed with the period's. */
function reportedBlocks(reported: ReportedFigures, heading = 'Reported figures'): PdfBlock[] {
  if (reported.inPeriod.length + reported.otherPeriods.length === 0) return [];
  return [
    { kind: 'heading', level: 4, text: heading, basis: 'reported' },
    ...(reported.inPeriod.length ? [reportedTable(reported.inPeriod, 'reported')] : []),
    ...(reported.otherPeriods.length
      ? [{ kind: 'paragraph', text: 'Reported for a period not inside this report’s (shown apart, with its own period):', tone: 'apart' } as const, reportedTable(reported.otherPeriods, 'apart')]
      : []),
  ];
}

function supportBlocks(projects: ProjectCounts, money: EuContribution): PdfBlock[] {
  const unknown = money.projectsWithoutAmount > 0 ? ` (${money.projectsWithoutAmount} without amount)` : '';
  // No amount known is not an amount of nothing.
  const registered = projects.approved === 0 ? '—' : money.projectsWithoutAmount === projects.approved ? 'not known' : euros(money.registeredCents);
  const noLedger = money.committedCents !== null && money.projectsWithoutData > 0 ? ` (no data for ${money.projectsWithoutData})` : '';
  return [
    { kind: 'heading', level: 4, text: 'Projects and EU contribution', basis: 'computed' },
    {
      kind: 'table',
      header: ['Projects approved', 'Under implementation', 'EU contribution (registered)', 'Committed', 'Contracted', 'Paid'],
      rows: [[number(projects.approved), number(projects.underImplementation), `${registered}${unknown}`, `${cents(money.committedCents)}${noLedger}`, cents(money.contractedCents), cents(money.paidCents)]],
      numeric: [0, 1, 2, 3, 4, 5],
    },
  ];
}

/** Results shown apart, counted by EUTF indicator (the lines are in each country's factsheet). */
const apartBlocks = (heading: string, apart: ResultsApart): PdfBlock[] =>
  apart.results === 0
    ? []
    : [
        { kind: 'paragraph', text: apartSummary(heading, apart), tone: 'apart' },
        {
          kind: 'table',
          header: ['Indicator', 'Results', 'Projects', 'Their periods'],
          rows: apart.byEutfIndicator.map((group) => [apartIndicatorName(group), number(group.results), number(group.projects), apartPeriods(group)]),
          numeric: [1, 2],
          widths: [3, 1, 1, 2.4],
          tone: 'apart',
        },
      ];

function resultsBlocks(results: CountrySection['results']): PdfBlock[] {
  const totals: EutfIndicatorTotal[] = [...results.byEutfIndicator, ...results.byEutfIndicatorNotMapped];
  return [
    { kind: 'heading', level: 4, text: 'Approved results by EUTF common output indicator', basis: 'computed' },
    totals.length
      ? {
          kind: 'table',
          header: [`EUTF common output indicator (${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue)`, 'Approved'],
          rows: totals.map((total) => [`EUTF ${total.code} (${total.catalogueVersion})`, `${qualified(total.total, total.qualifier)} ${total.unit}`]),
          numeric: [1],
          widths: [3, 1.4],
        }
      : none('No approved result for this period.'),
    ...apartBlocks('Approved for a period not inside this report’s (shown apart, not counted)', results.approvedForOtherPeriods),
    ...apartBlocks('Pending approval (not counted)', results.pendingApproval),
    ...reportedBlocks(results.reported),
  ];
}

function countTable(table: SuppressedTable, corner: string): PdfBlock {
  const show = (count: number | null | undefined) => (count === null || count === undefined ? 'suppressed' : number(count));
  return {
    kind: 'table',
    header: [corner, ...table.columns, 'Total'],
    rows: [...table.rows.map((row, i) => [row, ...(table.cells[i] ?? []).map(show), show(table.rowTotals[i])]), ['Total', ...table.columnTotals.map(show), show(table.total)]],
    numeric: [...table.columns.keys()].map((index) => index + 1).concat(table.columns.length + 1),
    widths: [2, ...table.columns.map(() => 1), 1],
  };
}

function returnsBlocks(returns: ReturnsFigures & { reported: ReportedFigures }): PdfBlock[] {
  if (returns.byOriginAndHost === null && returns.reintegration === null) {
    return [{ kind: 'paragraph', text: 'No data: no partner has reported returns or reintegration for these projects.', tone: 'none', basis: 'computed' }, ...reportedBlocks(returns.reported)];
  }
  return [
    { kind: 'heading', level: 4, text: 'Returns by country of origin (rows) and host country (columns)', basis: 'computed' },
    returns.byOriginAndHost ? countTable(returns.byOriginAndHost, 'Origin \\ host') : none('No data: no partner has reported returns for these projects.'),
    { kind: 'heading', level: 4, text: 'Reintegration by country of return', basis: 'computed' },
    returns.reintegration ? countTable(returns.reintegration, 'Country') : none('No data: no partner has reported reintegration for these projects.'),
    ...reportedBlocks(returns.reported),
  ];
}

const engagements = (count: number, where: string): PdfBlock => ({ kind: 'paragraph', text: `${number(count)} engagement${count === 1 ? '' : 's'} recorded in the period${where}.`, basis: 'computed' });

function countryBlocks(section: CountrySection): PdfBlock[] {
  const { measures } = section.euSupport;
  return [
    { kind: 'heading', level: 2, text: section.country.name, newPage: true },
    { kind: 'heading', level: 3, text: 'EU support' },
    ...supportBlocks(section.euSupport.projects, section.euSupport.euContribution),
    ...ledByAnotherCountryBlocks(section.euSupport.ledByAnotherCountry, 4),
    ...(measures === null ? [] : measures.length ? [{ kind: 'heading', level: 4, text: 'EU support measures' } as const, { kind: 'list', items: measures.map((measure) => measureInWords(measure)) } as const] : [none('No EU support measure recorded for this period.')]),
    ...reportedBlocks(section.euSupport.reported),
    { kind: 'heading', level: 3, text: 'Results' },
    ...resultsBlocks(section.results),
    { kind: 'heading', level: 3, text: 'Returns and reintegration' },
    ...returnsBlocks(section.returnsAndReintegration),
    ...(section.highLevelEngagement ? [{ kind: 'heading', level: 3, text: 'High level engagement' } as const, engagements(section.highLevelEngagement.count, '')] : []),
    ...(section.keyProgress
      ? [
          { kind: 'heading', level: 3, text: 'Key progress' } as const,
          section.keyProgress.entries.length ? ({ kind: 'list', items: section.keyProgress.entries.map((entry) => entry.description) } as const) : none('No progress recorded for this period.'),
          ...reportedBlocks(section.keyProgress.reported),
        ]
      : []),
    ...(section.nextSteps
      ? [
          { kind: 'heading', level: 3, text: 'Next steps' } as const,
          section.nextSteps.length ? ({ kind: 'list', items: section.nextSteps.map((step) => step.description + (step.completedOn ? ` (completed ${step.completedOn})` : '')) } as const) : none('No next step set.'),
        ]
      : []),
    ...reportedBlocks(section.otherReported, 'Other reported figures'),
  ];
}

function restatementBlocks(restatements: readonly Restatement[]): PdfBlock[] {
  const value = (entry: Restatement, figure: number | null) => (figure === null ? '—' : entry.unit === 'EUR cents' ? euros(figure) : number(figure));
  return [
    { kind: 'heading', level: 2, text: 'Restatements of closed periods', newPage: true },
    { kind: 'paragraph', text: 'Figures of a closed period that changed after it was closed (approved or corrected later). The frozen report of that period is unchanged.', basis: 'restatement' },
    {
      kind: 'table',
      header: ['Closed period', 'Country', 'Figure', 'Frozen', 'Restated', 'Unit', 'Note'],
      rows: restatements.map((entry) => [
        `${dayMonthYear(entry.restates.period.from)} – ${dayMonthYear(entry.restates.period.to)} (version ${entry.restates.version})`,
        entry.country ?? 'all five',
        entry.figure,
        value(entry, entry.frozenValue),
        value(entry, entry.restatedValue),
        entry.unit === 'EUR cents' ? 'EUR' : (entry.unit ?? ''),
        entry.note ?? '',
      ]),
      numeric: [3, 4],
      widths: [2.2, 1, 3, 1.3, 1.3, 1, 1.6],
    },
  ];
}

/**
 * The consolidated report as a PDF, the sections in the order of the printable page: the totals,
 * a section per priority country, the regional sections, other countries, the restatements. Every
 * figure block is labelled computed, reported or restatement; "no data" is written, never 0.
 * `asOf` is the instant the figures are as of (a frozen report's: when its period was closed).
 */
export function renderConsolidatedReportPdf(report: ConsolidatedReport, asOf: Date): Promise<Buffer> {
  const { totals, regional } = report;
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      tone: 'legend',
      text: 'COMPUTED figures are computed by this system from the events in its registers (projects, results approved by the delegations, the funding ledger, returns). REPORTED figures are stated by the source named beside them and cannot be recomputed here. A figure whose period is not inside this report’s is shown apart with its own period and never added up. “No data” means nothing was recorded, not zero.',
    },
  ];
  if (totals) {
    blocks.push(
      { kind: 'heading', level: 2, text: 'Overview and totals' },
      ...reportedBlocks(totals.overview.reported, 'Overview'),
      { kind: 'heading', level: 3, text: 'EU support' },
      ...supportBlocks(totals.euSupport.projects, totals.euSupport.euContribution),
      ...reportedBlocks(totals.euSupport.reported),
      { kind: 'heading', level: 3, text: 'Results' },
      ...resultsBlocks(totals.results),
      { kind: 'heading', level: 3, text: 'Returns and reintegration' },
      ...returnsBlocks(totals.returnsAndReintegration),
      { kind: 'heading', level: 3, text: 'High level engagement' },
      engagements(totals.highLevelEngagement.count, ' across the five countries'),
      ...reportedBlocks(totals.keyProgress.reported, 'Key progress'),
    );
  }
  blocks.push(...report.countries.flatMap(countryBlocks));
  if (regional) {
    const orNone = (found: PdfBlock[]) => (found.length ? found : [none('No figure reported.')]);
    blocks.push(
      { kind: 'heading', level: 2, text: 'Regional cooperation', newPage: true },
      ...orNone(reportedBlocks(regional.cooperation, 'Cooperation')),
      { kind: 'heading', level: 2, text: 'Regional dialogue' },
      ...orNone(reportedBlocks(regional.regionalDialogue, 'Regional dialogue')),
      ...reportedBlocks(regional.otherRegional, 'Other regional figures'),
    );
  }
  if (report.otherCountries?.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Other countries' }, ...report.otherCountries.flatMap((entry) => [{ kind: 'heading', level: 3, text: entry.country.name } as const, ...reportedBlocks(entry.reported)]));
  }
  if (report.restatements?.length) blocks.push(...restatementBlocks(report.restatements));
  return renderPdf({
    title: report.title,
    subtitle: [`${dayMonthYear(report.period.from)} – ${dayMonthYear(report.period.to)} · ${audienceInWords(report)}`, `As of ${asOfInWords(asOf)}`],
    asOf,
    blocks,
  });
}
