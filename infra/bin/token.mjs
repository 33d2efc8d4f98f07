#!/usr/bin/env node
// Prints a development bearer token for calling the services by hand or from scripts:
//
//   node infra/bin/token.mjs --role delegation-officer --country ML
//   node infra/bin/token.mjs --role implementing-partner --org IOM
//   curl -H "Authorization: Bearer $(node infra/bin/token.mjs --role hq-analyst)" …
//
// A thin command over libs/identity, loaded from its TypeScript sources as the services load
// theirs: the roles, the claim rules and the signing are that lib's, not a second copy.
// Imported as a module it offers `mintDevelopmentToken` to the other scripts.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
process.env.SWC_NODE_PROJECT ??= join(repoRoot, 'tsconfig.base.json');
require('@swc-node/register');
const identity = require(join(repoRoot, 'libs', 'identity', 'src', 'dev-token.ts'));
const { ROLES } = require(join(repoRoot, 'libs', 'reference-data', 'src', 'roles.ts'));

/** Used when EUTF_DEV_JWT_SECRET is not set. It is public: for a developer's machine and the tests only. */
export const DEVELOPMENT_ONLY_JWT_SECRET = identity.DEVELOPMENT_ONLY_JWT_SECRET;

export function developmentSecret(env = process.env) {
  return env.EUTF_DEV_JWT_SECRET || DEVELOPMENT_ONLY_JWT_SECRET;
}

/** The subject when none is given: the role and its scope, e.g. `delegation-officer-ML`. */
export const defaultSubject = ({ roles, country, org }) => `${roles[0]}-${country ?? org ?? 'hq'}`;

/** Signs a token the services' development verifier accepts. `expiresIn`: seconds from now, or e.g. "8h". */
export async function mintDevelopmentToken({ subject, roles, country, org, expiresIn }, secret = developmentSecret()) {
  if (roles.length === 0) throw new Error(`--role is required (one of ${ROLES.join(', ')})`);
  return identity.mintDevelopmentToken({ subject: subject ?? defaultSubject({ roles, country, org }), roles, country, org, expiresIn }, secret);
}

const usage = `Usage: node infra/bin/token.mjs --role <role> [--role <role>…] [--country <ML>] [--org <id>] [--subject <id>] [--expires-in <8h|seconds>]

Prints a development bearer token (HS256, issuer eutf-dev, audience eutf-monitoring).
Roles: ${ROLES.join(', ')}. A delegation-officer needs --country, an implementing-partner --org.
The subject defaults to the role and its scope (delegation-officer-ML).
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
    // The lib names the claim; here it is the flag that sets it.
    const message = error.message.replace(/^Cannot mint a development token: claim (\w+):/, '--$1');
    process.stderr.write(`token: ${message}\n\n${usage}\n`);
    process.exit(2);
  });
}
