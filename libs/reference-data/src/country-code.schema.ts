import { z } from 'zod';
import { isCountryCode } from './countries';

/** The shape of an ISO 3166-1 alpha-2 code, as requests, tokens and events carry it. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;
export const COUNTRY_CODE_RULE = 'an ISO 3166-1 alpha-2 code in upper case, e.g. ML';
export const countryCodeSchema = z.string().regex(COUNTRY_CODE_PATTERN, COUNTRY_CODE_RULE);

/** A country of the reference list (`ZZ` has the shape of a code but names no country). */
export const knownCountryCodeSchema = countryCodeSchema.refine(isCountryCode, {
  message: `not a country of the reference list: ${COUNTRY_CODE_RULE}`,
  // Only a value of the code's shape is looked up: one problem per field.
  when: (payload) => payload.issues.length === 0,
});
