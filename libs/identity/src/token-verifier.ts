import type { JWTPayload, JWTVerifyOptions, JWTVerifyResult } from 'jose';
import { jose } from './jose';
import type { Principal } from './principal';
import {
  DEVELOPMENT_TOKEN_ALGORITHM,
  DEVELOPMENT_TOKEN_ISSUER,
  MINIMUM_SECRET_LENGTH,
  TOKEN_AUDIENCE,
  principalFromClaims,
} from './token-claims';

/** Production: keys from the identity provider's JWKS endpoint, rotated there. */
export interface JwksVerification {
  kind: 'jwks';
  jwksUrl: string | URL;
  issuer: string;
  /** Defaults to `eutf-monitoring`. */
  audience?: string;
  /** Accepted signature algorithms; defaults to RS256, PS256, ES256 and EdDSA. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
}

/** Development: HS256 tokens signed with a shared secret, issuer `eutf-dev`, audience `eutf-monitoring`. */
export interface DevelopmentVerification {
  kind: 'development';
  /** e.g. the value of `EUTF_DEV_JWT_SECRET`; at least 32 characters. */
  secret: string;
  clockToleranceSeconds?: number;
}

export type TokenVerifierOptions = JwksVerification | DevelopmentVerification;

/** The token does not prove who is calling. `reason` is safe to show the caller; it never holds the token. */
export class TokenRejectedError extends Error {
  constructor(
    readonly reason: string,
    /** The token's subject, when its signature was good (expired or misaddressed tokens). */
    readonly subject?: string,
  ) {
    super(`Token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

const DEFAULT_ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies a bearer token (signature, `exp`, issuer, audience) and reads its principal.
 * Rejections throw {@link TokenRejectedError} with a reason; an unreachable JWKS endpoint is not
 * the caller's fault and throws whatever jose threw.
 */
export class TokenVerifier {
  private readonly checks: JWTVerifyOptions & { issuer: string; audience: string };
  private readonly verifySignatureAndClaims: (token: string) => Promise<JWTVerifyResult>;

  constructor(options: TokenVerifierOptions) {
    const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    // A token without `exp` would be valid forever.
    const requiredClaims = ['exp', 'sub'];
    if (options.kind === 'development') {
      assertUsableSecret(options.secret);
      const secret = new TextEncoder().encode(options.secret);
      this.checks = {
        issuer: DEVELOPMENT_TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: [DEVELOPMENT_TOKEN_ALGORITHM],
        clockTolerance,
        requiredClaims,
      };
      this.verifySignatureAndClaims = (token) => jose.jwtVerify(token, secret, this.checks);
    } else {
      // Fetched on first use, cached, and fetched again when a token names an unknown key.
      const keys = jose.createRemoteJWKSet(new URL(options.jwksUrl));
      this.checks = {
        issuer: options.issuer,
        audience: options.audience ?? TOKEN_AUDIENCE,
        algorithms: options.algorithms ?? DEFAULT_ASYMMETRIC_ALGORITHMS,
        clockTolerance,
        requiredClaims,
      };
      this.verifySignatureAndClaims = (token) => jose.jwtVerify(token, keys, this.checks);
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.verifySignatureAndClaims(token));
    } catch (error) {
      throw this.rejection(error);
    }
    const read = principalFromClaims(payload);
    if (!read.ok) throw new TokenRejectedError(read.reason, typeof payload.sub === 'string' ? payload.sub : undefined);
    return read.principal;
  }

  /** Turns jose's verdict into a reason a person can act on; anything else is rethrown as it is. */
  private rejection(error: unknown): unknown {
    const failure = error as { code?: unknown; claim?: unknown; reason?: unknown; payload?: JWTPayload };
    const subject = typeof failure.payload?.sub === 'string' ? failure.payload.sub : undefined;
    switch (failure.code) {
      case 'ERR_JWT_EXPIRED': {
        const exp = failure.payload?.exp;
        return new TokenRejectedError(
          typeof exp === 'number' ? `token expired at ${new Date(exp * 1000).toISOString()}` : 'token expired',
          subject,
        );
      }
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        return new TokenRejectedError(this.claimProblem(String(failure.claim), String(failure.reason), failure.payload), subject);
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return new TokenRejectedError('signature verification failed');
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
        return new TokenRejectedError(`signature algorithm not accepted (accepted: ${this.checks.algorithms?.join(', ')})`);
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return new TokenRejectedError('no key of the identity provider matches the token (kid)');
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return new TokenRejectedError('several keys of the identity provider match the token; it must name its key (kid)');
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
      case 'ERR_JOSE_NOT_SUPPORTED':
        return new TokenRejectedError(`malformed token: ${String((error as { message?: unknown }).message)}`);
      default:
        return error;
    }
  }

  private claimProblem(claim: string, reason: string, payload: JWTPayload | undefined): string {
    if (reason === 'missing') return `claim ${claim}: is required`;
    if (claim === 'iss') return `issuer ${JSON.stringify(payload?.iss)} is not accepted (expected "${this.checks.issuer}")`;
    if (claim === 'aud') return `audience ${JSON.stringify(payload?.aud)} is not accepted (expected "${this.checks.audience}")`;
    if (claim === 'nbf') return 'token is not valid yet (nbf)';
    if (claim === 'iat') return 'token is issued in the future (iat)';
    return `claim ${claim}: ${reason}`;
  }
}

export function assertUsableSecret(secret: string): void {
  if (secret.length < MINIMUM_SECRET_LENGTH) {
    throw new Error(`The development JWT secret must be at least ${MINIMUM_SECRET_LENGTH} characters long`);
  }
}
