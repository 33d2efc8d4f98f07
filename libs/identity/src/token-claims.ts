import { z } from 'zod';
import { COUNTRY_CODE_PATTERN, COUNTRY_CODE_RULE } from '@eutf/reference-data';
import { Principal, ROLES } from './principal';

/**
 * Development tokens: signed with a shared secret (HS256), issued by `eutf-dev`
 * (`infra/bin/token.mjs` mints them with this lib).
 */
export const DEVELOPMENT_TOKEN_ISSUER = 'eutf-dev';
export const DEVELOPMENT_TOKEN_ALGORITHM = 'HS256';
/** The audience every token for this backend must name, in development and production alike. */
export const TOKEN_AUDIENCE = 'eutf-monitoring';
/** HS256 with less than 256 bits of secret is guessable. */
export const MINIMUM_SECRET_LENGTH = 32;

const claimsSchema = z
  .object({
    sub: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
      .min(1, 'must not be empty'),
    roles: z
      .array(
        z.enum(ROLES, { error: (issue) => `unknown role ${JSON.stringify(issue.input)} (known: ${ROLES.join(', ')})` }),
        { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of roles') },
      )
      .min(1, 'must name at least one role'),
    country: z
      .string()
      .regex(COUNTRY_CODE_PATTERN, `must be ${COUNTRY_CODE_RULE}`)
      .optional(),
    org: z.string().min(1, 'must not be empty').optional(),
  })
  .superRefine((claims, context) => {
    if (claims.roles.includes('delegation-officer') && claims.country === undefined) {
      context.addIssue({ code: 'custom', path: ['country'], message: 'is required for the role delegation-officer' });
    }
    if (claims.roles.includes('implementing-partner') && claims.org === undefined) {
      context.addIssue({ code: 'custom', path: ['org'], message: 'is required for the role implementing-partner' });
    }
  });

export type PrincipalFromClaims = { ok: true; principal: Principal } | { ok: false; reason: string };

/**
 * Reads a principal from a token's claims (`sub`, `roles`, `country`, `org`), or says which claim
 * is wrong. A scope claim is kept only for the role it scopes.
 */
export function principalFromClaims(claims: unknown): PrincipalFromClaims {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `claim ${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason };
  }
  const { sub, country, org } = parsed.data;
  const roles = [...new Set(parsed.data.roles)];
  return {
    ok: true,
    principal: {
      subject: sub,
      roles,
      ...(roles.includes('delegation-officer') ? { country } : {}),
      ...(roles.includes('implementing-partner') ? { org } : {}),
    },
  };
}
