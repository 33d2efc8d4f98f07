import type { CountryFactsheet, ResultLine } from './country-factsheet';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);

/** Euro amounts as the factsheets write them: "€ 1.5 million", exact below a million. */
export function formatEuros(cents: number): string {
  const euros = cents / 100;
  if (euros >= 1_000_000) return `€${(euros / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} million`;
  return `€${euros.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}

const number = (value: number) => value.toLocaleString('en-GB');
const list = (items: string[], empty: string) => (items.length ? `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>` : `<p class="none">${empty}</p>`);
const resultRow = (line: ResultLine) =>
  `<tr><td>${escapeHtml(line.reference)}</td><td>${escapeHtml(line.indicator)}${line.eutfIndicator ? ` <span class="code">EUTF ${escapeHtml(line.eutfIndicator)}</span>` : ''}</td>` +
  `<td>${escapeHtml(line.period.from)} – ${escapeHtml(line.period.to)}</td><td class="n">${number(line.value)} ${escapeHtml(line.unit)}</td>` +
  `<td class="n">${number(line.target)}</td>${line.returnReason !== null ? `<td>${escapeHtml(line.returnReason)}</td>` : ''}</tr>`;

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
<p class="period">${escapeHtml(period.from)} – ${escapeHtml(period.to)}${country.priority ? ' · priority country of the Partnership Framework' : ''}</p>
<h2>High level engagement</h2>
${list(factsheet.highLevelEngagement.map((entry) => `<strong>${escapeHtml(entry.date)}</strong> — ${escapeHtml(entry.description)}`), 'No engagement recorded for this period.')}
<h2>Key progress by national authorities</h2>
${list(factsheet.keyProgress.map((entry) => escapeHtml(entry.description)), 'No progress recorded for this period.')}
<h2>EU support</h2>
<p>${euSupport.projects.length} EUTF project${euSupport.projects.length === 1 ? '' : 's'} adopted, for a total of ${formatEuros(euSupport.totalEuContributionCents)}.</p>
${list(
  euSupport.projects.map(
    (project) => `${escapeHtml(project.title)} (${escapeHtml(project.reference)}): ${formatEuros(project.euContributionCents)}, implemented by ${escapeHtml(project.implementingPartners.join(', '))}`,
  ),
  'No EUTF project registered.',
)}
${list(euSupport.measures.map((measure) => escapeHtml(measure.description) + (measure.amountCents !== null ? ` (${formatEuros(measure.amountCents)})` : '')), 'No other support measure recorded.')}
<h2>Results</h2>
${results.byEutfIndicator.length ? `<table><tr><th>EUTF indicator</th><th class="n">Approved</th></tr>${results.byEutfIndicator.map((total) => `<tr><td>${escapeHtml(total.code)}</td><td class="n">${number(total.total)} ${escapeHtml(total.unit)}</td></tr>`).join('')}</table>` : ''}
${results.approved.length ? `<table><tr><th>Project</th><th>Indicator</th><th>Period</th><th class="n">Value</th><th class="n">Target</th></tr>${results.approved.map(resultRow).join('')}</table>` : '<p class="none">No approved result for this period.</p>'}
${results.pendingApproval.length ? `<h3>Pending approval (not counted)</h3><table><tr><th>Project</th><th>Indicator</th><th>Period</th><th class="n">Value</th><th class="n">Target</th></tr>${results.pendingApproval.map(resultRow).join('')}</table>` : ''}
<h2>Next steps</h2>
${list(factsheet.nextSteps.map((step) => escapeHtml(step.description) + (step.completedOn ? ` <em>(completed ${escapeHtml(step.completedOn)})</em>` : '')), 'No next step set.')}
</body></html>
`;
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The factsheet's results table as CSV (approved and pending, with their status). */
export function renderResultsCsv(factsheet: CountryFactsheet): string {
  const header = ['country', 'project_reference', 'indicator_id', 'indicator', 'eutf_indicator', 'period_from', 'period_to', 'value', 'unit', 'baseline', 'target', 'status'];
  const rows = [...factsheet.results.approved, ...factsheet.results.pendingApproval, ...factsheet.results.returnedForRevision].map((line) =>
    [factsheet.country.code, line.reference, line.indicatorId, line.indicator, line.eutfIndicator, line.period.from, line.period.to, line.value, line.unit, line.baseline, line.target, line.status]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The EUTF projects of the factsheet as CSV, amounts in euro cents and euros. */
export function renderProjectsCsv(factsheet: CountryFactsheet): string {
  const header = ['country', 'project_reference', 'title', 'window', 'implementing_partners', 'eu_contribution_cents', 'eu_contribution_eur', 'status'];
  const rows = factsheet.euSupport.projects.map((project) =>
    [factsheet.country.code, project.reference, project.title, project.window, project.implementingPartners.join(' '), project.euContributionCents, (project.euContributionCents / 100).toFixed(2), project.status]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
