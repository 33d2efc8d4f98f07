// Loads seeds/returns.json through the returns service's public API, as the implementing partner
// would report it: each period figure with its source document, under the partner's own report id,
// with an Idempotency-Key made from the figure's key, so a second run changes nothing. Called by
// infra/bin/seed.mjs once the projects are registered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { log } from '../lib/process.mjs';
import { mintDevelopmentToken } from './token.mjs';

/** The source as the returns service records it: a document id (its file name without `.txt`), no quote. */
const sourceOf = (source) => ({ document: source.document.replace(/\.txt$/, ''), page: null });

/** A period return figure of the seeds as the body of `POST /returns/projects/{projectId}/period-reports`. */
export function periodReturnsBodyOf(figure) {
  return {
    reportId: figure.key,
    hostCountry: figure.hostCountry,
    countryOfOrigin: figure.countryOfOrigin,
    period: { from: figure.period.from, to: figure.period.to },
    count: figure.count,
    valueQualifier: figure.valueQualifier,
    source: sourceOf(figure.source),
  };
}

/** A period reintegration figure of the seeds as the body of `POST /reintegration/projects/{projectId}/period-reports`. */
export function periodReintegrationBodyOf(figure) {
  return {
    reportId: figure.key,
    countryOfReturn: figure.countryOfReturn,
    stage: figure.stage,
    period: { from: figure.period.from, to: figure.period.to },
    count: figure.count,
    valueQualifier: figure.valueQualifier,
    source: sourceOf(figure.source),
  };
}

/**
 * The figures that would be counted twice: a project result in projects.json for an indicator
 * whose results are the returns service's (`resultsInReturns`). The returns service is the source
 * of truth, so the loader refuses to start with any.
 */
export function countedTwice(projects) {
  return projects.flatMap((project) =>
    project.indicators
      .filter((indicator) => (indicator.resultsInReturns ?? []).length > 0)
      .flatMap((indicator) => project.results.filter((result) => result.indicator === indicator.key).map(() => `${project.key}/${indicator.key}`)),
  );
}

/**
 * The returns service learns of a project from the projects' topic: until its registration arrives
 * it answers 422 project-not-known with a Retry-After, and the loader waits so long.
 */
async function sendToReturns(url, token, body, key) {
  for (const deadline = Date.now() + 60_000; ; ) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    if (response.ok) return response.json();
    const problem = await response.text();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (!problem.includes('"project-not-known"') || !retryAfter || Date.now() > deadline) throw new Error(`POST ${url}: ${response.status} ${problem}`);
    await new Promise((done) => setTimeout(done, retryAfter * 1_000));
  }
}

/** Loads seeds/returns.json into the returns service at `returnsUrl`; returns what it recorded. */
export async function loadReturnsSeeds({ returnsUrl, secret }) {
  const seeds = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'returns.json'), 'utf8'));
  const { projects } = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'projects.json'), 'utf8'));
  const twice = countedTwice(projects);
  if (twice.length > 0) throw new Error(`seeds/projects.json has results the returns service already counts: ${twice.join(', ')}`);
  const registered = new Map(projects.map((project) => [project.key, project.reference ?? project.key]));
  let recorded = 0;
  let replayed = 0;
  const routes = [
    ['returns', seeds.periodReturns ?? [], periodReturnsBodyOf],
    ['reintegration', seeds.periodReintegration ?? [], periodReintegrationBodyOf],
  ];
  for (const [context, figures, bodyOf] of routes) {
    for (const figure of figures) {
      const partner = await mintDevelopmentToken({ subject: `seed-partner-${figure.partner}`, roles: ['implementing-partner'], org: figure.partner }, secret);
      const projectId = encodeURIComponent(registered.get(figure.project) ?? figure.project);
      const receipt = await sendToReturns(`${returnsUrl}/${context}/projects/${projectId}/period-reports`, partner, bodyOf(figure), `seed-${context}-${figure.key}`);
      if (receipt.replayed) replayed += 1;
      else recorded += 1;
    }
  }
  log(`demo data: returns: ${recorded} period reports recorded, ${replayed} already there`);
  const elsewhere = (seeds.placedElsewhere ?? []).map((placed) => `${placed.value} (${placed.source.document}, ${placed.placedIn} ${placed.key}): ${placed.reason}`);
  if (elsewhere.length > 0) log(`demo data: returns: placed elsewhere: ${elsewhere.join('; ')}`);
  return { recorded, replayed };
}
