#!/usr/bin/env node
// Loads the demo data of seeds/ through the public APIs, with tokens of the right roles, exactly
// as users would: never by writing read models. Every request carries an Idempotency-Key derived
// from the seed entry, so a second run changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { log } from '../lib/process.mjs';
import { mintDevelopmentToken } from './token.mjs';

const sections = [
  ['highLevelEngagement', 'high-level-engagements', (entry) => ({ entryId: entry.entryId, date: entry.date, level: entry.level, description: entry.description, source: entry.source ?? null })],
  ['keyProgress', 'key-progress', (entry) => ({ entryId: entry.entryId, date: entry.date ?? null, description: entry.description, source: entry.source ?? null })],
  ['euSupportMeasures', 'eu-support-measures', (entry) => ({ entryId: entry.entryId, description: entry.description, amountCents: entry.amountCents ?? null, source: entry.source ?? null })],
  ['nextSteps', 'next-steps', (entry) => ({ entryId: entry.entryId, description: entry.description, dueDate: entry.dueDate ?? null, source: entry.source ?? null })],
];

/** Priority countries of the Partnership Framework: a project in one of them is registered by its officer. */
const PRIORITY = new Set(['NE', 'ML', 'NG', 'SN', 'ET']);

async function send(url, token, body, key) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Why the system cannot record a seeded project as the sources give it, or null when it can. */
export function whyNotRegistered(project) {
  if (project.countries.length === 0) return 'the sources name no country for it';
  if (project.amountQualifier) {
    return `its amount is given only as "${project.amountQualifier.replace('-', ' ')}" a figure, and an EU contribution is recorded exactly or not at all`;
  }
  return null;
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
  const country = project.countries.find((code) => PRIORITY.has(code)) ?? project.countries[0];
  const officer = await mintDevelopmentToken({ subject: `seed-officer-${country}`, roles: ['delegation-officer'], country }, secret);
  const projectId = project.reference ?? project.key;
  const projectUrl = `${projectsUrl}/projects/${encodeURIComponent(projectId)}`;
  count(await send(`${projectsUrl}/projects`, officer, registrationOf(project), `seed-${project.key}-registration`));
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

/** Loads seeds/ into the services at `projectsUrl`; returns what it recorded and what it left out. */
export async function loadSeeds({ projectsUrl, secret }) {
  const partnerships = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'country-partnerships.json'), 'utf8'));
  let recorded = 0;
  let replayed = 0;
  const count = (receipt) => (receipt.replayed ? (replayed += 1) : (recorded += 1));
  for (const country of partnerships.countries) {
    const officer = await mintDevelopmentToken({ subject: `seed-officer-${country.country}`, roles: ['delegation-officer'], country: country.country }, secret);
    for (const [section, path, toBody] of sections) {
      for (const entry of country[section] ?? []) {
        count(await send(`${projectsUrl}/countries/${country.country}/${path}`, officer, toBody(entry), `seed-${entry.entryId}`));
      }
    }
  }
  const { projects } = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'projects.json'), 'utf8'));
  const notRegistered = [];
  for (const project of projects) {
    const reason = whyNotRegistered(project);
    if (reason) notRegistered.push(`${project.key} (${reason})`);
    else await loadProject(project, { projectsUrl, secret }, count);
  }
  log(`demo data: ${recorded} commands recorded, ${replayed} already there (${projects.length - notRegistered.length} projects with their indicators and approved results)`);
  if (notRegistered.length > 0) log(`demo data: not registered: ${notRegistered.join('; ')}`);
  return { recorded, replayed, projects: projects.length - notRegistered.length, notRegistered };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const projectsUrl = process.argv[2] ?? 'http://127.0.0.1:3101';
  const { DEVELOPMENT_ONLY_JWT_SECRET } = await import('./token.mjs');
  await loadSeeds({ projectsUrl, secret: process.env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET });
}
