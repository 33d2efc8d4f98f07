#!/usr/bin/env node
// `npm start`: brings up whatever servers are missing (given endpoints → Docker → native stack),
// builds and starts the four services, waits until each is ready, and prints where to look.
// Ctrl-C stops the services and the servers this command started; data stays in .infra/.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bringUpInfrastructure, describeServers } from '../lib/stack.mjs';
import { isPortOpen, log, run, waitFor } from '../lib/process.mjs';
import { repoRoot, stateDir } from '../lib/paths.mjs';
import { loadSeeds } from './seed.mjs';
import { DEVELOPMENT_ONLY_JWT_SECRET } from './token.mjs';
import { reportLink } from './report-link.mjs';

// Services verify development tokens unless an OIDC issuer is configured.
if (!process.env.OIDC_JWKS_URL && !process.env.EUTF_DEV_JWT_SECRET) process.env.EUTF_DEV_JWT_SECRET = DEVELOPMENT_ONLY_JWT_SECRET;
// `npm start` is the demo on a developer's machine, on loopback only.
process.env.EUTF_DEVELOPMENT ??= 'true';

const services = [
  { name: 'projects', port: 3101 },
  { name: 'disbursements', port: 3102 },
  { name: 'returns', port: 3103 },
  { name: 'reporting', port: 3104 },
];

const logsDir = join(stateDir, 'logs');
const children = new Map();
let infrastructure;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping the services');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolvePromise) => {
          if (child.exitCode !== null) return resolvePromise();
          child.once('exit', resolvePromise);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await infrastructure?.stop();
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startService(service, env) {
  const logFile = join(logsDir, `${service.name}.log`);
  const output = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'services', service.name, 'src', 'main.js')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(service.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
    log(`${service.name} stopped unexpectedly (${signal ?? `exit ${code}`}); last lines of ${logFile}:\n${tail}`);
    void stopAll(1);
  });
  children.set(service.name, child);
  return logFile;
}

try {
  for (const service of services) {
    if (await isPortOpen(service.port)) {
      throw new Error(`port ${service.port} for the ${service.name} service is taken: is another \`npm start\` running?`);
    }
  }
  infrastructure = await bringUpInfrastructure({ preferCompose: true });
  for (const line of await describeServers(infrastructure.env)) log(line);
  await run(process.execPath, [join(repoRoot, 'infra', 'bin', 'build.mjs')]);
  mkdirSync(logsDir, { recursive: true });
  for (const service of services) {
    const logFile = startService(service, infrastructure.env);
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${service.port}/health/ready`)).ok,
      { what: `the ${service.name} service`, timeoutMs: 60_000, logFile },
    );
  }
  await loadSeeds({ projectsUrl: 'http://127.0.0.1:3101', disbursementsUrl: 'http://127.0.0.1:3102', returnsUrl: 'http://127.0.0.1:3103', secret: process.env.EUTF_DEV_JWT_SECRET });
  const link = async (path) => (await reportLink(path, { reporting: 'http://127.0.0.1:3104' })).url;
  const factsheet = await link('/countries/ML/factsheet.html?from=2016-06-01');
  const asPublished = await link('/countries/ML/factsheet.html?from=2016-06-01&to=2017-03-31');
  const firstYear = await link('/reports/consolidated?format=html&from=2016-06-01&to=2017-06-30');
  const toDate = await link('/reports/consolidated?format=html&from=2016-06-01');
  const firstYearCsv = await link('/reports/consolidated.csv?from=2016-06-01&to=2017-06-30');
  const firstYearXlsx = await link('/reports/consolidated.xlsx?from=2016-06-01&to=2017-06-30');
  const firstYearPdf = await link('/reports/consolidated.pdf?from=2016-06-01&to=2017-06-30');
  const toDateXlsx = await link('/reports/consolidated.xlsx?from=2016-06-01');
  const toDatePdf = await link('/reports/consolidated.pdf?from=2016-06-01');
  const finance = (view) => `curl -H "Authorization: Bearer $(node infra/bin/token.mjs --role hq-analyst)" http://127.0.0.1:3104/finance/${view}`;
  const lines = [
    '',
    'EUTF monitoring is running.',
    ...services.map((service) => `  ${service.name.padEnd(14)} http://127.0.0.1:${service.port}/docs   (ready: /health/ready)`),
    '',
    'Mali factsheet, June 2016 to date, with the results the partners reported (a headquarters analyst\'s report link, valid for 10 minutes):',
    `  ${factsheet}`,
    'The same for June 2016 - March 2017, the period of the EU\'s published factsheet:',
    `  ${asPublished}`,
    'Consolidated Partnership Framework progress report, the first year (June 2016 - June 2017), as a page, CSV, XLSX and PDF:',
    `  ${firstYear}`,
    `  ${firstYearCsv}`,
    `  ${firstYearXlsx}`,
    `  ${firstYearPdf}`,
    'The same to date, as a page, XLSX and PDF:',
    `  ${toDate}`,
    `  ${toDateXlsx}`,
    `  ${toDatePdf}`,
    '  (JSON: GET /reports/consolidated?from=2016-06-01&to=2017-06-30 with a bearer token)',
    'Finance from the funding ledger (committed, contracted, requested, paid, absorption; euro cents), by country, project and partner, and as CSV:',
    `  ${finance('country')}`,
    `  ${finance('project')}`,
    `  ${finance('partner')}`,
    `  ${await link('/finance/country/rows.csv')}`,
    '  (the sources give no commitment the ledger can record: see "funding ledger" above; the factsheet\'s EU support says "no data")',
    'A fresh link to a report, for 10 minutes: node infra/bin/report-link.mjs /countries/ML/factsheet.html?from=2016-06-01 --role hq-analyst',
    'Development tokens for other roles: node infra/bin/token.mjs --role delegation-officer --country ML',
    '',
    `Logs: ${logsDir}/<service>.log. Press Ctrl-C to stop; data is kept in ${stateDir}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  log(error.message);
  await stopAll(1);
}
