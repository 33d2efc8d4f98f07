import { CURRENT_INDICATOR_CATALOGUE_VERSION } from '@eutf/reference-data';
import { asOfInWords, renderPdf, type PdfBlock } from '../exports/pdf';
import type { CountryFactsheet, EutfIndicatorTotal, LedByAnotherCountry, ResultLine } from './country-factsheet';
import {
  dayMonthYear,
  engagementYears,
  returnReasonInWords,
  figureCount,
  figureSource,
  formatEuros,
  fundingSentence,
  LED_BY_ANOTHER_COUNTRY,
  LED_BY_ANOTHER_COUNTRY_NOTE,
  ledByAnotherCountryFacts,
  measureInWords,
  qualified,
  supportSummary,
} from './country-factsheet.render';

const none = (text: string): PdfBlock => ({ kind: 'paragraph', text, tone: 'none' });
const list = (items: string[], empty: string): PdfBlock => (items.length ? { kind: 'list', items } : none(empty));
const orDash = (value: number | null) => (value === null ? '—' : qualified(value, null));
const amount = (cents: number | null, unknown: string) => (cents === null ? unknown : formatEuros(cents));

/** Listed, not counted: a multi-country project's figures are its lead country's. Nothing when the country leads every project it takes part in. */
export function ledByAnotherCountryBlocks(projects: readonly LedByAnotherCountry[], level: 3 | 4): PdfBlock[] {
  if (projects.length === 0) return [];
  return [
    { kind: 'heading', level, text: LED_BY_ANOTHER_COUNTRY },
    { kind: 'paragraph', text: LED_BY_ANOTHER_COUNTRY_NOTE, tone: 'none' },
    { kind: 'list', items: projects.map((project) => `${project.title} — ${ledByAnotherCountryFacts(project)}`) },
  ];
}


function resultsTable(lines: readonly ResultLine[], withReason = false): PdfBlock {
  return {
    kind: 'table',
    header: ['Project', 'Indicator', 'Period', 'Value', 'Target', ...(withReason ? ['Reason'] : [])],
    rows: lines.map((line) => [
      `${line.projectTitle}\n${line.reference ?? 'EUTF reference pending'}`,
      `${line.indicator}${line.eutfIndicator ? `\nEUTF ${line.eutfIndicator}` : ''}`,
      `${line.period.from ?? 'since the start'} – ${line.period.to}`,
      `${qualified(line.value, line.valueQualifier)} ${line.unit}`,
      orDash(line.target),
      ...(withReason ? [returnReasonInWords(line)] : []),
    ]),
    numeric: [3, 4],
    widths: [3, 3, 1.8, 1.4, 1, ...(withReason ? [2] : [])],
  };
}

const totalsTable = (totals: readonly EutfIndicatorTotal[], heading: string): PdfBlock => ({
  kind: 'table',
  header: [heading, 'Approved'],
  rows: totals.map((total) => [`${total.code} (${total.catalogueVersion})`, `${qualified(total.total, total.qualifier)} ${total.unit}`]),
  numeric: [1],
  widths: [3, 1.4],
});

/**
 * A country's factsheet as a PDF, shaped like its printable page (and the EU's factsheets): high
 * level engagement, key progress, EU support with the projects and the funding ledger, results,
 * next steps. `asOf` is the instant its figures are as of.
 */
export function renderFactsheetPdf(factsheet: CountryFactsheet, asOf: Date): Promise<Buffer> {
  const { country, period, euSupport, results } = factsheet;
  const funding = fundingSentence(euSupport, period.to);
  const blocks: PdfBlock[] = [
    { kind: 'heading', level: 2, text: 'High level engagement' },
    ...(factsheet.highLevelEngagement.length
      ? engagementYears(factsheet.highLevelEngagement).flatMap(({ year, entries }): PdfBlock[] => [
          { kind: 'heading', level: 3, text: year },
          { kind: 'list', items: entries.map((entry) => `${entry.month ? `${entry.month} — ` : ''}${entry.description}`) },
        ])
      : [none('No engagement recorded for this period.')]),
    { kind: 'heading', level: 2, text: 'Key progress by national authorities' },
    list(
      factsheet.keyProgress.map((entry) => entry.description),
      'No progress recorded for this period.',
    ),
    { kind: 'heading', level: 2, text: 'EU support' },
    list(
      euSupport.measures.map((measure) => measureInWords(measure)),
      'No support measure recorded.',
    ),
    { kind: 'heading', level: 3, text: 'Projects' },
    { kind: 'paragraph', text: supportSummary(euSupport), basis: 'computed' },
    ...(funding ? [{ kind: 'paragraph', text: funding.text, tone: funding.noData ? 'none' : 'plain' } as const] : []),
    ...(euSupport.projects.length
      ? [
          {
            kind: 'table',
            header: ['Project', 'EU contribution', 'Committed', 'Contracted', 'Paid'],
            rows: euSupport.projects.map((project) => [
              `${project.title}\n${[project.reference ?? 'EUTF reference pending', project.adoptedOn ? `adopted ${project.adoptedOn}` : null, project.implementingPartners.length ? `implemented by ${project.implementingPartners.join(', ')}` : null].filter((fact) => fact !== null).join(' · ')}`,
              amount(project.euContributionCents, 'not known'),
              amount(project.finance.committedCents, 'no data'),
              amount(project.finance.contractedCents, 'no data'),
              amount(project.finance.paidCents, 'no data'),
            ]),
            numeric: [1, 2, 3, 4],
            widths: [4, 1.3, 1.3, 1.3, 1.3],
          } as const,
        ]
      : []),
    ...ledByAnotherCountryBlocks(euSupport.ledByAnotherCountry, 3),
    { kind: 'heading', level: 2, text: 'Results' },
    ...(results.byEutfIndicator.length ? [{ kind: 'heading', level: 4, text: 'Approved results by EUTF common output indicator', basis: 'computed' } as const, totalsTable(results.byEutfIndicator, `EUTF indicator (${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue)`)] : []),
    ...(results.byEutfIndicatorNotMapped.length
      ? [{ kind: 'heading', level: 4, text: `Not added up: no published mapping to one indicator of the ${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue` } as const, totalsTable(results.byEutfIndicatorNotMapped, 'EUTF indicator (catalogue)')]
      : []),
    results.approved.length ? resultsTable(results.approved) : none('No approved result for this period.'),
    ...(results.approvedOutsidePeriod.length ? [{ kind: 'heading', level: 3, text: 'Reported for another period (shown apart, not counted in this period)' } as const, resultsTable(results.approvedOutsidePeriod)] : []),
    ...(results.returnsAndReintegration.length
      ? [
          { kind: 'heading', level: 3, text: 'Returns and reintegration (reported by the partners)', basis: 'reported' } as const,
          {
            kind: 'table',
            header: ['Figure', 'Period', 'People', 'Source'],
            rows: results.returnsAndReintegration.map((figure) => [`${figure.what}\n${figure.partner} · ${figure.projectId}`, `${figure.period.from ?? 'since the start'} – ${figure.period.to}`, figureCount(figure), figureSource(figure)]),
            numeric: [2],
            widths: [3.5, 1.8, 1.2, 2.2],
            tone: 'reported',
          } as const,
        ]
      : []),
    ...(results.pendingApproval.length ? [{ kind: 'heading', level: 3, text: 'Pending approval (not counted)' } as const, resultsTable(results.pendingApproval)] : []),
    ...(results.returnedForRevision.length ? [{ kind: 'heading', level: 3, text: 'Returned for revision (not counted)' } as const, resultsTable(results.returnedForRevision, true)] : []),
    { kind: 'heading', level: 2, text: 'Next steps' },
    list(
      factsheet.nextSteps.map((step) => step.description + (step.completedOn ? ` (completed ${step.completedOn})` : '')),
      'No next step set.',
    ),
  ];
  return renderPdf({
    title: `${country.name} — action and progress under the Migration Partnership Framework`,
    subtitle: [`${dayMonthYear(period.from)} – ${dayMonthYear(period.to)}${country.priority ? ' · priority country of the Partnership Framework' : ''}`, `As of ${asOfInWords(asOf)}`],
    asOf,
    blocks,
  });
}
