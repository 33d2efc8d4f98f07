/**
 * Countries, by ISO 3166-1 alpha-2 code, with the English short names commonly used in EU documents
 * (not ISO's sort-order forms such as "Tanzania, United Republic of").
 * Scope: every African state, the EU member states, and the other countries that host migrants on
 * the routes the EUTF follows (the Eastern route to Yemen and the Gulf, the Eastern Mediterranean)
 * or that are European destinations outside the EU.
 */
export type CountryRegion = 'africa' | 'eu' | 'other';

export interface Country {
  readonly code: string;
  readonly name: string;
  readonly region: CountryRegion;
  /** Set on the five priority countries of the Partnership Framework on Migration. */
  readonly priority?: true;
}

/**
 * The five priority countries of the Partnership Framework on Migration (June 2016), in the order
 * the Commission's progress reports list them (DOMAIN.md; seed 002).
 */
export const PRIORITY_COUNTRIES = [
  { code: 'NE', name: 'Niger', region: 'africa', priority: true },
  { code: 'ML', name: 'Mali', region: 'africa', priority: true },
  { code: 'NG', name: 'Nigeria', region: 'africa', priority: true },
  { code: 'SN', name: 'Senegal', region: 'africa', priority: true },
  { code: 'ET', name: 'Ethiopia', region: 'africa', priority: true },
] as const satisfies readonly Country[];

/** The other 49 African UN member states, by name. Western Sahara (EH), a territory, is not listed. */
const OTHER_AFRICAN_COUNTRIES = [
  { code: 'DZ', name: 'Algeria', region: 'africa' },
  { code: 'AO', name: 'Angola', region: 'africa' },
  { code: 'BJ', name: 'Benin', region: 'africa' },
  { code: 'BW', name: 'Botswana', region: 'africa' },
  { code: 'BF', name: 'Burkina Faso', region: 'africa' },
  { code: 'BI', name: 'Burundi', region: 'africa' },
  { code: 'CV', name: 'Cabo Verde', region: 'africa' },
  { code: 'CM', name: 'Cameroon', region: 'africa' },
  { code: 'CF', name: 'Central African Republic', region: 'africa' },
  { code: 'TD', name: 'Chad', region: 'africa' },
  { code: 'KM', name: 'Comoros', region: 'africa' },
  { code: 'CG', name: 'Congo', region: 'africa' },
  { code: 'CI', name: "Côte d'Ivoire", region: 'africa' },
  { code: 'CD', name: 'Democratic Republic of the Congo', region: 'africa' },
  { code: 'DJ', name: 'Djibouti', region: 'africa' },
  { code: 'EG', name: 'Egypt', region: 'africa' },
  { code: 'GQ', name: 'Equatorial Guinea', region: 'africa' },
  { code: 'ER', name: 'Eritrea', region: 'africa' },
  { code: 'SZ', name: 'Eswatini', region: 'africa' },
  { code: 'GA', name: 'Gabon', region: 'africa' },
  { code: 'GM', name: 'Gambia', region: 'africa' },
  { code: 'GH', name: 'Ghana', region: 'africa' },
  { code: 'GN', name: 'Guinea', region: 'africa' },
  { code: 'GW', name: 'Guinea-Bissau', region: 'africa' },
  { code: 'KE', name: 'Kenya', region: 'africa' },
  { code: 'LS', name: 'Lesotho', region: 'africa' },
  { code: 'LR', name: 'Liberia', region: 'africa' },
  { code: 'LY', name: 'Libya', region: 'africa' },
  { code: 'MG', name: 'Madagascar', region: 'africa' },
  { code: 'MW', name: 'Malawi', region: 'africa' },
  { code: 'MR', name: 'Mauritania', region: 'africa' },
  { code: 'MU', name: 'Mauritius', region: 'africa' },
  { code: 'MA', name: 'Morocco', region: 'africa' },
  { code: 'MZ', name: 'Mozambique', region: 'africa' },
  { code: 'NA', name: 'Namibia', region: 'africa' },
  { code: 'RW', name: 'Rwanda', region: 'africa' },
  { code: 'ST', name: 'São Tomé and Príncipe', region: 'africa' },
  { code: 'SC', name: 'Seychelles', region: 'africa' },
  { code: 'SL', name: 'Sierra Leone', region: 'africa' },
  { code: 'SO', name: 'Somalia', region: 'africa' },
  { code: 'ZA', name: 'South Africa', region: 'africa' },
  { code: 'SS', name: 'South Sudan', region: 'africa' },
  { code: 'SD', name: 'Sudan', region: 'africa' },
  { code: 'TZ', name: 'Tanzania', region: 'africa' },
  { code: 'TG', name: 'Togo', region: 'africa' },
  { code: 'TN', name: 'Tunisia', region: 'africa' },
  { code: 'UG', name: 'Uganda', region: 'africa' },
  { code: 'ZM', name: 'Zambia', region: 'africa' },
  { code: 'ZW', name: 'Zimbabwe', region: 'africa' },
] as const satisfies readonly Country[];

/** The 27 EU member states. ISO codes: Greece is GR here, not the EU's own "EL". */
const EU_MEMBER_STATES = [
  { code: 'AT', name: 'Austria', region: 'eu' },
  { code: 'BE', name: 'Belgium', region: 'eu' },
  { code: 'BG', name: 'Bulgaria', region: 'eu' },
  { code: 'HR', name: 'Croatia', region: 'eu' },
  { code: 'CY', name: 'Cyprus', region: 'eu' },
  { code: 'CZ', name: 'Czechia', region: 'eu' },
  { code: 'DK', name: 'Denmark', region: 'eu' },
  { code: 'EE', name: 'Estonia', region: 'eu' },
  { code: 'FI', name: 'Finland', region: 'eu' },
  { code: 'FR', name: 'France', region: 'eu' },
  { code: 'DE', name: 'Germany', region: 'eu' },
  { code: 'GR', name: 'Greece', region: 'eu' },
  { code: 'HU', name: 'Hungary', region: 'eu' },
  { code: 'IE', name: 'Ireland', region: 'eu' },
  { code: 'IT', name: 'Italy', region: 'eu' },
  { code: 'LV', name: 'Latvia', region: 'eu' },
  { code: 'LT', name: 'Lithuania', region: 'eu' },
  { code: 'LU', name: 'Luxembourg', region: 'eu' },
  { code: 'MT', name: 'Malta', region: 'eu' },
  { code: 'NL', name: 'Netherlands', region: 'eu' },
  { code: 'PL', name: 'Poland', region: 'eu' },
  { code: 'PT', name: 'Portugal', region: 'eu' },
  { code: 'RO', name: 'Romania', region: 'eu' },
  { code: 'SK', name: 'Slovakia', region: 'eu' },
  { code: 'SI', name: 'Slovenia', region: 'eu' },
  { code: 'ES', name: 'Spain', region: 'eu' },
  { code: 'SE', name: 'Sweden', region: 'eu' },
] as const satisfies readonly Country[];

/** Hosts on the Eastern route and in the Middle East, and European destinations outside the EU. */
const OTHER_HOST_COUNTRIES = [
  { code: 'SA', name: 'Saudi Arabia', region: 'other' },
  { code: 'YE', name: 'Yemen', region: 'other' },
  { code: 'AE', name: 'United Arab Emirates', region: 'other' },
  { code: 'KW', name: 'Kuwait', region: 'other' },
  { code: 'OM', name: 'Oman', region: 'other' },
  { code: 'QA', name: 'Qatar', region: 'other' },
  { code: 'JO', name: 'Jordan', region: 'other' },
  { code: 'LB', name: 'Lebanon', region: 'other' },
  { code: 'IL', name: 'Israel', region: 'other' },
  { code: 'TR', name: 'Türkiye', region: 'other' },
  { code: 'GB', name: 'United Kingdom', region: 'other' },
  { code: 'NO', name: 'Norway', region: 'other' },
  { code: 'CH', name: 'Switzerland', region: 'other' },
] as const satisfies readonly Country[];

export const COUNTRIES = [
  ...PRIORITY_COUNTRIES,
  ...OTHER_AFRICAN_COUNTRIES,
  ...EU_MEMBER_STATES,
  ...OTHER_HOST_COUNTRIES,
] as const satisfies readonly Country[];

export type CountryCode = (typeof COUNTRIES)[number]['code'];
export type PriorityCountryCode = (typeof PRIORITY_COUNTRIES)[number]['code'];

const countriesByCode: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((country) => [country.code, country]));

/** True for an upper-case code of the list above; "ml" and "MLI" are not codes. */
export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && countriesByCode.has(value);
}

export function findCountry(code: string): Country | undefined {
  return countriesByCode.get(code);
}

export function countryName(code: CountryCode): string {
  // The map is built from the same list CountryCode is derived from, so every code is present.
  return countriesByCode.get(code)?.name ?? code;
}

export function isPriorityCountry(code: string): code is PriorityCountryCode {
  return countriesByCode.get(code)?.priority === true;
}
