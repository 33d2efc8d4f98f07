import { createHmac } from 'node:crypto';
import { OnModuleInit, RequestMethod, SetMetadata, applyDecorators } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import type { JWTPayload } from 'jose';
import { jose } from './jose';
import type { Principal } from './principal';
import { MINIMUM_SECRET_LENGTH, principalFromClaims } from './token-claims';
import { TokenRejectedError } from './token-verifier';

export const REPORT_LINK_ROUTE = 'eutf:identity:report-link';
/** The query parameter a report link travels in. */
export const REPORT_LINK_PARAMETER = 'link';
/** The variable that holds the key report links are signed with. */
export const REPORT_LINK_SECRET_VARIABLE = 'EUTF_REPORT_LINK_SECRET';
export const REPORT_LINK_PURPOSE = 'report-link';
const REPORT_LINK_ISSUER = 'eutf-report-links';
export const DEFAULT_REPORT_LINK_SECONDS = 10 * 60;
export const MAXIMUM_REPORT_LINK_SECONDS = 15 * 60;

/**
 * A route that renders a report for a person to open in a browser (a page, a CSV download): besides
 * a bearer token it accepts `?link=`, a short-lived link signed for exactly this path and query
 * (`POST /report-links`). No other route accepts one.
 */
export const ReportLink = () =>
  applyDecorators(
    SetMetadata(REPORT_LINK_ROUTE, true),
    ApiQuery({
      name: REPORT_LINK_PARAMETER,
      required: false,
      description: 'A report link from POST /report-links, for a browser that cannot send a bearer token: valid for this path and query only, for at most 15 minutes.',
    }),
  );

/**
 * The key report links are signed with when `EUTF_REPORT_LINK_SECRET` is not set on a development
 * machine: derived from the development token secret, never that secret itself.
 */
export function deriveReportLinkKey(developmentSecret: string): string {
  return createHmac('sha256', developmentSecret).update('eutf-monitoring report links v1').digest('base64url');
}

/**
 * What a link is for: the path and query, in one canonical spelling, without the `link`
 * parameter itself. The link is signed for it and the request must match it exactly.
 */
export function reportLinkTarget(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, 'http://report.invalid');
  url.searchParams.delete(REPORT_LINK_PARAMETER);
  const query = url.searchParams.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

/** Signs and verifies report links: HS256 JWTs bound to one principal, one path and query, and a few minutes. */
export class ReportLinkSigner {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    if (secret.length < MINIMUM_SECRET_LENGTH) {
      throw new Error(`${REPORT_LINK_SECRET_VARIABLE} must be at least ${MINIMUM_SECRET_LENGTH} characters long`);
    }
    this.key = new TextEncoder().encode(secret);
  }

  /** `now` is when the link is signed: the present, unless a test says otherwise. */
  async sign(
    principal: Principal,
    pathAndQuery: string,
    { seconds = DEFAULT_REPORT_LINK_SECONDS, now: signedAt = new Date() }: { seconds?: number; now?: Date } = {},
  ): Promise<{ token: string; target: string; expiresAt: Date }> {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAXIMUM_REPORT_LINK_SECONDS) {
      throw new RangeError(`A report link lasts 1 to ${MAXIMUM_REPORT_LINK_SECONDS} seconds`);
    }
    const target = reportLinkTarget(pathAndQuery);
    const now = Math.floor(signedAt.getTime() / 1000);
    const token = await new jose.SignJWT({
      purpose: REPORT_LINK_PURPOSE,
      roles: [...principal.roles],
      ...(principal.country === undefined ? {} : { country: principal.country }),
      ...(principal.org === undefined ? {} : { org: principal.org }),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(REPORT_LINK_ISSUER)
      .setSubject(principal.subject)
      .setAudience(target)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(this.key);
    return { token, target, expiresAt: new Date((now + seconds) * 1000) };
  }

  /** The principal a link speaks for, when it was signed for this very path and query and has not expired. */
  async verify(token: string, pathAndQuery: string): Promise<Principal> {
    const target = reportLinkTarget(pathAndQuery);
    let payload: JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, this.key, {
        issuer: REPORT_LINK_ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'aud'],
        clockTolerance: 5,
      }));
    } catch (error) {
      throw linkRejection(error);
    }
    const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (payload['purpose'] !== REPORT_LINK_PURPOSE) throw new TokenRejectedError('the link is not a report link', subject);
    if ((payload.exp as number) - (payload.iat as number) > MAXIMUM_REPORT_LINK_SECONDS) {
      throw new TokenRejectedError('the link lasts longer than a report link may', subject);
    }
    if (payload.aud !== target) throw new TokenRejectedError('the link was made for another report (path or query)', subject);
    const read = principalFromClaims(payload);
    if (!read.ok) throw new TokenRejectedError(read.reason, subject);
    return read.principal;
  }
}

function linkRejection(error: unknown): unknown {
  const failure = error as { code?: unknown; payload?: JWTPayload };
  const subject = typeof failure.payload?.sub === 'string' ? failure.payload.sub : undefined;
  switch (failure.code) {
    case 'ERR_JWT_EXPIRED':
      return new TokenRejectedError('the link has expired; ask POST /report-links for a fresh one', subject);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return new TokenRejectedError('the link is not a report link', subject);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new TokenRejectedError('the link\'s signature verification failed');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new TokenRejectedError('the link is malformed');
    default:
      return error;
  }
}

/**
 * The report links of an application: its signer, when a key is configured, and the routes marked
 * `@ReportLink()` (found once the application's controllers are known).
 */
export class ReportLinks implements OnModuleInit {
  private routes: RegExp[] = [];
  readonly signer: ReportLinkSigner | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    secret: string | undefined,
  ) {
    this.signer = secret === undefined ? undefined : new ReportLinkSigner(secret);
  }

  onModuleInit(): void {
    this.routes = this.discovery.getControllers().flatMap(({ metatype, instance }) => {
      if (!metatype || !instance) return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, metatype));
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(REPORT_LINK_ROUTE, handler) !== true) return [];
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) return [];
        return base.flatMap((prefix) => pathsOf(Reflect.getMetadata(PATH_METADATA, handler)).map((path) => routePattern(prefix, path)));
      });
    });
  }

  /** Whether a path (without its query) is one a report link may open. */
  opens(path: string): boolean {
    return this.routes.some((route) => route.test(path));
  }
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

function routePattern(prefix: string, path: string): RegExp {
  const joined = `/${[prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  const pattern = joined
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}
