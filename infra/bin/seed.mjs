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

async function send(url, token, body, key) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

const REQUIRED_FOR_REGISTRATION = ['reference', 'title', 'window', 'euContributionCents', 'startDate', 'endDate'];

/** Loads seeds/ into the services at `projectsUrl`; returns what it recorded and what it left out. */
export async function loadSeeds({ projectsUrl, secret }) {
  const partnerships = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'country-partnerships.json'), 'utf8'));
  let recorded = 0;
  let replayed = 0;
  for (const country of partnerships.countries) {
    const officer = await mintDevelopmentToken({ subject: `seed-officer-${country.country}`, roles: ['delegation-officer'], country: country.country }, secret);
    for (const [section, path, toBody] of sections) {
      for (const entry of country[section] ?? []) {
        const receipt = await send(`${projectsUrl}/countries/${country.country}/${path}`, officer, toBody(entry), `seed-${entry.entryId}`);
        if (receipt.replayed) replayed += 1;
        else recorded += 1;
      }
    }
  }
  // The documents name projects without their EUTF reference, window, amount or dates; the system
  // registers a project only with those, and the seeds never make them up. Such projects are listed.
  const { projects } = JSON.parse(readFileSync(join(repoRoot, 'seeds', 'projects.json'), 'utf8'));
  const notRegistered = projects.filter((project) => REQUIRED_FOR_REGISTRATION.some((field) => project[field] === null || project[field] === undefined));
  log(`demo data: ${recorded} country-partnership entries recorded, ${replayed} already there`);
  if (notRegistered.length > 0) {
    log(`demo data: ${notRegistered.length} projects named in the sources are not registered, as the sources give no EUTF reference, window, amount or dates for them: ${notRegistered.map((project) => project.key).join(', ')}`);
  }
  return { recorded, replayed, notRegistered: notRegistered.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const projectsUrl = process.argv[2] ?? 'http://127.0.0.1:3101';
  const { DEVELOPMENT_ONLY_JWT_SECRET } = await import('./token.mjs');
  await loadSeeds({ projectsUrl, secret: process.env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET });
}
