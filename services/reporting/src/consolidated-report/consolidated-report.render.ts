import { CURRENT_INDICATOR_CATALOGUE_VERSION } from '@eutf/reference-data';
import { csvLine } from '../exports/csv';
import type { EutfIndicatorTotal, LedByAnotherCountry } from '../factsheet/country-factsheet';
import { dayMonthYear, escapeHtml, formatEuros, ledByAnotherCountryBlock, measureInWords, partialDateInWords } from '../factsheet/country-factsheet.render';
import type { SuppressedTable } from '../returns/small-cell-suppression';
import type { ConsolidatedReport, CountrySection, EuContribution, ProjectCounts, ReportedFigureLine, ReportedFigures, Restatement, ResultsApart, ResultsApartByIndicator, ReturnsFigures } from './consolidated-report';

export const QUALIFIER_WORDS = { 'more-than': 'more than ', around: 'around ', 'up-to': 'up to ' } as const;
export const number = (value: number) => value.toLocaleString('en-GB');

/** Euro amounts as the progress reports write them: "€2.8 billion", "€90 million". */
export const euros = (cents: number) => (cents >= 1_000_000_000_00 ? `€${(cents / 1_000_000_000_00).toLocaleString('en-GB', { maximumFractionDigits: 2 })} billion` : formatEuros(cents));

/** A reported value as the source words it: "more than 550 participants", "around €2.8 billion". */
export function reportedValue(figure: Pick<ReportedFigureLine, 'value' | 'valueQualifier' | 'unit'>): string {
  const qualifier = figure.valueQualifier ? QUALIFIER_WORDS[figure.valueQualifier] : '';
  return figure.unit === 'EUR cents' ? `${qualifier}${euros(figure.value)}` : `${qualifier}${number(figure.value)} ${figure.unit}`;
}

/** A period as precise as known: "2015 – 2017", "up to June 2017", "period not stated". */
export function periodInWords(period: { from: string | null; to: string | null }): string {
  if (period.to === null) return 'period not stated by the source';
  if (period.from === null) return `up to ${partialDateInWords(period.to)}`;
  return period.from === period.to ? partialDateInWords(period.from) : `${partialDateInWords(period.from)} – ${partialDateInWords(period.to)}`;
}

const none = (text: string) => `<p class="none">${escapeHtml(text)}</p>`;
const COMPUTED = '<span class="basis computed">computed</span>';
const REPORTED = '<span class="basis reported">reported</span>';

function reportedRows(figures: readonly ReportedFigureLine[]): string {
  return figures
    .map(
      (figure) =>
        `<tr><td>${escapeHtml(figure.description)}</td><td class="n">${escapeHtml(reportedValue(figure))}</td><td>${escapeHtml(periodInWords(figure.period))}</td>` +
        `<td>${escapeHtml(figure.reportedBy)}<div class="quote">“${escapeHtml(figure.source.quote)}” <span class="code">${escapeHtml(figure.source.document)}</span></div></td></tr>`,
    )
    .join('');
}

/** The figures the sources state, labelled as such; those for another period apart, never mixed with the period's. */
function reportedBlock(reported: ReportedFigures, heading = 'Reported figures'): string {
  if (reported.inPeriod.length + reported.otherPeriods.length === 0) return '';
  const header = '<tr><th>Figure</th><th class="n">Value</th><th>Period</th><th>Reported by · source</th></tr>';
  const inPeriod = reported.inPeriod.length ? `<table class="reported">${header}${reportedRows(reported.inPeriod)}</table>` : '';
  const apart = reported.otherPeriods.length
    ? `<p class="apart">Reported for a period not inside this report’s (shown apart, with its own period):</p><table class="reported apart">${header}${reportedRows(reported.otherPeriods)}</table>`
    : '';
  return `<h4>${REPORTED} ${escapeHtml(heading)}</h4>${inPeriod}${apart}`;
}

const cents = (value: number | null) => (value === null ? '<span class="none">no data</span>' : euros(value));

function supportTable(projects: ProjectCounts, money: EuContribution): string {
  const unknown = money.projectsWithoutAmount > 0 ? ` <span class="code">(${money.projectsWithoutAmount} without amount)</span>` : '';
  // No amount known is not an amount of nothing.
  const registered = projects.approved === 0 ? '—' : money.projectsWithoutAmount === projects.approved ? '<span class="none">not known</span>' : euros(money.registeredCents);
  const noLedger = money.committedCents !== null && money.projectsWithoutData > 0 ? ` <span class="code">(no data for ${money.projectsWithoutData})</span>` : '';
  return (
    `<h4>${COMPUTED} Projects and EU contribution</h4><table><tr><th class="n">Projects approved</th><th class="n">Under implementation</th><th class="n">EU contribution (registered)</th>` +
    `<th class="n">Committed</th><th class="n">Contracted</th><th class="n">Paid</th></tr>` +
    `<tr><td class="n">${projects.approved}</td><td class="n">${projects.underImplementation}</td><td class="n">${registered}${unknown}</td>` +
    `<td class="n">${cents(money.committedCents)}${noLedger}</td><td class="n">${cents(money.contractedCents)}</td><td class="n">${cents(money.paidCents)}</td></tr></table>`
  );
}

function indicatorTable(totals: readonly EutfIndicatorTotal[]): string {
  const row = (total: EutfIndicatorTotal) =>
    `<tr><td>EUTF ${escapeHtml(total.code)} <span class="code">(${escapeHtml(total.catalogueVersion)})</span></td><td class="n">${total.qualifier ? QUALIFIER_WORDS[total.qualifier] : ''}${number(total.total)} ${escapeHtml(total.unit)}</td></tr>`;
  return `<table><tr><th>EUTF common output indicator (${CURRENT_INDICATOR_CATALOGUE_VERSION} catalogue)</th><th class="n">Approved</th></tr>${totals.map(row).join('')}</table>`;
}

/** An EUTF indicator as a line of results apart names it. */
export const apartIndicatorName = (group: ResultsApartByIndicator) => (group.eutfIndicator === null ? `no EUTF indicator (${group.unit})` : `EUTF ${group.eutfIndicator} (${group.unit})`);
/** The span of their own periods: "since the start – 2019-02-28", "2018-05-01 – 2020-11-30". */
export const apartPeriods = (group: ResultsApartByIndicator) => `${group.periods.from ?? 'since the start'} – ${group.periods.to}`;

/** How many results shown apart, of how many projects, under a heading: the page's and the PDF's sentence above their table. */
export const apartSummary = (heading: string, apart: ResultsApart) =>
  `${heading}: ${number(apart.results)} result${apart.results === 1 ? '' : 's'} of ${number(apart.projects)} project${apart.projects === 1 ? '' : 's'} (each listed in its country’s factsheet):`;

/** Results shown apart, counted by EUTF indicator; the lines are in each country's factsheet. */
function apartBlock(heading: string, apart: ResultsApart): string {
  if (apart.results === 0) return '';
  const row = (group: ResultsApartByIndicator) =>
    `<tr><td>${escapeHtml(apartIndicatorName(group))}</td><td class="n">${number(group.results)}</td><td class="n">${number(group.projects)}</td><td>${escapeHtml(apartPeriods(group))}</td></tr>`;
  return (
    `<p class="apart">${escapeHtml(apartSummary(heading, apart))}</p>` +
    `<table class="apart"><tr><th>Indicator</th><th class="n">Results</th><th class="n">Projects</th><th>Their periods</th></tr>${apart.byEutfIndicator.map(row).join('')}</table>`
  );
}

function resultsBlock(results: CountrySection['results']): string {
  const computed = results.byEutfIndicator.length || results.byEutfIndicatorNotMapped.length
    ? indicatorTable([...results.byEutfIndicator, ...results.byEutfIndicatorNotMapped])
    : none('No approved result for this period.');
  return (
    `<h4>${COMPUTED} Approved results by EUTF common output indicator</h4>${computed}` +
    apartBlock('Approved for a period not inside this report’s (shown apart, not counted)', results.approvedForOtherPeriods) +
    apartBlock('Pending approval (not counted)', results.pendingApproval) +
    reportedBlock(results.reported)
  );
}

function countTable(table: SuppressedTable, corner: string): string {
  const show = (count: number | null) => (count === null ? '<span class="none">suppressed</span>' : number(count));
  const header = `<tr><th>${escapeHtml(corner)}</th>${table.columns.map((column) => `<th class="n">${escapeHtml(column)}</th>`).join('')}<th class="n">Total</th></tr>`;
  const rows = table.rows.map((row, i) => `<tr><td>${escapeHtml(row)}</td>${(table.cells[i] ?? []).map((cell) => `<td class="n">${show(cell)}</td>`).join('')}<td class="n">${show(table.rowTotals[i] ?? null)}</td></tr>`);
  const totals = `<tr class="total"><td>Total</td>${table.columnTotals.map((cell) => `<td class="n">${show(cell)}</td>`).join('')}<td class="n">${show(table.total)}</td></tr>`;
  return `<table>${header}${rows.join('')}${totals}</table>`;
}

function returnsBlock(returns: ReturnsFigures & { reported: ReportedFigures }): string {
  if (returns.byOriginAndHost === null && returns.reintegration === null) {
    return `<p>${COMPUTED} <span class="none">No data: no partner has reported returns or reintegration for these projects.</span></p>${reportedBlock(returns.reported)}`;
  }
  return (
    `<h4>${COMPUTED} Returns by country of origin (rows) and host country (columns)</h4>` +
    (returns.byOriginAndHost ? countTable(returns.byOriginAndHost, 'Origin \\ host') : none('No data: no partner has reported returns for these projects.')) +
    `<h4>${COMPUTED} Reintegration by country of return</h4>` +
    (returns.reintegration ? countTable(returns.reintegration, 'Country') : none('No data: no partner has reported reintegration for these projects.')) +
    reportedBlock(returns.reported)
  );
}

const list = (items: string[]) => `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;

function countrySection(section: CountrySection): string {
  const measures = section.euSupport.measures;
  return `<section class="country"><h2>${escapeHtml(section.country.name)}</h2>
<h3>EU support</h3>
${supportTable(section.euSupport.projects, section.euSupport.euContribution)}
${ledByAnotherCountryBlock(section.euSupport.ledByAnotherCountry)}
${measures === null ? '' : measures.length ? `<h4>EU support measures</h4>${list(measures.map((measure) => measureInWords(measure, (date) => `<strong>${escapeHtml(date)}</strong>`, escapeHtml)))}` : none('No EU support measure recorded for this period.')}
${reportedBlock(section.euSupport.reported)}
<h3>Results</h3>
${resultsBlock(section.results)}
<h3>Returns and reintegration</h3>
${returnsBlock(section.returnsAndReintegration)}
${section.highLevelEngagement ? `<h3>High level engagement</h3><p>${COMPUTED} ${section.highLevelEngagement.count} engagement${section.highLevelEngagement.count === 1 ? '' : 's'} recorded in the period.</p>` : ''}
${section.keyProgress ? `<h3>Key progress</h3>${section.keyProgress.entries.length ? list(section.keyProgress.entries.map((entry) => escapeHtml(entry.description))) : none('No progress recorded for this period.')}${reportedBlock(section.keyProgress.reported)}` : ''}
${section.nextSteps ? `<h3>Next steps</h3>${section.nextSteps.length ? list(section.nextSteps.map((step) => escapeHtml(step.description) + (step.completedOn ? ` <em>(completed ${escapeHtml(step.completedOn)})</em>` : ''))) : none('No next step set.')}` : ''}
${reportedBlock(section.otherReported, 'Other reported figures')}
</section>`;
}

/** Who the report is for, in words: the whole report, or the sections the reader may read. */
export function audienceInWords(report: ConsolidatedReport): string {
  if (report.audience.whole) return 'the five priority countries and the totals';
  const partner = report.audience.partner ? ` (projects ${report.audience.partner} implements)` : '';
  return `the sections you may read: ${report.countries.map((section) => section.country.name).join(', ') || 'none'}${partner}`;
}

/** A printable page shaped like the Fourth Progress Report: the totals, a section per priority country, the regional sections. */
export function renderConsolidatedReportHtml(report: ConsolidatedReport): string {
  const { period, totals, regional } = report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;border-bottom:3px solid #003399;padding-bottom:.4rem}h2{color:#003399;font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #99a}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}h4{font-size:.9rem;margin:.8rem 0 .3rem;color:#333}
.period{color:#555}table{border-collapse:collapse;width:100%;font-size:.88rem;margin-bottom:.4rem}td,th{border-bottom:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}
.n{text-align:right;white-space:nowrap}.code{font-size:.75rem;color:#555}.none{color:#777;font-style:italic}.quote{font-size:.78rem;color:#444;font-style:italic}
.basis{font:600 .68rem/1 sans-serif;text-transform:uppercase;letter-spacing:.04em;padding:.12rem .35rem;border-radius:.2rem;vertical-align:middle}
.basis.computed{background:#e3ebff;color:#003399}.basis.reported{background:#fff1d6;color:#7a4b00}table.reported{background:#fffaf0}p.apart{color:#6a5a3a;font-size:.85rem;margin:.5rem 0 .2rem}
tr.total td{font-weight:600}.legend{font-size:.85rem;border:1px solid #ddd;padding:.5rem .7rem}section.country{page-break-before:always}@media print{body{margin:0}}
</style></head><body>
<h1>${escapeHtml(report.title)}</h1>
<p class="period">${dayMonthYear(period.from)} – ${dayMonthYear(period.to)} · ${escapeHtml(audienceInWords(report))}</p>
<p class="legend">${COMPUTED} figures are computed by this system from the events in its registers (projects, results approved by the delegations, the funding ledger, returns). ${REPORTED} figures are stated by the source named beside them and cannot be recomputed here. A figure whose period is not inside this report’s is shown apart with its own period and never added up. “No data” means nothing was recorded, not zero.</p>
${totals ? `<h2>Overview and totals</h2>${reportedBlock(totals.overview.reported, 'Overview')}
<h3>EU support</h3>${supportTable(totals.euSupport.projects, totals.euSupport.euContribution)}${reportedBlock(totals.euSupport.reported)}
<h3>Results</h3>${resultsBlock(totals.results)}
<h3>Returns and reintegration</h3>${returnsBlock(totals.returnsAndReintegration)}
<h3>High level engagement</h3><p>${COMPUTED} ${totals.highLevelEngagement.count} engagements recorded in the period across the five countries.</p>
${reportedBlock(totals.keyProgress.reported, 'Key progress')}` : ''}
${report.countries.map(countrySection).join('\n')}
${regional ? `<h2>Regional cooperation</h2>${reportedBlock(regional.cooperation, 'Cooperation') || none('No figure reported.')}
<h2>Regional dialogue</h2>${reportedBlock(regional.regionalDialogue, 'Regional dialogue') || none('No figure reported.')}
${reportedBlock(regional.otherRegional, 'Other regional figures')}` : ''}
${report.otherCountries?.length ? `<h2>Other countries</h2>${report.otherCountries.map((entry) => `<h3>${escapeHtml(entry.country.name)}</h3>${reportedBlock(entry.reported)}`).join('')}` : ''}
${report.restatements?.length ? restatementsBlock(report.restatements) : ''}
</body></html>
`;
}

/** Figures of closed periods that changed since they were frozen: each period's frozen value beside today's. */
function restatementsBlock(restatements: readonly Restatement[]): string {
  const rows = restatements.map(
    (entry) =>
      `<tr><td>${escapeHtml(`${entry.restates.period.from} – ${entry.restates.period.to} (version ${entry.restates.version})`)}</td><td>${escapeHtml(entry.country ?? 'all five')}</td><td>${escapeHtml(entry.figure)}</td><td>${entry.frozenValue ?? '—'}</td><td>${entry.restatedValue ?? '—'}</td><td>${escapeHtml(entry.unit ?? '')}</td><td>${escapeHtml(entry.note ?? '')}</td></tr>`,
  );
  return `<h2>Restatements of closed periods</h2><p>Figures of a closed period that changed after it was closed. The frozen report of that period is unchanged.</p><table><thead><tr><th>closed period</th><th>country</th><th>figure</th><th>frozen</th><th>restated</th><th>unit</th><th>note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The columns of every figure line, in the CSV and in each XLSX sheet. */
export const REPORT_COLUMNS = [
  'section', 'country', 'scope', 'figure', 'basis', 'value', 'value_qualifier', 'unit', 'period_from', 'period_to', 'counted_in_period', 'reported_by', 'source_document', 'source_quote', 'note',
  // A restatement's line only: the closed period's frozen report it restates, and the value that report froze.
  'restates_closure', 'frozen_value',
] as const;

/** One figure of the report, computed or reported, as the columns above. */
export type ReportRow = ReadonlyArray<string | number | null>;
type Row = ReportRow;

function computedRows(section: string, country: string, projects: ProjectCounts, money: EuContribution, results: CountrySection['results'], returns: ReturnsFigures, period: ConsolidatedReport['period']): Row[] {
  const computed = (figure: string, value: number | null, unit: string, note: string | null = null): Row => [
    section, country, country === '' ? 'programme' : `country-${country}`, figure, 'computed', value, null, unit, period.from, period.to, 'yes', null, null, null, value === null && note === null ? 'no data' : note,
  ];
  const tableRows = (name: string, table: SuppressedTable | null, unit: string): Row[] =>
    table === null
      ? [computed(`${name}: total`, null, unit)]
      : [
          ...table.rows.map((row, i) => computed(`${name}: ${row}`, table.rowTotals[i] ?? null, unit, table.rowTotals[i] === null ? 'suppressed' : null)),
          ...table.columns.map((column, i) => computed(`${name}: ${column} (column)`, table.columnTotals[i] ?? null, unit, table.columnTotals[i] === null ? 'suppressed' : null)),
          computed(`${name}: total`, table.total, unit, table.total === null ? 'suppressed' : null),
        ];
  return [
    computed('projects approved', projects.approved, 'projects'),
    computed('projects under implementation', projects.underImplementation, 'projects'),
    computed('EU contribution registered', money.registeredCents, 'EUR cents', money.projectsWithoutAmount > 0 ? `${money.projectsWithoutAmount} projects without amount` : null),
    computed('EU contribution committed', money.committedCents, 'EUR cents'),
    computed('EU contribution contracted', money.contractedCents, 'EUR cents'),
    computed('EU contribution paid', money.paidCents, 'EUR cents'),
    ...[...results.byEutfIndicator, ...results.byEutfIndicatorNotMapped].map((total) => computed(`EUTF ${total.code} (${total.catalogueVersion}) approved`, total.total, total.unit, total.qualifier)),
    ...apartRows(section, country, 'pending approval', results.pendingApproval, 'waiting for approval, not counted'),
    ...apartRows(section, country, 'approved for another period', results.approvedForOtherPeriods, 'approved for periods not inside the report’s, not counted'),
    ...tableRows('returns by origin', returns.byOriginAndHost, 'people'),
    ...tableRows('reintegration by country of return', returns.reintegration, 'people'),
  ];
}

/** Results shown apart: how many under each indicator (the value), over their own periods, never counted. */
const apartRows = (section: string, country: string, what: string, apart: ResultsApart, note: string): Row[] =>
  apart.byEutfIndicator.map((group) => [
    section, country, country === '' ? 'programme' : `country-${country}`, `${what}: ${apartIndicatorName(group)}`, 'computed', group.results, null, 'results', group.periods.from, group.periods.to, 'no', null, null, null,
    `${note}; ${group.projects} project${group.projects === 1 ? '' : 's'}`,
  ]);

/**
 * The multi-country projects a country takes part in that another country leads, one line each:
 * listed, never counted here (no value; `counted_in_period` no), their lead in the note.
 */
const ledByAnotherCountryRows = (code: string, projects: readonly LedByAnotherCountry[], period: ConsolidatedReport['period']): Row[] =>
  projects.map((project) => [
    'led-by-another-country', code, `country-${code}`, `${project.title} (${project.projectId})`, 'computed', null, null, null, period.from, period.to, 'no', null, null, null,
    `led by ${project.leadCountry.name} (${project.leadCountry.code}); countries ${project.countries.join(' ')}; ${project.status}; counted in the lead country's section, not here`,
  ]);

const reportedRowsCsv = (section: string, country: string, reported: ReportedFigures): Row[] =>
  [...reported.inPeriod.map((figure) => [figure, 'yes'] as const), ...reported.otherPeriods.map((figure) => [figure, 'no'] as const)].map(([figure, counted]) => [
    section,
    country,
    figure.scope.level === 'programme' ? 'programme' : figure.scope.level === 'region' ? `region-${figure.scope.region}` : `country-${figure.scope.country}`,
    figure.description,
    'reported',
    figure.value,
    figure.valueQualifier,
    figure.unit,
    figure.period.from,
    figure.period.to,
    counted,
    figure.reportedBy,
    figure.source.document,
    figure.source.quote,
    counted === 'no' ? 'for a period not inside the report’s, or none stated' : null,
  ]);

/**
 * Every figure of the report on one line each, computed and reported alike, amounts in euro cents;
 * "no data" and "suppressed" are said in `note`, never written as 0. A country's multi-country
 * projects led by another country have lines of their own, with no value.
 */
export function renderConsolidatedReportCsv(report: ConsolidatedReport): string {
  const lines = [...consolidatedReportRows(report), ...restatementRows(report)].map((row) => csvLine(REPORT_COLUMNS.map((_column, index) => row[index] ?? null)));
  return `${[csvLine(REPORT_COLUMNS), ...lines].join('\r\n')}\r\n`;
}

/**
 * The restatements of closed periods, one line each, after the period's own figures: basis
 * `restatement`, the value as it is now (empty where it no longer counts or is suppressed), the
 * closed period, the closure it restates and the value its frozen report holds. Never counted in this period.
 */
export function restatementRows(report: ConsolidatedReport): ReportRow[] {
  return (report.restatements ?? []).map((entry) => [
    entry.section,
    entry.country ?? '',
    // A restatement keeps the section, country and figure of the line it restates, not its scope.
    entry.country === null ? null : `country-${entry.country}`,
    entry.figure,
    'restatement',
    entry.restatedValue,
    null,
    entry.unit,
    entry.restates.period.from,
    entry.restates.period.to,
    'no',
    null,
    null,
    null,
    entry.note ?? (entry.restatedValue === null ? 'no data, or suppressed' : null),
    entry.restates.closureId,
    entry.frozenValue,
  ]);
}

/** The report's figures, one row each, in the order of the report: totals, the countries, the regional sections, other countries. */
export function consolidatedReportRows(report: ConsolidatedReport): ReportRow[] {
  const rows: Row[] = [];
  if (report.totals) {
    const { totals } = report;
    rows.push(...reportedRowsCsv('overview', '', totals.overview.reported));
    rows.push(...computedRows('totals', '', totals.euSupport.projects, totals.euSupport.euContribution, totals.results, totals.returnsAndReintegration, report.period));
    rows.push([
      'totals', '', 'programme', 'high-level engagements', 'computed', totals.highLevelEngagement.count, null, 'engagements', report.period.from, report.period.to, 'yes', null, null, null, null,
    ]);
    rows.push(...reportedRowsCsv('eu-support', '', totals.euSupport.reported), ...reportedRowsCsv('results', '', totals.results.reported));
    rows.push(...reportedRowsCsv('returns-and-reintegration', '', totals.returnsAndReintegration.reported), ...reportedRowsCsv('key-progress', '', totals.keyProgress.reported));
  }
  for (const section of report.countries) {
    const code = section.country.code;
    rows.push(...computedRows('country', code, section.euSupport.projects, section.euSupport.euContribution, section.results, section.returnsAndReintegration, report.period));
    rows.push(...ledByAnotherCountryRows(code, section.euSupport.ledByAnotherCountry, report.period));
    if (section.highLevelEngagement) {
      rows.push(['country', code, `country-${code}`, 'high-level engagements', 'computed', section.highLevelEngagement.count, null, 'engagements', report.period.from, report.period.to, 'yes', null, null, null, null]);
    }
    rows.push(...reportedRowsCsv('eu-support', code, section.euSupport.reported), ...reportedRowsCsv('results', code, section.results.reported));
    rows.push(...reportedRowsCsv('returns-and-reintegration', code, section.returnsAndReintegration.reported), ...reportedRowsCsv('key-progress', code, section.keyProgress?.reported ?? { inPeriod: [], otherPeriods: [] }));
    rows.push(...reportedRowsCsv('other', code, section.otherReported));
  }
  if (report.regional) {
    rows.push(...reportedRowsCsv('cooperation', '', report.regional.cooperation), ...reportedRowsCsv('regional-dialogue', '', report.regional.regionalDialogue), ...reportedRowsCsv('regional', '', report.regional.otherRegional));
  }
  for (const entry of report.otherCountries ?? []) rows.push(...reportedRowsCsv('other-countries', entry.country.code, entry.reported));
  return rows;
}
