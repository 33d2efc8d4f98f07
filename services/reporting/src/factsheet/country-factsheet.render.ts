import { CURRENT_INDICATOR_CATALOGUE_VERSION } from '@eutf/reference-data';
import type { CountryFactsheet, EutfIndicatorTotal, LedByAnotherCountry, ResultLine } from './country-factsheet';
import { csvCell } from '../exports/csv';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);

/** Euro amounts as the factsheets write them: "€ 1.5 million", exact below a million. */
export function formatEuros(cents: number): string {
  const euros = cents / 100;
  if (euros >= 1_000_000) return `€${(euros / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} million`;
  return `€${euros.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}

const number = (value: number) => value.toLocaleString('en-GB');
const QUALIFIER_WORDS = { 'more-than': 'more than ', around: 'around ' } as const;
export const qualified = (value: number, qualifier: ResultLine['valueQualifier']) => `${qualifier ? QUALIFIER_WORDS[qualifier] : ''}${number(value)}`;
const orDash = (value: number | null) => (value === null ? '—' : number(value));
const projectCell = (line: ResultLine) => `${escapeHtml(line.projectTitle)} <span class="code">${escapeHtml(line.reference ?? 'EUTF reference pending')}</span>`;
/** A returned result's reason, or where it was: "erased" once an admin erased it, "not available" when the store could not be asked; empty where there is none. */
export const returnReasonInWords = (line: ResultLine) =>
  line.returnReason === null ? '' : line.returnReason.status === 'shown' && line.returnReason.text !== null ? line.returnReason.text : line.returnReason.status === 'erased' ? 'erased' : 'not available';
const freeTextCell = (text: NonNullable<ResultLine['returnReason']>) =>
  text.status === 'shown' && text.text !== null ? escapeHtml(text.text) : `<span class="none">${text.status === 'erased' ? 'erased' : 'not available'}</span>`;
const list = (items: string[], empty: string) => (items.length ? `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>` : `<p class="none">${empty}</p>`);
const resultRow = (line: ResultLine) =>
  `<tr><td>${projectCell(line)}</td><td>${escapeHtml(line.indicator)}${line.eutfIndicator ? ` <span class="code">EUTF ${escapeHtml(line.eutfIndicator)}</span>` : ''}</td>` +
  `<td>${escapeHtml(line.period.from ?? 'since the start')} – ${escapeHtml(line.period.to)}</td><td class="n">${qualified(line.value, line.valueQualifier)} ${escapeHtml(line.unit)}</td>` +
  `<td class="n">${orDash(line.target)}</td>${line.returnReason !== null ? `<td>${freeTextCell(line.returnReason)}</td>` : ''}</tr>`;

type ReportedFigure = CountryFactsheet['results']['returnsAndReintegration'][number];
const QUALIFIER_OF_FIGURE = { exact: null, 'more-than': 'more-than', around: 'around' } as const;
/** A partner's returns figure: "suppressed" for a small count, never its value or a hint of it. */
export const figureCount = (figure: ReportedFigure) => (figure.count === null ? 'suppressed' : qualified(figure.count, QUALIFIER_OF_FIGURE[figure.valueQualifier]));
/** Where a partner's figure comes from: the document and page, or that none was given. */
export const figureSource = (figure: ReportedFigure) => (figure.source ? figure.source.document + (figure.source.page !== null ? `, p. ${figure.source.page}` : '') : 'no source given');
/** A suppressed count reads "suppressed": never its value or a hint of it. */
const reportedRow = (figure: ReportedFigure) =>
  `<tr><td>${escapeHtml(figure.what)} <span class="code">${escapeHtml(figure.partner)} · ${escapeHtml(figure.projectId)}</span></td>` +
  `<td>${escapeHtml(figure.period.from ?? 'since the start')} – ${escapeHtml(figure.period.to)}</td>` +
  `<td class="n">${figureCount(figure)}</td><td class="code">${escapeHtml(figureSource(figure))}</td></tr>`;
const reportedTable = (figures: readonly ReportedFigure[]) =>
  figures.length ? `<h3>Returns and reintegration (reported by the partners)</h3><table><tr><th>Figure</th><th>Period</th><th class="n">People</th><th>Source</th></tr>${figures.map(reportedRow).join('')}</table>` : '';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "February 2017", "2017", "14 February 2017": a date as precise as it is known. */
export const partialDateInWords = (date: string) =>
  date.length === 4 ? date : date.length === 7 ? `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}` : `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** "1 June 2016": the period as the factsheets write it (the query's dates are validated ISO days). */
export const dayMonthYear = (isoDay: string) => `${Number(isoDay.slice(8, 10))} ${MONTHS[Number(isoDay.slice(5, 7)) - 1]} ${isoDay.slice(0, 4)}`;

/** As the EU's factsheets list engagement: newest year first, each entry under its month (none where only the year is known). */
export function engagementYears(entries: CountryFactsheet['highLevelEngagement']): Array<{ year: string; entries: Array<{ month: string | undefined; description: string }> }> {
  const newestFirst = [...entries].sort((a, b) => b.date.localeCompare(a.date));
  return [...new Set(newestFirst.map((entry) => entry.date.slice(0, 4)))].map((year) => ({
    year,
    entries: newestFirst
      .filter((entry) => entry.date.startsWith(year))
      .map((entry) => ({ month: entry.date.length >= 7 ? MONTHS[Number(entry.date.slice(5, 7)) - 1] : undefined, description: entry.description })),
  }));
}

function engagementByYear(entries: CountryFactsheet['highLevelEngagement']): string {
  if (entries.length === 0) return '<p class="none">No engagement recorded for this period.</p>';
  return engagementYears(entries)
    .map(({ year, entries: items }) => `<h3>${year}</h3>${list(items.map((entry) => `${entry.month ? `<strong>${entry.month}</strong> — ` : ''}${escapeHtml(entry.description)}`), '')}`)
    .join('\n');
}

type SupportedProject = CountryFactsheet['euSupport']['projects'][number];

export function supportSummary({ projects, totalEuContributionCents, projectsWithoutAmount }: CountryFactsheet['euSupport']): string {
  const count = `${projects.length} project${projects.length === 1 ? '' : 's'} registered`;
  if (projects.length === 0) return `${count}.`;
  if (projectsWithoutAmount === projects.length) return `${count}; no EU contribution known yet.`;
  const unknown = projectsWithoutAmount > 0 ? ` (the amount of ${projectsWithoutAmount} of them is not known)` : '';
  return `${count}, for a known total of ${formatEuros(totalEuContributionCents)}${unknown}.`;
}

/** What the funding ledger says of the projects, in a sentence ("no data" when it holds nothing: not "nothing paid"); null without projects. */
export function fundingSentence({ projects, finance }: CountryFactsheet['euSupport'], asOf: string): { text: string; noData: boolean } | null {
  if (projects.length === 0) return null;
  if (finance.committedCents === null) return { text: `Funding ledger: no data for these projects by ${dayMonthYear(asOf)}.`, noData: true };
  const missing = finance.projectsWithoutData > 0 ? ` (no data for ${finance.projectsWithoutData} of the ${projects.length} projects)` : '';
  const amounts = [`${formatEuros(finance.committedCents)} committed`, `${formatEuros(finance.contractedCents ?? 0)} contracted`, `${formatEuros(finance.paidCents ?? 0)} paid`];
  return { text: `Funding ledger, by ${dayMonthYear(asOf)}: ${amounts.join(', ')}${missing}.`, noData: false };
}

function fundingSummary(euSupport: CountryFactsheet['euSupport'], asOf: string): string {
  const sentence = fundingSentence(euSupport, asOf);
  return sentence === null ? '' : sentence.noData ? `<p class="none">${sentence.text}</p>` : `<p>${sentence.text}</p>`;
}

/** An EU support measure in words: "February 2017 — EUTF support to border management (€25 million)". */
export const measureInWords = (measure: CountryFactsheet['euSupport']['measures'][number], date: (text: string) => string = (text) => text, text: (plain: string) => string = (plain) => plain) =>
  (measure.date ? `${date(partialDateInWords(measure.date))} — ` : '') + text(measure.description) + (measure.amountCents !== null ? ` (${formatEuros(measure.amountCents)})` : '');

const amountCell = (cents: number | null, unknown: string) => `<td class="n">${cents === null ? `<span class="none">${unknown}</span>` : formatEuros(cents)}</td>`;

function projectRow(project: SupportedProject): string {
  const facts = [
    project.reference ?? 'EUTF reference pending',
    project.adoptedOn ? `adopted ${project.adoptedOn}` : null,
    project.implementingPartners.length ? `implemented by ${project.implementingPartners.join(', ')}` : null,
  ].filter((fact): fact is string => fact !== null);
  const { committedCents, contractedCents, paidCents } = project.finance;
  return (
    `<tr><td>${escapeHtml(project.title)}<br><span class="code">${escapeHtml(facts.join(' · '))}</span></td>${amountCell(project.euContributionCents, 'not known')}` +
    `${amountCell(committedCents, 'no data')}${amountCell(contractedCents, 'no data')}${amountCell(paidCents, 'no data')}</tr>`
  );
}

/** The projects with what each was given (its registration) and what the ledger shows committed, contracted and paid. */
function projectsTable(projects: readonly SupportedProject[]): string {
  if (projects.length === 0) return '';
  const header = '<tr><th>Project</th><th class="n">EU contribution</th><th class="n">Committed</th><th class="n">Contracted</th><th class="n">Paid</th></tr>';
  return `<table>${header}${projects.map(projectRow).join('')}</table>`;
}

/** The heading, and the sentence under it, of the multi-country projects a country only participates in, in every format. */
export const LED_BY_ANOTHER_COUNTRY = 'Multi-country projects led by another country';
export const LED_BY_ANOTHER_COUNTRY_NOTE = "Their amounts, funding and results count in the lead country's figures, not in these.";

/** Such a project's facts after its title: its reference, its lead and every country it serves. */
export const ledByAnotherCountryFacts = (project: LedByAnotherCountry) => `${project.reference ?? 'EUTF reference pending'} · led by ${project.leadCountry.name} · ${project.countries.join(', ')}`;

/** Multi-country projects the country participates in, led by another: listed with their lead, their figures counted there. */
export function ledByAnotherCountryBlock(projects: readonly LedByAnotherCountry[]): string {
  if (projects.length === 0) return '';
  const item = (project: LedByAnotherCountry) => `<li>${escapeHtml(project.title)} <span class="code">${escapeHtml(ledByAnotherCountryFacts(project))}</span></li>`;
  return `<h3>${LED_BY_ANOTHER_COUNTRY}</h3><p class="none">${escapeHtml(LED_BY_ANOTHER_COUNTRY_NOTE)}</p><ul>${projects.map(item).join('')}</ul>`;
}

function eutfTotalsTable(totals: readonly EutfIndicatorTotal[], heading: string): string {
  const row = (total: EutfIndicatorTotal) =>
    `<tr><td>${escapeHtml(total.code)} <span class="code">(${escapeHtml(total.catalogueVersion)})</span></td><td class="n">${qualified(total.total, total.qualifier)} ${escapeHtml(total.unit)}</td></tr>`;
  return `<table><tr><th>${escapeHtml(heading)}</th><th class="n">Approved</th></tr>${totals.map(row).join('')}</table>`;
}

/** A printable page shaped like the EU's country factsheets: four headed sections and the results. */
export function renderFactsheetHtml(factsheet: CountryFactsheet): string {
  const { country, period, euSupport, results } = factsheet;
  const title = `${country.name} — action and progress under the Migration Partnership Framework`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;border-bottom:3px solid #003399;padding-bottom:.4rem}h2{color:#003399;font-size:1.2rem;margin-top:1.8rem}
.period{color:#555}table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}
.n{text-align:right;white-space:nowrap}.code{font-size:.75rem;color:#555}.none{color:#777;font-style:italic}@media print{body{margin:0}}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="period">${dayMonthYear(period.from)} – ${dayMonthYear(period.to)}${country.priority ? ' · priority country of the Partnership Framework' : ''}</p>
<h2>High level engagement</h2>
${engagementByYear(factsheet.highLevelEngagement)}
<h2>Key progress by national authorities</h2>
${list(factsheet.keyProgress.map((entry) => escapeHtml(entry.description)), 'No progress recorded for this period.')}
<h2>EU support</h2>
${list(euSupport.measures.map((measure) => measureInWords(measure, (date) => `<strong>${escapeHtml(date)}</strong>`, escapeHtml)), 'No support measure recorded.')}
<h3>Projects</h3>
<p>${supportSummary(euSupport)}</p>
${fundingSummary(euSupport, period.to)}
${projectsTable(euSupport.projects)}
${ledByAnotherCountryBlock(euSupport.ledByAnotherCountry)}
<h2>Results</h2>
${results.byEutfIndicator.length ? eutfTotalsTable(results.byEutfIndicator, `EUTF indicator (${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue)`) : ''}
${results.byEutfIndicatorNotMapped.length ? `<h3>Not added up: no published mapping to one indicator of the ${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue</h3>${eutfTotalsTable(results.byEutfIndicatorNotMapped, 'EUTF indicator (catalogue)')}` : ''}
${results.approved.length ? `<table><tr><th>Project</th><th>Indicator</th><th>Period</th><th class="n">Value</th><th class="n">Target</th></tr>${results.approved.map(resultRow).join('')}</table>` : '<p class="none">No approved result for this period.</p>'}
${results.approvedOutsidePeriod.length ? `<h3>Reported for another period (shown apart, not counted in this period)</h3><table><tr><th>Project</th><th>Indicator</th><th>Its period</th><th class="n">Value</th><th class="n">Target</th></tr>${results.approvedOutsidePeriod.map(resultRow).join('')}</table>` : ''}
${reportedTable(results.returnsAndReintegration)}
${results.pendingApproval.length ? `<h3>Pending approval (not counted)</h3><table><tr><th>Project</th><th>Indicator</th><th>Period</th><th class="n">Value</th><th class="n">Target</th></tr>${results.pendingApproval.map(resultRow).join('')}</table>` : ''}
${results.returnedForRevision.length ? `<h3>Returned for revision (not counted)</h3><table><tr><th>Project</th><th>Indicator</th><th>Period</th><th class="n">Value</th><th class="n">Target</th><th>Reason</th></tr>${results.returnedForRevision.map(resultRow).join('')}</table>` : ''}
<h2>Next steps</h2>
${list(factsheet.nextSteps.map((step) => escapeHtml(step.description) + (step.completedOn ? ` <em>(completed ${escapeHtml(step.completedOn)})</em>` : '')), 'No next step set.')}
</body></html>
`;
}

/** Exact euros from cents, without going through floating point. */
const euros = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;


/** Every result of the factsheet, approved, pending and returned, and whether it counts: only approved results whose period lies inside the factsheet's do. */
export function factsheetResults(factsheet: CountryFactsheet): Array<{ line: ResultLine; counted: boolean }> {
  const apart = new Set(factsheet.results.approvedOutsidePeriod);
  const { approved, approvedOutsidePeriod, pendingApproval, returnedForRevision } = factsheet.results;
  return [...approved, ...approvedOutsidePeriod, ...pendingApproval, ...returnedForRevision].map((line) => ({ line, counted: line.status === 'approved' && !apart.has(line) }));
}

/**
 * The factsheet's results table as CSV (approved, pending and returned, with their status, and
 * whether each counts in the period); a returned result's reason with its status: `shown`,
 * `erased` (no text) or `unavailable`.
 */
export function renderResultsCsv(factsheet: CountryFactsheet): string {
  const header = [
    'country', 'project_id', 'project_reference', 'indicator_id', 'indicator', 'eutf_indicator', 'period_from', 'period_to', 'value', 'value_qualifier', 'unit', 'baseline', 'target', 'status', 'counted_in_period', 'return_reason', 'return_reason_status',
  ];
  const rows = factsheetResults(factsheet).map(({ line, counted }) =>
    [
      factsheet.country.code,
      line.projectId,
      line.reference,
      line.indicatorId,
      line.indicator,
      line.eutfIndicator,
      line.period.from,
      line.period.to,
      line.value,
      line.valueQualifier,
      line.unit,
      line.baseline,
      line.target,
      line.status,
      counted ? 'yes' : 'no',
      line.returnReason?.text ?? null,
      line.returnReason?.status ?? null,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The EUTF projects of the factsheet as CSV, amounts in euro cents and euros; an empty ledger cell is "no data", not 0. */
export function renderProjectsCsv(factsheet: CountryFactsheet): string {
  const header = ['country', 'project_id', 'project_reference', 'title', 'window', 'implementing_partners', 'eu_contribution_cents', 'eu_contribution_eur', 'adopted_on', 'status', 'committed_cents', 'contracted_cents', 'paid_cents'];
  const rows = factsheet.euSupport.projects.map((project) =>
    [
      factsheet.country.code,
      project.projectId,
      project.reference,
      project.title,
      project.window,
      project.implementingPartners.join(' '),
      project.euContributionCents,
      project.euContributionCents === null ? null : euros(project.euContributionCents),
      project.adoptedOn,
      project.status,
      project.finance.committedCents,
      project.finance.contractedCents,
      project.finance.paidCents,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * The multi-country projects the country takes part in that another country leads, as CSV: listed
 * with their lead, no amount or figure of theirs (those are the lead country's, in its factsheet).
 */
export function renderLedByAnotherCountryCsv(factsheet: CountryFactsheet): string {
  const header = ['country', 'project_id', 'project_reference', 'title', 'lead_country', 'lead_country_name', 'countries', 'status'];
  const rows = factsheet.euSupport.ledByAnotherCountry.map((project) =>
    [factsheet.country.code, project.projectId, project.reference, project.title, project.leadCountry.code, project.leadCountry.name, project.countries.join(' '), project.status].map(csvCell).join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
