// Loads the figures the source documents state and no register can recompute (the Fourth Progress
// Report's programme figures, the Rabat Process's, Mali's GCM review's) as reported figures, through
// the public API of the projects service: headquarters reports the programme's and the regions',
// Mali's delegation officer Mali's. Each request carries an Idempotency-Key made from the figure's
// key, so a second run changes nothing. A figure the sources do not give (value null) is not
// reported, and is named; so is one the returns service holds (`countedInReturns`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { log } from '../lib/process.mjs';
import { mintDevelopmentToken } from './token.mjs';

const readSeed = (name) => JSON.parse(readFileSync(join(repoRoot, 'seeds', name), 'utf8'));

/**
 * Where each figure of the Fourth Progress Report (002_…) belongs: its scope and the report section
 * a reader looks for it in. A figure not named here is a programme-wide one of the overview.
 */
const PROGRESS_REPORT_PLACES = {
  'eutf-projects-approved': { scope: { level: 'programme' }, section: 'eu-support' },
  'eutf-resources': { scope: { level: 'programme' }, section: 'eu-support' },
  'eutf-regions': { scope: { level: 'programme' }, section: 'eu-support' },
  'eutf-reach-extended': { scope: { level: 'programme' }, section: 'eu-support' },
  'liaison-officers-countries': { scope: { level: 'programme' }, section: 'cooperation' },
  'avr-from-libya-2017': { scope: { level: 'country', country: 'LY' }, section: 'returns-and-reintegration' },
  'libya-package': { scope: { level: 'country', country: 'LY' }, section: 'eu-support' },
  'csdp-activities-libya': { scope: { level: 'country', country: 'LY' }, section: 'cooperation' },
  // The forces of the G5 Joint Force, as the release lists them, are a region of their own.
  'g5-joint-force-support': { scope: { level: 'region', region: 'g5-joint-force' }, section: 'cooperation' },
};

/** `2017-06-05` with precision `day` as the API takes it; a period `{ from, to }` of the seeds likewise. */
const dayOrMonth = (date) => date ?? null;

/**
 * The period a figure of the progress report covers. A figure with its own period keeps it; one
 * the release gives "so far" (118 projects approved, resources, liaison officers) is a running
 * total up to the release, dated June 2017 (`report.date`, from its `dateSources`).
 */
function progressReportPeriod(figure, reportDate) {
  if (figure.period) return { from: dayOrMonth(figure.period.from), to: dayOrMonth(figure.period.to) };
  if (figure.date) return { from: figure.date, to: figure.date };
  return { from: null, to: figure.asOf ?? reportDate };
}

const gcmPeriod = (period) => (period ? { from: period.from ?? null, to: period.to ?? null } : { from: null, to: null });

/** Every reported figure of the three seed files, as the API takes it, with who records it and what is left out. */
export function reportedFiguresOfSeeds() {
  const figures = [];
  const leftOut = [];
  const add = (recorder, body) => (body.value === null || body.value === undefined ? leftOut.push(`${body.figureId} (the sources give no value)`) : figures.push({ recorder, body }));

  const { report } = readSeed('consolidated-report.json');
  for (const figure of report.figures) {
    // The returns service holds it (returns.json): a report shows it from the returns views, never twice.
    if (figure.countedInReturns) {
      leftOut.push(`${figure.key} (counted in the returns service as ${figure.countedInReturns})`);
      continue;
    }
    const place = PROGRESS_REPORT_PLACES[figure.key] ?? { scope: { level: 'programme' }, section: 'overview' };
    add('hq', {
      figureId: figure.key,
      ...place,
      description: figure.description,
      value: figure.value,
      valueQualifier: figure.valueQualifier ?? null,
      unit: figure.unit,
      period: progressReportPeriod(figure, report.date),
      reportedBy: 'European Commission (Fourth Progress Report on the Partnership Framework)',
      source: figure.source,
    });
  }

  const { process } = readSeed('rabat-process.json');
  for (const figure of process.figures) {
    add('hq', {
      figureId: `rabat-process-${figure.key}`,
      scope: { level: 'region', region: 'rabat-process' },
      section: 'regional-dialogue',
      description: `${process.name}: ${figure.description.charAt(0).toLowerCase()}${figure.description.slice(1)}`,
      value: figure.value,
      valueQualifier: figure.valueQualifier ?? null,
      unit: figure.unit,
      period: { from: process.period.from, to: process.period.to },
      reportedBy: `${process.name} (${process.supportProject.title}, implemented by ${process.supportProject.implementedBy})`,
      source: figure.source,
    });
  }

  const gcm = readSeed('gcm-review-mali.json');
  const reportedBy = 'Government of Mali (national report for the first regional review of the Global Compact for Migration)';
  for (const objective of gcm.resultsByObjective) {
    for (const action of objective.actions) {
      if (action.value === undefined) continue;
      add('officer-ML', {
        figureId: `gcm-${action.key}`,
        // Objective 21 is return, readmission and reintegration: where a reader of the progress report looks for returnees.
        section: objective.gcmObjective === 21 ? 'returns-and-reintegration' : 'results',
        description: `${action.description.replace(/\.$/, '')} (GCM objective ${objective.gcmObjective})`,
        value: action.value,
        valueQualifier: action.valueQualifier ?? null,
        unit: action.unit,
        period: gcmPeriod(action.period),
        reportedBy,
        source: action.source,
      });
    }
  }
  for (const result of gcm.otherResults) {
    if (result.value === undefined) continue;
    add('officer-ML', {
      figureId: `gcm-${result.key}`,
      section: 'key-progress',
      description: result.description.replace(/\.$/, ''),
      value: result.value,
      valueQualifier: result.valueQualifier ?? null,
      unit: result.unit,
      period: gcmPeriod(result.period ?? (result.date ? { from: result.date, to: result.date } : null)),
      reportedBy,
      source: result.source,
    });
  }
  return { figures, leftOut };
}

/** Reports the seeded figures to the projects service at `projectsUrl`; returns how many were recorded, already there, and left out. */
export async function loadReportedFigures({ projectsUrl, secret }) {
  const analyst = await mintDevelopmentToken({ subject: 'seed-hq-analyst', roles: ['hq-analyst'] }, secret);
  const officerMl = await mintDevelopmentToken({ subject: 'seed-officer-ML', roles: ['delegation-officer'], country: 'ML' }, secret);
  const { figures, leftOut } = reportedFiguresOfSeeds();
  let recorded = 0;
  let replayed = 0;
  for (const { recorder, body } of figures) {
    const [url, token] = recorder === 'hq' ? [`${projectsUrl}/reported-figures`, analyst] : [`${projectsUrl}/countries/ML/reported-figures`, officerMl];
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `seed-reported-figure-${body.figureId}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${url} (${body.figureId}): ${response.status} ${await response.text()}`);
    if ((await response.json()).replayed) replayed += 1;
    else recorded += 1;
  }
  log(`demo data: reported figures: ${recorded} recorded, ${replayed} already there`);
  if (leftOut.length > 0) log(`demo data: reported figures not recorded: ${leftOut.join('; ')}`);
  return { recorded, replayed, leftOut };
}
