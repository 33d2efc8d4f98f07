#!/usr/bin/env node
// Prints a development bearer token for calling the services by hand or from scripts:
//
//   node infra/bin/token.mjs --role delegation-officer --country ML --subject officer-ml-1
//   curl -H "Authorization: Bearer $(node infra/bin/token.mjs --role hq-analyst --subject hq-1)" …
//
// Plain Node, no TypeScript: the issuer, audience, algorithm, secret and claim rules below repeat
// those of libs/identity (src/token-claims.ts, src/dev-token.ts), and a test of that lib verifies
// what this script prints. Imported as a module it offers `mintDevelopmentToken` to other scripts.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { requireFromRepo } from '../lib/paths.mjs';

/** As DEVELOPMENT_TOKEN_ISSUER, TOKEN_AUDIENCE and DEVELOPMENT_TOKEN_ALGORITHM in libs/identity. */
export const DEVELOPMENT_TOKEN_ISSUER = 'eutf-dev';
export const TOKEN_AUDIENCE = 'eutf-monitoring';
export const DEVELOPMENT_TOKEN_ALGORITHM = 'HS256';

/**
 * As DEVELOPMENT_ONLY_JWT_SECRET in libs/identity: used when EUTF_DEV_JWT_SECRET is not set.
 * It is public; for a developer's machine and the tests only.
 */
export const DEVELOPMENT_ONLY_JWT_SECRET = 'eutf-development-only-jwt-secret-never-use-in-production';

export const ROLES = ['delegation-officer', 'implementing-partner', 'hq-finance', 'hq-analyst', 'admin'];

/** Says what is wrong with the claims, as the services would refuse them; null when they are good. */
export function claimsProblem({ subject, roles, country, org }) {
  if (!subject) return '--subject is required';
  if (roles.length === 0) return `--role is required (one of ${ROLES.join(', ')})`;
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length > 0) return `unknown role ${unknown.join(', ')} (known: ${ROLES.join(', ')})`;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) return '--country must be an ISO 3166-1 alpha-2 code in upper case, e.g. ML';
  if (roles.includes('delegation-officer') && country === undefined) return '--country is required for the role delegation-officer';
  if (roles.includes('implementing-partner') && !org) return '--org is required for the role implementing-partner';
  return null;
}

/** Signs a token the services' development verifier accepts. `expiresIn`: seconds from now, or e.g. "8h". */
export async function mintDevelopmentToken({ subject, roles, country, org, expiresIn = '8h' }, secret = developmentSecret()) {
  const problem = claimsProblem({ subject, roles, country, org });
  if (problem) throw new Error(problem);
  if (secret.length < 32) throw new Error('EUTF_DEV_JWT_SECRET must be at least 32 characters long');
  const { SignJWT } = requireFromRepo('jose');
  const claims = {
    roles: [...new Set(roles)],
    ...(roles.includes('delegation-officer') ? { country } : {}),
    ...(roles.includes('implementing-partner') ? { org } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEVELOPMENT_TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEVELOPMENT_TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export function developmentSecret(env = process.env) {
  return env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET;
}

const usage = `Usage: node infra/bin/token.mjs --role <role> [--role <role>…] --subject <id> [--country <ML>] [--org <id>] [--expires-in <8h|seconds>]

Prints a development bearer token (HS256, issuer ${DEVELOPMENT_TOKEN_ISSUER}, audience ${TOKEN_AUDIENCE}).
Roles: ${ROLES.join(', ')}. A delegation-officer needs --country, an implementing-partner --org.
Signed with EUTF_DEV_JWT_SECRET, or the public development-only default when it is not set.`;

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      subject: { type: 'string' },
      country: { type: 'string' },
      org: { type: 'string' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const expiresIn = values['expires-in'];
  const token = await mintDevelopmentToken({
    subject: values.subject,
    roles: values.role.flatMap((role) => role.split(',')).map((role) => role.trim()).filter(Boolean),
    country: values.country,
    org: values.org,
    expiresIn: expiresIn === undefined ? undefined : /^-?\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn,
  });
  process.stdout.write(`${token}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`token: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  });
}
