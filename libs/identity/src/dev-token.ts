import { jose } from './jose';
import type { Role } from './principal';
import {
  DEVELOPMENT_TOKEN_ALGORITHM,
  DEVELOPMENT_TOKEN_ISSUER,
  TOKEN_AUDIENCE,
  principalFromClaims,
} from './token-claims';
import { assertUsableSecret } from './token-verifier';

/**
 * The secret development tokens are signed with when `EUTF_DEV_JWT_SECRET` is not set. It is
 * public (it is in the repository): for a developer's machine and the tests only, never a server
 * anyone else can reach. `infra/bin/token.mjs` mints with this module.
 */
export const DEVELOPMENT_ONLY_JWT_SECRET = 'eutf-development-only-jwt-secret-never-use-in-production';

export interface DevelopmentTokenClaims {
  subject: string;
  roles: readonly Role[];
  /** Required with `delegation-officer`: ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** Required with `implementing-partner`. */
  org?: string;
  /** Seconds from now (negative for an already expired token), or a span such as "8h" or "15m". Default "8h". */
  expiresIn?: number | string;
}

/**
 * Signs a development token the development {@link TokenVerifier} accepts: HS256, issuer
 * `eutf-dev`, audience `eutf-monitoring`. Refuses claims that verification would refuse.
 */
export async function mintDevelopmentToken(claims: DevelopmentTokenClaims, secret: string): Promise<string> {
  assertUsableSecret(secret);
  const payload = {
    sub: claims.subject,
    roles: [...claims.roles],
    ...(claims.country === undefined ? {} : { country: claims.country }),
    ...(claims.org === undefined ? {} : { org: claims.org }),
  };
  const read = principalFromClaims(payload);
  if (!read.ok) throw new Error(`Cannot mint a development token: ${read.reason}`);
  const expiresIn = claims.expiresIn ?? '8h';
  return new jose.SignJWT({ roles: payload.roles, country: payload.country, org: payload.org })
    .setProtectedHeader({ alg: DEVELOPMENT_TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(DEVELOPMENT_TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    // jose reads a number as an absolute time, so seconds from now become one here.
    .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn)
    .sign(new TextEncoder().encode(secret));
}
