import type { EutfObjectiveNumber } from './eutf-strategic-objectives';

/**
 * EUTF common output indicators, as published in the EUTF's own results data (DOMAIN.md), in a
 * versioned catalogue.
 *
 * What is shipped, and why: only the 22 indicators DOMAIN.md names, with its titles verbatim; the
 * rest of 1.x–6.x is left out rather than guessed. Two catalogue versions are modelled, "2019" and
 * "2021"; the one revision between them is that "3.5" was split: in "2019" it counted all assistance
 * to returning migrants after arrival, reintegration included; from "2021" on, 3.5 keeps
 * post-arrival assistance and "3.5 bis" counts reintegration assistance. The version labels and
 * that split are this project's model of the revision, not checked against the EUTF Monitoring and
 * Learning System's methodology notes; correct them here, with a new version, when those are at hand.
 */
export const EUTF_INDICATOR_CATALOGUE_VERSIONS = [
  { version: '2019', changesFromPrevious: [] },
  { version: '2021', changesFromPrevious: [{ kind: 'split', from: '3.5', into: ['3.5', '3.5 bis'] }] },
] as const satisfies readonly IndicatorCatalogueVersionEntry[];

export type IndicatorCatalogueVersion = (typeof EUTF_INDICATOR_CATALOGUE_VERSIONS)[number]['version'];

export const CURRENT_INDICATOR_CATALOGUE_VERSION: IndicatorCatalogueVersion = '2021';

/** How one catalogue version differs from the one before it. Codes not named carry over unchanged. */
export type IndicatorChange =
  | { readonly kind: 'renamed'; readonly from: string; readonly to: string }
  | { readonly kind: 'split'; readonly from: string; readonly into: readonly string[] }
  | { readonly kind: 'merged'; readonly from: readonly string[]; readonly into: string }
  | { readonly kind: 'added'; readonly code: string }
  | { readonly kind: 'removed'; readonly code: string };

export interface IndicatorCatalogueVersionEntry {
  readonly version: string;
  readonly changesFromPrevious: readonly IndicatorChange[];
}

/** What an indicator counts. "policies" stands for 4.6's strategies, laws, policies and plans. */
export type IndicatorUnit =
  | 'people'
  | 'jobs'
  | 'MSMEs'
  | 'services'
  | 'projects'
  | 'institutions'
  | 'events'
  | 'policies'
  | 'groups'
  | 'systems'
  | 'studies'
  | 'initiatives';

export interface EutfOutputIndicator {
  readonly code: string;
  readonly title: string;
  readonly unit: IndicatorUnit;
  /** The strategic objective (1–4) or indicator category (5, 6) the code is filed under. */
  readonly strategicObjective: EutfObjectiveNumber;
}

export interface EutfOutputIndicatorEntry extends EutfOutputIndicator {
  /** First catalogue version that holds this entry. */
  readonly since: IndicatorCatalogueVersion;
  /** Last catalogue version that holds it; absent while it is current. */
  readonly until?: IndicatorCatalogueVersion;
}

export const EUTF_OUTPUT_INDICATORS = [
  { code: '1.1', title: 'direct jobs created or supported', unit: 'jobs', strategicObjective: 1, since: '2019' },
  { code: '1.2', title: 'MSMEs created or supported', unit: 'MSMEs', strategicObjective: 1, since: '2019' },
  {
    code: '1.3',
    title: 'people assisted to develop income-generating activities',
    unit: 'people',
    strategicObjective: 1,
    since: '2019',
  },
  {
    code: '1.4',
    title: 'people benefitting from professional training or skills development',
    unit: 'people',
    strategicObjective: 1,
    since: '2019',
  },
  { code: '2.2', title: 'basic social services delivered', unit: 'services', strategicObjective: 2, since: '2019' },
  { code: '2.7', title: 'people reached by sensitisation campaigns', unit: 'people', strategicObjective: 2, since: '2019' },
  { code: '2.8', title: 'local staff trained', unit: 'people', strategicObjective: 2, since: '2019' },
  { code: '3.1', title: 'diaspora projects', unit: 'projects', strategicObjective: 3, since: '2019' },
  {
    code: '3.2',
    title: 'migrants in transit, refugees and IDPs protected or assisted',
    unit: 'people',
    strategicObjective: 3,
    since: '2019',
  },
  {
    code: '3.3',
    title: '(potential) migrants reached by information campaigns',
    unit: 'people',
    strategicObjective: 3,
    since: '2019',
  },
  { code: '3.4', title: 'voluntary returns supported', unit: 'people', strategicObjective: 3, since: '2019' },
  // Before the split 3.5 covered reintegration too; the title says so, as no published title is at hand.
  {
    code: '3.5',
    title: 'returning migrants benefitting from post-arrival assistance, reintegration assistance included',
    unit: 'people',
    strategicObjective: 3,
    since: '2019',
    until: '2019',
  },
  {
    code: '3.5',
    title: 'returning migrants benefitting from post-arrival assistance',
    unit: 'people',
    strategicObjective: 3,
    since: '2021',
  },
  {
    code: '3.5 bis',
    title: 'returning migrants benefitting from reintegration assistance',
    unit: 'people',
    strategicObjective: 3,
    since: '2021',
  },
  {
    code: '3.6',
    title: 'institutions and non-state actors strengthened',
    unit: 'institutions',
    strategicObjective: 3,
    since: '2019',
  },
  {
    code: '3.7',
    title: 'individuals trained on migration management and protection',
    unit: 'people',
    strategicObjective: 3,
    since: '2019',
  },
  { code: '3.11', title: 'awareness-raising events on migration', unit: 'events', strategicObjective: 3, since: '2019' },
  {
    code: '4.2',
    title: 'staff trained on governance, conflict prevention and human rights',
    unit: 'people',
    strategicObjective: 4,
    since: '2019',
  },
  { code: '4.6', title: 'strategies, laws, policies and plans', unit: 'policies', strategicObjective: 4, since: '2019' },
  { code: '5.1', title: 'multi-stakeholder groups', unit: 'groups', strategicObjective: 5, since: '2019' },
  { code: '5.2', title: 'monitoring and data systems', unit: 'systems', strategicObjective: 5, since: '2019' },
  { code: '5.3', title: 'studies', unit: 'studies', strategicObjective: 5, since: '2019' },
  { code: '5.4', title: 'regional cooperation initiatives', unit: 'initiatives', strategicObjective: 5, since: '2019' },
] as const satisfies readonly EutfOutputIndicatorEntry[];

const versionOrder: readonly string[] = EUTF_INDICATOR_CATALOGUE_VERSIONS.map((entry) => entry.version);

/** Position of a version in the catalogue's history: 0 for the oldest. */
export function indicatorCatalogueVersionIndex(version: IndicatorCatalogueVersion): number {
  return versionOrder.indexOf(version);
}

export function isIndicatorCatalogueVersion(value: unknown): value is IndicatorCatalogueVersion {
  return typeof value === 'string' && versionOrder.includes(value);
}

/** Writes "3.5bis", "3.5 BIS" or " 3.5  bis " as the catalogue does: "3.5 bis". */
export function normaliseIndicatorCode(code: string): string {
  const trimmed = code.trim();
  const bis = /^(\d+\.\d+)\s*bis$/i.exec(trimmed);
  return bis ? `${bis[1]} bis` : trimmed;
}

function holds(entry: EutfOutputIndicatorEntry, version: IndicatorCatalogueVersion): boolean {
  const index = indicatorCatalogueVersionIndex(version);
  const until = entry.until ?? CURRENT_INDICATOR_CATALOGUE_VERSION;
  return indicatorCatalogueVersionIndex(entry.since) <= index && index <= indicatorCatalogueVersionIndex(until);
}

function withoutHistory(entry: EutfOutputIndicatorEntry): EutfOutputIndicator {
  const { code, title, unit, strategicObjective } = entry;
  return { code, title, unit, strategicObjective };
}

/** Every indicator of one catalogue version, in catalogue order. */
export function indicatorCatalogue(
  version: IndicatorCatalogueVersion = CURRENT_INDICATOR_CATALOGUE_VERSION,
): readonly EutfOutputIndicator[] {
  return EUTF_OUTPUT_INDICATORS.filter((entry) => holds(entry, version)).map(withoutHistory);
}

/** The indicator with this code in a catalogue version (the current one by default), if it has one. */
export function findIndicator(
  code: string,
  version: IndicatorCatalogueVersion = CURRENT_INDICATOR_CATALOGUE_VERSION,
): EutfOutputIndicator | undefined {
  const wanted = normaliseIndicatorCode(code);
  return indicatorCatalogue(version).find((indicator) => indicator.code === wanted);
}
