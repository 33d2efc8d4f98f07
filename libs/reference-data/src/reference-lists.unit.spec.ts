import {
  COUNTRIES,
  countryName,
  findCountry,
  isCountryCode,
  isPriorityCountry,
  PRIORITY_COUNTRIES,
} from './countries';
import { EUTF_INDICATOR_CATALOGUE_VERSIONS, indicatorCatalogue } from './eutf-output-indicators';
import { EUTF_STRATEGIC_OBJECTIVES, isEutfStrategicObjectiveNumber } from './eutf-strategic-objectives';
import { EUTF_WINDOWS, eutfWindowName, isEutfWindowCode } from './eutf-windows';
import { GCM_OBJECTIVES } from './gcm-objectives';
import { IATI_ACTIVITY_STATUSES, IATI_ORGANISATION_ROLES, IATI_TRANSACTION_TYPES } from './iati-codes';
import { JVAP_DOMAINS } from './joint-valletta-action-plan';
import { PONAM_AXES } from './ponam-axes';

const oneToN = (n: number): number[] => Array.from({ length: n }, (_, index) => index + 1);

function duplicates(keys: readonly (string | number)[]): (string | number)[] {
  return keys.filter((key, index) => keys.indexOf(key) !== index);
}

describe('reference lists', () => {
  describe('countries', () => {
    it('has the five priority countries of the Partnership Framework, in the Commission\'s order', () => {
      expect(PRIORITY_COUNTRIES.map((country) => country.code)).toEqual(['NE', 'ML', 'NG', 'SN', 'ET']);
      expect(COUNTRIES.filter((country) => 'priority' in country && country.priority).map((c) => c.code)).toEqual([
        'NE',
        'ML',
        'NG',
        'SN',
        'ET',
      ]);
      expect(isPriorityCountry('NE')).toBe(true);
      expect(isPriorityCountry('LY')).toBe(false);
    });

    it('covers the 54 African states, the 27 EU member states and other hosts on the routes', () => {
      expect(COUNTRIES.filter((country) => country.region === 'africa')).toHaveLength(54);
      expect(COUNTRIES.filter((country) => country.region === 'eu')).toHaveLength(27);
      for (const code of ['LY', 'DZ', 'MA', 'TN', 'EG', 'SA', 'YE']) expect(isCountryCode(code)).toBe(true);
    });

    it('names countries and knows only upper-case alpha-2 codes', () => {
      expect(countryName('LY')).toBe('Libya');
      expect(countryName('ET')).toBe('Ethiopia');
      expect(findCountry('ML')).toEqual({ code: 'ML', name: 'Mali', region: 'africa', priority: true });
      expect(isCountryCode('ml')).toBe(false);
      expect(isCountryCode('MLI')).toBe(false);
      expect(isCountryCode('XX')).toBe(false);
      expect(isCountryCode(undefined)).toBe(false);
    });

    it('writes every code as two upper-case letters', () => {
      for (const country of COUNTRIES) expect(country.code).toMatch(/^[A-Z]{2}$/);
    });
  });

  it('has the three EUTF windows and REG for cross-window references', () => {
    expect(EUTF_WINDOWS.map((window) => window.code)).toEqual(['SAH', 'HOA', 'NOA', 'REG']);
    expect(eutfWindowName('SAH')).toBe('Sahel and Lake Chad');
    expect(isEutfWindowCode('SAL')).toBe(false);
  });

  it('has strategic objectives 1–4 and indicator categories 5 and 6', () => {
    expect(EUTF_STRATEGIC_OBJECTIVES.map((objective) => objective.number)).toEqual(oneToN(6));
    expect([1, 2, 3, 4, 5, 6].map(isEutfStrategicObjectiveNumber)).toEqual([true, true, true, true, false, false]);
  });

  it('has the 23 GCM objectives numbered 1 to 23', () => {
    expect(GCM_OBJECTIVES.map((objective) => objective.number)).toEqual(oneToN(23));
    expect(GCM_OBJECTIVES[20]?.title).toMatch(/return and readmission/);
  });

  it('has the 8 PONAM axes, in English and in French', () => {
    expect(PONAM_AXES.map((axis) => axis.number)).toEqual(oneToN(8));
    expect(PONAM_AXES[2]).toMatchObject({
      title: 'Promoting better reintegration of returning migrants',
      titleFr: 'l’appui à une meilleure réinsertion des migrants de retour',
    });
  });

  it('has the 5 Joint Valletta Action Plan domains', () => {
    expect(JVAP_DOMAINS.map((domain) => domain.number)).toEqual(oneToN(5));
  });

  it('has the IATI codes the reports need', () => {
    const names = (list: readonly { code: number; name: string }[]): Record<number, string> =>
      Object.fromEntries(list.map(({ code, name }) => [code, name]));
    expect(names(IATI_TRANSACTION_TYPES)).toMatchObject({
      1: 'Incoming Funds',
      2: 'Outgoing Commitment',
      3: 'Disbursement',
      4: 'Expenditure',
      11: 'Incoming Commitment',
    });
    expect(IATI_ACTIVITY_STATUSES.map((status) => status.code)).toEqual(oneToN(6));
    expect(names(IATI_ORGANISATION_ROLES)).toEqual({ 1: 'Funding', 2: 'Accountable', 3: 'Extending', 4: 'Implementing' });
  });

  it.each([
    ['countries', COUNTRIES.map((country) => country.code)],
    ['country names', COUNTRIES.map((country) => country.name)],
    ['EUTF windows', EUTF_WINDOWS.map((window) => window.code)],
    ['EUTF strategic objectives', EUTF_STRATEGIC_OBJECTIVES.map((objective) => objective.number)],
    ['indicator catalogue versions', EUTF_INDICATOR_CATALOGUE_VERSIONS.map((entry) => entry.version)],
    ...EUTF_INDICATOR_CATALOGUE_VERSIONS.map(({ version }): [string, string[]] => [
      `indicators of catalogue ${version}`,
      indicatorCatalogue(version).map((indicator) => indicator.code),
    ]),
    ['JVAP domains', JVAP_DOMAINS.map((domain) => domain.number)],
    ['GCM objectives', GCM_OBJECTIVES.map((objective) => objective.number)],
    ['PONAM axes', PONAM_AXES.map((axis) => axis.number)],
    ['IATI transaction types', IATI_TRANSACTION_TYPES.map((type) => type.code)],
    ['IATI activity statuses', IATI_ACTIVITY_STATUSES.map((status) => status.code)],
    ['IATI organisation roles', IATI_ORGANISATION_ROLES.map((role) => role.code)],
  ])('has no duplicate codes among %s', (_, codes: readonly (string | number)[]) => {
    expect(duplicates(codes)).toEqual([]);
  });
});
