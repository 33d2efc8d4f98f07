#!/usr/bin/env node
// Checks the demo data in seeds/ against the source documents it cites.
//
// For every JSON file under seeds/:
//  - every `source` (and every other object carrying `document` / `quote`, e.g. `sourceFr`,
//    `additionalSources[i]`) must name a document in ../shared/seeds/ (relative to the repository
//    root) and its `quote` must occur in that document verbatim, after collapsing runs of
//    whitespace to one space on both sides;
//  - every number field named value, target, baseline, amountCents or euContributionCents must be
//    null, or sit in an object (or that object's parent object) that has a valid `source`;
//    amounts in cents must be non-negative safe integers;
//  - returns.json, whose figures the returns service holds as the source of truth, is counted once:
//    every count is a non-negative integer; a project indicator of projects.json that refers to
//    returns figures (`resultsInReturns`) names figures of returns.json under the same project and
//    has no result of its own there; a figure of consolidated-report.json the returns service
//    counts (`countedInReturns`) names a figure of returns.json; and a figure placed elsewhere
//    names an entry of gcm-review-mali.json.
// Prints one line per problem and exits 1 if there is any; else prints
// `seeds: N sources checked, all found` and exits 0. Plain Node ESM, no dependencies.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const seedsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(seedsDir);
const NUMBER_FIELDS = new Set(['value', 'count', 'target', 'baseline', 'amountCents', 'euContributionCents']);
const CENTS_FIELDS = new Set(['amountCents', 'euContributionCents']);

const problems = [];
let sourcesChecked = 0;
const documents = new Map();

const collapse = (text) => text.replace(/\s+/g, ' ').trim();

async function documentText(name) {
  if (!documents.has(name)) {
    const file = path.resolve(repoRoot, '..', 'shared', 'seeds', name);
    documents.set(
      name,
      readFile(file, 'utf8').then(
        (text) => collapse(text),
        () => null,
      ),
    );
  }
  return documents.get(name);
}

async function jsonFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await jsonFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
  }
  return found.sort();
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const looksLikeSource = (value) => isObject(value) && ('document' in value || 'quote' in value);
const isValidSource = (value) =>
  isObject(value) && typeof value.document === 'string' && typeof value.quote === 'string' && value.quote.trim() !== '';
const hasSource = (object) => isObject(object) && isValidSource(object.source);

async function checkSource(file, where, source) {
  sourcesChecked += 1;
  if (!isValidSource(source)) {
    problems.push(`${file}: ${where}: a source needs a "document" (file name) and a non-empty "quote"`);
    return;
  }
  const { document, quote } = source;
  if (document !== path.basename(document) || document === '' || document.startsWith('.')) {
    problems.push(`${file}: ${where}: "document" must be a bare file name in ../shared/seeds/, got "${document}"`);
    return;
  }
  const text = await documentText(document);
  if (text === null) {
    problems.push(`${file}: ${where}: document not found: ${document}`);
    return;
  }
  const wanted = collapse(quote);
  if (!text.includes(wanted)) {
    const shown = wanted.length > 100 ? `${wanted.slice(0, 100)}…` : wanted;
    problems.push(`${file}: ${where}: quote not found in ${document}: "${shown}"`);
  }
}

async function walk(file, node, where, parentObject) {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      await walk(file, node[index], `${where}[${index}]`, parentObject);
    }
    return;
  }
  if (!isObject(node)) return;

  if (looksLikeSource(node)) await checkSource(file, where, node);
  if ('source' in node && !looksLikeSource(node.source)) {
    problems.push(`${file}: ${where}.source: must be a { document, quote } object`);
  }

  for (const [key, value] of Object.entries(node)) {
    if (!NUMBER_FIELDS.has(key) || value === null) continue;
    const at = `${where}.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${file}: ${at}: must be a number or null`);
      continue;
    }
    if (CENTS_FIELDS.has(key) && (!Number.isSafeInteger(value) || value < 0)) {
      problems.push(`${file}: ${at}: euro cents must be a non-negative safe integer, got ${value}`);
    }
    if (!hasSource(node) && !hasSource(parentObject)) {
      problems.push(`${file}: ${at}: the figure ${value} has no source (neither its object nor the parent object has one)`);
    }
  }

  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'object' && value !== null) await walk(file, value, `${where}.${key}`, node);
  }
}

const files = await jsonFiles(seedsDir);
if (files.length === 0) problems.push(`${path.relative(repoRoot, seedsDir) || 'seeds'}: no JSON files found`);
for (const full of files) {
  const file = path.relative(repoRoot, full);
  let data;
  try {
    data = JSON.parse(await readFile(full, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not valid JSON: ${error.message}`);
    continue;
  }
  await walk(file, data, '$', null);
}

/**
 * The returns service is the source of truth of a returns or reintegration figure that is also a
 * project indicator's result: the indicator refers to it and submits no result, so no report adds
 * the figure twice (README, "Returns and reintegration").
 */
async function checkCountedOnce() {
  const read = async (name) => JSON.parse(await readFile(path.join(seedsDir, name), 'utf8'));
  let returns;
  let projects;
  let consolidated;
  let gcm;
  try {
    [returns, projects, consolidated, gcm] = await Promise.all([read('returns.json'), read('projects.json'), read('consolidated-report.json'), read('gcm-review-mali.json')]);
  } catch (error) {
    problems.push(`seeds/returns.json: cannot check that its figures are counted once: ${error.message}`);
    return;
  }
  const figures = [...(returns.periodReturns ?? []), ...(returns.periodReintegration ?? [])];
  const byKey = new Map(figures.map((figure) => [figure.key, figure]));
  if (byKey.size !== figures.length) problems.push('seeds/returns.json: two figures share a key');
  for (const figure of figures) {
    if (!Number.isSafeInteger(figure.count) || figure.count < 0) problems.push(`seeds/returns.json: ${figure.key}: count must be a non-negative integer`);
  }
  for (const project of projects.projects ?? []) {
    for (const indicator of project.indicators ?? []) {
      for (const key of indicator.resultsInReturns ?? []) {
        const figure = byKey.get(key);
        if (!figure) problems.push(`seeds/projects.json: ${project.key}/${indicator.key}: refers to ${key}, which is not a figure of seeds/returns.json`);
        else if (figure.project !== project.key) problems.push(`seeds/projects.json: ${project.key}/${indicator.key}: refers to ${key}, a figure of project ${figure.project}`);
      }
      const results = (project.results ?? []).filter((result) => result.indicator === indicator.key);
      if ((indicator.resultsInReturns ?? []).length > 0 && results.length > 0) {
        problems.push(`seeds/projects.json: ${project.key}/${indicator.key}: its results are the returns service's, yet it has ${results.length} of its own: counted twice`);
      }
    }
  }
  const report = consolidated.report ?? {};
  for (const figure of [...(report.figures ?? [])]) {
    if (figure.countedInReturns !== undefined && !byKey.has(figure.countedInReturns)) {
      problems.push(`seeds/consolidated-report.json: ${figure.key}: counted in returns as ${figure.countedInReturns}, which is not a figure of seeds/returns.json`);
    }
  }
  const gcmKeys = new Set([...(gcm.resultsByObjective ?? []).flatMap((objective) => objective.actions ?? []), ...(gcm.otherResults ?? [])].map((entry) => entry.key));
  for (const placed of returns.placedElsewhere ?? []) {
    if (placed.placedIn !== 'gcm-review-mali.json' || !gcmKeys.has(placed.key)) {
      problems.push(`seeds/returns.json: ${placed.key}: placed in ${placed.placedIn}, where no entry has that key`);
    }
  }
}

await checkCountedOnce();

if (problems.length > 0) {
  for (const problem of problems) console.log(problem);
  process.exit(1);
}
console.log(`seeds: ${sourcesChecked} sources checked, all found`);
