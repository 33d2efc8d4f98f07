import { knownCountryCodeSchema } from '@eutf/reference-data';
import { z } from 'zod';
import { partialDate } from '../projects/dates';

/**
 * The returns context records codes, numbers, dates and enumerated values only: these records are
 * about vulnerable people, so no schema here has a field of free text. Every object is strict.
 */
export const SEXES = ['female', 'male'] as const;
export const AGE_BANDS = ['under-18', '18-24', '25-34', '35-59', '60-plus'] as const;
export const sexSchema = z.enum(SEXES);
export const ageBandSchema = z.enum(AGE_BANDS);
export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];

export const RETURN_KINDS = ['assisted-voluntary-return', 'charter', 'convoy'] as const;
export const CANCELLATION_REASONS = ['security', 'transport', 'travel-documents', 'returnees-withdrew', 'host-authorities', 'other'] as const;
/** How a reported figure relates to the truth: "more than 4,000" is `more-than`. */
export const VALUE_QUALIFIERS = ['exact', 'more-than', 'around'] as const;

export const PLAN_AREAS = ['economic', 'social', 'psychosocial'] as const;
export const PLAN_LEVELS = ['individual', 'collective', 'community'] as const;
export const ASSISTANCE_KINDS = ['cash', 'in-kind', 'business-support', 'vocational-training', 'education', 'housing', 'medical', 'psychosocial-counselling', 'referral'] as const;
export const CASE_OUTCOMES = ['completed', 'abandoned'] as const;

export const isoDate = z.iso.date();
/** A country of the reference list: `ZZ` has the shape of a code but is no country to return from or to. */
export const country = knownCountryCodeSchema;
/** A region of return as its ISO 3166-2 subdivision code (`ML-4` is Ségou). */
export const regionCode = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO 3166-2 subdivision code, e.g. ML-4');
/**
 * The ids a partner gives its operations, reports, assistance and cases are never stored as given
 * (an id can hold a name or a document number as easily as a code): events carry a keyed hash
 * (HMAC-SHA256, hex) of the id, under a per-deployment secret, and the partner keeps using its own.
 */
export const recordKey = z.string().regex(/^[0-9a-f]{64}$/, 'a keyed hash of the id (64 hex digits)');
/** The id of a project: its EUTF reference or its provisional id. */
export const projectId = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'an EUTF reference or a provisional project id');
export const orgId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an organisation id');
export const headcount = z.number().int().nonnegative().max(10_000_000);

/** People counted in one cell: one sex, one age band. */
export const countCell = z.strictObject({ sex: sexSchema, ageBand: ageBandSchema, count: headcount });
export type CountCell = z.infer<typeof countCell>;

export const vulnerabilityCounts = z.strictObject({
  unaccompaniedMinors: headcount,
  victimsOfTrafficking: headcount,
  medicalCases: headcount,
});
export type VulnerabilityCounts = z.infer<typeof vulnerabilityCounts>;

/** A period as precise as known; `from: null` is "since the project began". */
export const reportedPeriod = z.strictObject({ from: partialDate.nullable(), to: partialDate });
export type ReportedPeriod = z.infer<typeof reportedPeriod>;

/**
 * Where a figure comes from, as a code: the document's id (`004_f049d9a19f4b6321`) and, if known,
 * its page. The sentence quoted is kept with the demo data, not here.
 */
export const sourceReference = z.strictObject({
  /** The id of a document in the project's register of sources (`seeds/`). */
  document: z.string().regex(/^[0-9]{3}_[0-9a-f]{16}$/, 'a source document id such as 004_f049d9a19f4b6321'),
  page: z.number().int().positive().nullable(),
});
