#!/usr/bin/env node
// Loads the demo data of seeds/ through the public APIs, with tokens of the right roles, exactly
// as users would: never by writing read models. Every request carries an Idempotency-Key derived
// from the seed entry, so a second run changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { log } from '../lib/process.mjs';
import { loadReportedFigures } from './seed-reported-figures.mjs';
import { loadReturnsSeeds } from './seed-returns.mjs';
import { mintDevelopmentToken } from './token.mjs';

const sections = [
  ['highLevelEngagement', 'high-level-engagements', (entry) => ({ entryId: entry.entryId, date: entry.date, level: entry.level, description: entry.description, source: entry.source ?? null })],
  ['keyProgress', 'key-progress', (entry) => ({ entryId: entry.entryId, date: entry.date ?? null, description: entry.description, source: entry.source ?? null })],
  ['euSupportMeasures', 'eu-support-measures', (entry) => ({ entryId: entry.entryId, date: entry.date ?? null, description: entry.description, amountCents: entry.amountCents ?? null, source: entry.source ?? null })],
  ['nextSteps', 'next-steps', (entry) => ({ entryId: entry.entryId, description: entry.description, dueDate: entry.dueDate ?? null, source: entry.source ?? null })],
];

/** A command; over the caller's command budget (429), sent again after the Retry-After it is given. */
async function post(url, token, body, key) {
  for (;;) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status !== 429) return response;
    await response.arrayBuffer();
    await new Promise((done) => setTimeout(done, Number(response.headers.get('retry-after') || 1) * 1_000));
  }
}

async function send(url, token, body, key) {
  const response = await post(url, token, body, key);
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * An EU support measure, dated. One an earlier start recorded before measures were dated keeps its
 * first recording: its key comes back with the date, which the service answers 422
 * idempotency-key-reused; that is said, not failed on.
 */
async function sendMeasure(url, token, body, key) {
  const response = await post(url, token, body, key);
  if (response.ok) return response.json();
  const problem = await response.text();
  if (response.status !== 422 || !problem.includes('idempotency-key-reused')) throw new Error(`POST ${url}: ${response.status} ${problem}`);
  log(`demo data: ${body.entryId} was recorded before EU support measures were dated, and stays undated`);
  return { replayed: true };
}

/**
 * A registration. A project in several countries registered before leads were named keeps its
 * first registration (read as led by its first listed country): its key comes back with the lead,
 * which the service answers 422 idempotency-key-reused; that is said, not failed on.
 */
async function sendRegistration(url, token, body, key) {
  const response = await post(url, token, body, key);
  if (response.ok) return response.json();
  const problem = await response.text();
  if (response.status !== 422 || !problem.includes('idempotency-key-reused') || !body.leadCountry) throw new Error(`POST ${url}: ${response.status} ${problem}`);
  log(`demo data: ${key} was registered before leads were named, and is led by its first listed country (${body.countries[0]})`);
  return { replayed: true };
}

/**
 * A command to the funding ledger, which learns of a project from the projects' topic: until the
 * registration arrives it answers 409 project-unknown with a Retry-After, and the loader waits so long.
 */
async function sendToLedger(url, token, body, key) {
  for (const deadline = Date.now() + 60_000; ; ) {
    const response = await post(url, token, body, key);
    if (response.ok) return response.json();
    const problem = await response.text();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (!problem.includes('"project-unknown"') || !retryAfter || Date.now() > deadline) throw new Error(`POST ${url}: ${response.status} ${problem}`);
    await new Promise((done) => setTimeout(done, retryAfter * 1_000));
  }
}

/** Why the system cannot record a seeded project as the sources give it, or null when it can. */
export function whyNotRegistered(project) {
  if (project.countries.length === 0) return 'the sources name no country for it';
  if (project.amountQualifier) {
    return `its amount is given only as "${project.amountQualifier.replace('-', ' ')}" a figure, and an EU contribution is recorded exactly or not at all`;
  }
  if (project.countries.length > 1 && !project.countries.includes(project.leadCountry)) return 'it lists several countries and names none of them its lead';
  return null;
}

const inEuros = (cents) => `EUR ${(cents / 100).toLocaleString('en-GB')}`;

/**
 * The commitment the sources give for a seeded project, as the funding ledger takes it, or why it
 * cannot be recorded faithfully: the ledger records the EUTF decision with its date and reference,
 * and none is made up. `{ commitment: null, reason: null }` when the sources give no amount at all.
 */
export function commitmentOf(project) {
  const given = project.commitment;
  if (!given) return { commitment: null, reason: null };
  const missing = [given.decidedOn ? null : 'date', given.decisionReference ? null : 'reference'].filter((what) => what !== null);
  if (missing.length > 0) {
    return {
      commitment: null,
      reason: `${given.source.document} gives the ${inEuros(given.amountCents)} it commits, not the ${missing.join(' or ')} of the decision, which a commitment records`,
    };
  }
  return { commitment: { amountCents: given.amountCents, decidedOn: given.decidedOn, decisionReference: given.decisionReference }, reason: null };
}

const lastDayOfMonth = (month) => {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
};

/**
 * A seeded period as the API takes it. A period given to the month covers whole months (May 2017
 * starts on 1 May; October 2020 ends on 31 October): no day is invented. A running total the
 * sources give only "as of" a month, with no start, is "since the project began" (from: null).
 */
export function resultPeriodOf(period) {
  const start = (date, precision) => (date === null ? null : precision === 'year' ? `${date}-01-01` : precision === 'month' ? `${date}-01` : date);
  const end = (date, precision) => (precision === 'year' ? `${date}-12-31` : precision === 'month' ? lastDayOfMonth(date) : date);
  if (period.to !== null && period.to !== undefined) {
    return { from: start(period.from, period.fromPrecision), to: end(period.to, period.toPrecision) };
  }
  return { from: start(period.from ?? null, period.fromPrecision), to: end(period.asOf, period.asOfPrecision) };
}

const quoted = (source) => `${source.document}: "${source.quote}"`;

/** The registration a delegation officer would enter from the documents: what they give, nothing more. */
function registrationOf(project) {
  const { note: _note, ...objectives } = project.objectives;
  return {
    reference: project.reference,
    ...(project.reference === null ? { projectId: project.key } : {}),
    title: project.titleEn ?? project.title ?? project.description,
    window: project.window,
    countries: project.countries,
    // A project in one country is led by it; sent only when there is a choice, so that a project
    // registered before leads were named is sent exactly as then.
    ...(project.countries.length > 1 ? { leadCountry: project.leadCountry } : {}),
    implementingPartners: project.implementingPartners,
    euContributionCents: project.euContributionCents,
    adoptedOn: project.adoptionDate ?? null,
    startDate: project.startDate,
    endDate: project.endDate,
    objectives,
  };
}

/** Registers one seeded project, its indicators and its results: officer registers, partner submits, officer approves. */
async function loadProject(project, { projectsUrl, secret }, count) {
  // Only the lead country's officer registers and manages a project.
  const country = project.countries.length > 1 ? project.leadCountry : project.countries[0];
  const officer = await mintDevelopmentToken({ subject: `seed-officer-${country}`, roles: ['delegation-officer'], country }, secret);
  const projectId = project.reference ?? project.key;
  const projectUrl = `${projectsUrl}/projects/${encodeURIComponent(projectId)}`;
  count(await sendRegistration(`${projectsUrl}/projects`, officer, registrationOf(project), `seed-${project.key}-registration`));
  for (const indicator of project.indicators) {
    const body = {
      indicatorId: indicator.key,
      title: indicator.title,
      eutfIndicator: indicator.eutfIndicator ? { code: indicator.eutfIndicator, catalogueVersion: '2021' } : null,
      unit: indicator.unit,
      baseline: indicator.baseline,
      target: indicator.target,
      measurement: indicator.cumulative ? 'cumulative' : 'per-period',
      disaggregation: [],
    };
    count(await send(`${projectUrl}/indicators`, officer, body, `seed-${project.key}-indicator-${indicator.key}`));
  }
  if (project.results.length === 0) return;
  const [partnerOrg] = project.implementingPartners;
  const partner = await mintDevelopmentToken({ subject: `seed-partner-${partnerOrg}`, roles: ['implementing-partner'], org: partnerOrg }, secret);
  for (const result of project.results) {
    const period = resultPeriodOf(result.period);
    const resultId = `${result.indicator}-to-${period.to}`;
    const body = {
      indicatorId: result.indicator,
      period,
      value: result.value,
      valueQualifier: result.valueQualifier ?? null,
      disaggregation: [],
      // The narrative cites the sentence the figure comes from, so the event carries its source.
      narrative: quoted(result.source).slice(0, 2_000),
      evidenceLinks: [],
    };
    count(await send(`${projectUrl}/results/${resultId}/submission`, partner, body, `seed-${project.key}-result-${resultId}-submission`));
    count(await send(`${projectUrl}/results/${resultId}/approval`, officer, undefined, `seed-${project.key}-result-${resultId}-approval`));
  }
}

/**
 * Records in the funding ledger what the sources give of the registered projects' money (by HQ
 * finance, with an Idempotency-Key each); names the amounts it cannot record faithfully.
 */
async function loadFunding(projects, { disbursementsUrl, secret }) {
  const finance = await mintDevelopmentToken({ subject: 'seed-hq-finance', roles: ['hq-finance'] }, secret);
  let recorded = 0;
  let replayed = 0;
  const notRecorded = [];
  for (const project of projects) {
    const { commitment, reason } = commitmentOf(project);
    if (reason) notRecorded.push(`${project.key} (${reason})`);
    if (!commitment) continue;
    const projectId = encodeURIComponent(project.reference ?? project.key);
    const receipt = await sendToLedger(`${disbursementsUrl}/projects/${projectId}/commitment`, finance, commitment, `seed-${project.key}-commitment`);
    if (receipt.replayed) replayed += 1;
    else recorded += 1;
  }
  log(`demo data: funding ledger: ${recorded} commitments recorded, ${replayed} already there`);
  if (notRecorded.length > 0) log(`demo data: funding ledger: not recorded: ${notRecorded.join('; ')}`);
  return { recorded, replayed, notRecorded };
}

/** Loads seeds/ into the services at `projectsUrl`, `disbursementsUrl` and `returnsUrl` (skipped when not given); returns what it recorded and what it left out. */
export async function loadSeeds({ projectsUrl, disbursementsUrl, returnsUrl, secret }) {
  const partnerships = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'country-partnerships.json'), 'utf8'));
  let recorded = 0;
  let replayed = 0;
  const count = (receipt) => (receipt.replayed ? (replayed += 1) : (recorded += 1));
  for (const country of partnerships.countries) {
    const officer = await mintDevelopmentToken({ subject: `seed-officer-${country.country}`, roles: ['delegation-officer'], country: country.country }, secret);
    for (const [section, path, toBody] of sections) {
      for (const entry of country[section] ?? []) {
        const sender = section === 'euSupportMeasures' ? sendMeasure : send;
        count(await sender(`${projectsUrl}/countries/${country.country}/${path}`, officer, toBody(entry), `seed-${entry.entryId}`));
      }
    }
  }
  const { projects } = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'projects.json'), 'utf8'));
  const notRegistered = [];
  const registered = [];
  for (const project of projects) {
    const reason = whyNotRegistered(project);
    if (reason) notRegistered.push(`${project.key} (${reason})`);
    else {
      await loadProject(project, { projectsUrl, secret }, count);
      registered.push(project);
    }
  }
  log(`demo data: ${recorded} commands recorded, ${replayed} already there (${registered.length} projects with their indicators and approved results)`);
  if (notRegistered.length > 0) log(`demo data: not registered: ${notRegistered.join('; ')}`);
  const funding = await loadFunding(registered, { disbursementsUrl, secret });
  const reportedFigures = await loadReportedFigures({ projectsUrl, secret });
  const returns = returnsUrl ? await loadReturnsSeeds({ returnsUrl, secret }) : null;
  if (!returns) log('demo data: returns: not loaded (no returns service given)');
  return { recorded, replayed, projects: registered.length, notRegistered, funding, reportedFigures, returns };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // With no URL given, the services of `npm start`; with some given, only those (a test's own services).
  const given = process.argv.slice(2);
  const [projectsUrl = 'http://127.0.0.1:3101', disbursementsUrl = 'http://127.0.0.1:3102', returnsUrl = given.length === 0 ? 'http://127.0.0.1:3103' : undefined] = given;
  const { DEVELOPMENT_ONLY_JWT_SECRET } = await import('./token.mjs');
  await loadSeeds({ projectsUrl, disbursementsUrl, returnsUrl, secret: process.env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET });
}
