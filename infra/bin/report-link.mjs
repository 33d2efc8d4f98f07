#!/usr/bin/env node
// Prints a link to open one report in a browser, valid for 10 minutes:
//
//   node infra/bin/report-link.mjs /countries/ML/factsheet.html?from=2016-06-01
//   node infra/bin/report-link.mjs /countries/ML/factsheet/results.csv --role delegation-officer --country ML
//
// Mints a development token (token.mjs) and asks the reporting service's POST /report-links for
// a link bound to that report; tokens themselves are never put in URLs.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { mintDevelopmentToken } from './token.mjs';

const usage = `Usage: node infra/bin/report-link.mjs <path?query> [--role <role>] [--country <ML>] [--org <id>] [--reporting <url>]

Prints a link to the report at <path?query> (the factsheet page, a CSV download) that opens in a
browser for 10 minutes, as a development token of --role (default hq-analyst) would.
--reporting: the reporting service, default http://127.0.0.1:3104.`;

/** Asks the reporting service for a link to `path`, as the given development principal. */
export async function reportLink(path, { role = 'hq-analyst', country, org, reporting = 'http://127.0.0.1:3104' } = {}) {
  const token = await mintDevelopmentToken({ roles: [role], country, org, expiresIn: '5m' });
  const response = await fetch(new URL('/report-links', reporting), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`POST /report-links answered ${response.status}: ${body.detail ?? JSON.stringify(body)}`);
  return { url: new URL(body.url, reporting).toString(), expiresAt: body.expiresAt };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      country: { type: 'string' },
      org: { type: 'string' },
      reporting: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${usage}\n`);
    if (!values.help) process.exit(2);
    return;
  }
  const { url } = await reportLink(positionals[0], values);
  process.stdout.write(`${url}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`report-link: ${error.message}\n`);
    process.exit(1);
  });
}
