import { isCountryCode, type CountryCode } from './countries';
import { EUTF_WINDOW_CODES, isEutfWindowCode, type EutfWindowCode } from './eutf-windows';

/**
 * EUTF project references (DOMAIN.md): `T05-EUTF-{window}-{country}-{programme}[-{contract}]`, e.g.
 * `T05-EUTF-SAH-NE-12-03` is contract 03 under programme (decision) 12 in Niger, Sahel window, and
 * `T05-EUTF-SAH-REG-18` a regional programme.
 *
 * Choices:
 * - Numbers are exactly two digits, 01–99, as in all real data: a reference is an identifier matched
 *   as text across systems, so "T05-EUTF-SAH-ML-7" is reported rather than quietly read as "-07".
 * - Nothing is silently repaired: whitespace, dash look-alikes, stray characters and lower case are
 *   each reported. The remaining checks run on the text with those fixed, so one call lists every
 *   problem there is; positions count characters of the original text from 0.
 */
export const EUTF_REFERENCE_SHAPE = 'T05-EUTF-{window}-{country}-{programme}[-{contract}]';

/** A country of the reference list, or `REG` for a regional programme. */
export type EutfReferenceCountry = CountryCode | 'REG';

export function isEutfReferenceCountry(value: unknown): value is EutfReferenceCountry {
  return value === 'REG' || isCountryCode(value);
}

export interface EutfReference {
  /** The reference as written in the canonical form (upper case, no whitespace, two-digit numbers). */
  readonly text: string;
  readonly window: EutfWindowCode;
  readonly country: EutfReferenceCountry;
  /** The programme, i.e. the EUTF decision. */
  readonly programme: number;
  /** The contract under the programme; null for a reference to the programme itself. */
  readonly contract: number | null;
}

export type EutfReferenceParseResult =
  | { readonly ok: true; readonly reference: EutfReference }
  | { readonly ok: false; readonly problems: readonly string[] };

const DASH_LOOK_ALIKES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const ALLOWED = /[A-Za-z0-9-]/;
const TWO_DIGITS = /^\d{2}$/;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function atPositions(positions: readonly number[]): string {
  return positions.length === 1 ? `at position ${positions[0]}` : `at positions ${positions.join(', ')}`;
}

/** Drops whitespace and stray characters and turns dash look-alikes into "-", saying what it did. */
function cleanCharacters(text: string): { cleaned: string; problems: string[] } {
  const whitespace: number[] = [];
  const dashes = new Map<string, number[]>();
  const strays = new Map<string, number[]>();
  let cleaned = '';
  let position = 0;
  for (const character of text) {
    if (/\s/.test(character)) whitespace.push(position);
    else if (DASH_LOOK_ALIKES.test(character)) {
      dashes.set(character, [...(dashes.get(character) ?? []), position]);
      cleaned += '-';
    } else if (ALLOWED.test(character)) cleaned += character;
    else strays.set(character, [...(strays.get(character) ?? []), position]);
    position += character.length;
  }
  const problems: string[] = [];
  if (whitespace.length > 0) problems.push(`contains whitespace ${atPositions(whitespace)}`);
  for (const [dash, positions] of dashes) {
    problems.push(`contains "${dash}" (${codePoint(dash)}) ${atPositions(positions)} where "-" is expected`);
  }
  for (const [stray, positions] of strays) {
    problems.push(`contains unexpected character "${stray}" (${codePoint(stray)}) ${atPositions(positions)}`);
  }
  return { cleaned, problems };
}

function partCountProblems(parts: readonly string[]): string[] {
  const problems = [`expected ${EUTF_REFERENCE_SHAPE}`];
  if (parts.length === 1 && parts[0] === '') return [...problems, 'is empty'];
  if (parts.length < 5 || parts.length > 6) {
    problems.push(`has ${parts.length} parts separated by "-", expected 5, or 6 with a contract`);
  }
  if (parts.some((part) => part === '')) problems.push('has an empty part: "-" at the start or end, or "--"');
  return problems;
}

function numberProblem(name: 'programme' | 'contract', value: string): string | null {
  return TWO_DIGITS.test(value) && value !== '00' ? null : `${name} "${value}" must be two digits from 01 to 99`;
}

/** Reads an EUTF project reference, or says exactly what is wrong with it. */
export function parseEutfReference(text: string): EutfReferenceParseResult {
  const { cleaned, problems } = cleanCharacters(text);
  const upper = cleaned.toUpperCase();
  if (upper !== cleaned) problems.push(`must be upper case (should read "${upper}")`);

  const parts = upper.split('-');
  if (parts.length < 5 || parts.length > 6 || parts.some((part) => part === '')) {
    return { ok: false, problems: [...problems, ...partCountProblems(parts)] };
  }
  const [prefix = '', fund = '', window = '', country = '', programme = '', contract] = parts;

  if (prefix !== 'T05') problems.push(`starts with "${prefix}", expected "T05"`);
  if (fund !== 'EUTF') problems.push(`has "${fund}" where "EUTF" is expected`);
  const windowCode = isEutfWindowCode(window) ? window : undefined;
  if (!windowCode) problems.push(`window "${window}" is not one of ${EUTF_WINDOW_CODES.join(', ')}`);
  const countryCode = isEutfReferenceCountry(country) ? country : undefined;
  if (!countryCode) problems.push(`country "${country}" is not an ISO 3166-1 alpha-2 code we know`);
  const programmeProblem = numberProblem('programme', programme);
  if (programmeProblem) problems.push(programmeProblem);
  const contractProblem = contract === undefined ? null : numberProblem('contract', contract);
  if (contractProblem) problems.push(contractProblem);

  if (problems.length > 0 || !windowCode || !countryCode) return { ok: false, problems };
  const reference = {
    window: windowCode,
    country: countryCode,
    programme: Number(programme),
    contract: contract === undefined ? null : Number(contract),
  };
  return { ok: true, reference: { text: formatEutfReference(reference), ...reference } };
}

/** Writes a reference in its canonical form; the inverse of parseEutfReference. */
export function formatEutfReference(parts: Omit<EutfReference, 'text'>): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const contract = parts.contract === null ? '' : `-${pad(parts.contract)}`;
  return `T05-EUTF-${parts.window}-${parts.country}-${pad(parts.programme)}${contract}`;
}

/** The reference of the programme (decision) a contract belongs to, e.g. T05-EUTF-SAH-NE-12 for …-12-03. */
export function programmeReferenceOf(reference: EutfReference): string {
  return formatEutfReference({ ...reference, contract: null });
}
