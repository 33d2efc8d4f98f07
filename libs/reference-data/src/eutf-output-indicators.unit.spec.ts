import { mapIndicator } from './eutf-indicator-mapping';
import {
  CURRENT_INDICATOR_CATALOGUE_VERSION,
  EUTF_INDICATOR_CATALOGUE_VERSIONS,
  findIndicator,
  indicatorCatalogue,
  normaliseIndicatorCode,
} from './eutf-output-indicators';

/** Every indicator DOMAIN.md names, with its title there. */
const DOMAIN_INDICATORS: ReadonlyArray<readonly [string, string]> = [
  ['1.1', 'direct jobs created or supported'],
  ['1.2', 'MSMEs created or supported'],
  ['1.3', 'people assisted to develop income-generating activities'],
  ['1.4', 'people benefitting from professional training or skills development'],
  ['2.2', 'basic social services delivered'],
  ['2.7', 'people reached by sensitisation campaigns'],
  ['2.8', 'local staff trained'],
  ['3.1', 'diaspora projects'],
  ['3.2', 'migrants in transit, refugees and IDPs protected or assisted'],
  ['3.3', '(potential) migrants reached by information campaigns'],
  ['3.4', 'voluntary returns supported'],
  ['3.5', 'returning migrants benefitting from post-arrival assistance'],
  ['3.5 bis', 'returning migrants benefitting from reintegration assistance'],
  ['3.6', 'institutions and non-state actors strengthened'],
  ['3.7', 'individuals trained on migration management and protection'],
  ['3.11', 'awareness-raising events on migration'],
  ['4.2', 'staff trained on governance, conflict prevention and human rights'],
  ['4.6', 'strategies, laws, policies and plans'],
  ['5.1', 'multi-stakeholder groups'],
  ['5.2', 'monitoring and data systems'],
  ['5.3', 'studies'],
  ['5.4', 'regional cooperation initiatives'],
];

describe('EUTF common output indicator catalogue', () => {
  it('holds, in its current version, every indicator DOMAIN.md names with the title given there', () => {
    expect(CURRENT_INDICATOR_CATALOGUE_VERSION).toBe('2021');
    expect(indicatorCatalogue().map((indicator) => [indicator.code, indicator.title])).toEqual(DOMAIN_INDICATORS);
  });

  it('files each indicator under the objective its code starts with', () => {
    for (const { version } of EUTF_INDICATOR_CATALOGUE_VERSIONS) {
      for (const indicator of indicatorCatalogue(version)) {
        expect(indicator.code.split('.')[0]).toBe(String(indicator.strategicObjective));
      }
    }
  });

  it('finds an indicator by code, with its unit and objective', () => {
    expect(findIndicator('1.1')).toEqual({
      code: '1.1',
      title: 'direct jobs created or supported',
      unit: 'jobs',
      strategicObjective: 1,
    });
    expect(findIndicator('1.2')?.unit).toBe('MSMEs');
    expect(findIndicator('3.6')?.unit).toBe('institutions');
    expect(findIndicator('3.11')?.unit).toBe('events');
    expect(findIndicator('3.4', '2019')?.title).toBe('voluntary returns supported');
  });

  it('reads "3.5bis" and "3.5 BIS" as "3.5 bis"', () => {
    expect(normaliseIndicatorCode(' 3.5BIS ')).toBe('3.5 bis');
    expect(findIndicator('3.5bis')?.code).toBe('3.5 bis');
  });

  it('knows 3.5 bis only from 2021, and the broader 3.5 of 2019', () => {
    expect(findIndicator('3.5 bis', '2019')).toBeUndefined();
    expect(findIndicator('3.5', '2019')?.title).toMatch(/reintegration assistance included/);
    expect(findIndicator('3.5', '2021')?.title).toBe('returning migrants benefitting from post-arrival assistance');
  });

  it('returns nothing for a code the catalogue does not hold', () => {
    expect(findIndicator('9.9')).toBeUndefined();
    expect(findIndicator('3.8')).toBeUndefined();
  });

  it('derives each version from the one before by its listed changes', () => {
    const codes = (version: (typeof EUTF_INDICATOR_CATALOGUE_VERSIONS)[number]['version']): string[] =>
      indicatorCatalogue(version).map((indicator) => indicator.code);
    expect(codes('2021')).toEqual([...codes('2019').flatMap((code) => (code === '3.5' ? ['3.5', '3.5 bis'] : [code]))]);
  });
});

describe('mapping indicator codes between catalogue versions', () => {
  it('carries an untouched code over unchanged, both ways', () => {
    expect(mapIndicator('1.1', '2019', '2021')).toEqual({
      kind: 'unchanged',
      from: '1.1',
      fromVersion: '2019',
      toVersion: '2021',
      to: ['1.1'],
    });
    expect(mapIndicator('3.4', '2021', '2019')).toMatchObject({ kind: 'unchanged', to: ['3.4'] });
  });

  it('maps the 2019 3.5 to the two codes it was split into', () => {
    expect(mapIndicator('3.5', '2019', '2021')).toMatchObject({ kind: 'split', to: ['3.5', '3.5 bis'] });
  });

  it('maps both halves of the split back into the broader 2019 3.5', () => {
    expect(mapIndicator('3.5 bis', '2021', '2019')).toMatchObject({ kind: 'merged', to: ['3.5'] });
    expect(mapIndicator('3.5', '2021', '2019')).toMatchObject({ kind: 'merged', to: ['3.5'] });
  });

  it('maps a code to itself within one version', () => {
    expect(mapIndicator('3.5bis', '2021', '2021')).toMatchObject({ kind: 'unchanged', from: '3.5 bis', to: ['3.5 bis'] });
  });

  it('returns nothing for a code the source version does not hold', () => {
    expect(mapIndicator('3.5 bis', '2019', '2021')).toBeUndefined();
    expect(mapIndicator('9.9', '2021', '2019')).toBeUndefined();
  });
});
