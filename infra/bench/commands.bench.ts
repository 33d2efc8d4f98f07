/**
 * `npm run bench:commands`: the command path of the projects and disbursements services side by
 * side, each as its own process as `npm start` runs it, with the same kind of command — an
 * implementing partner recording something on one of --projects projects (a result submitted in
 * projects; an expenditure reported in disbursements). Both go HTTP → validation → decider →
 * event store append → receipt. Each service takes --warmup commands first, then --commands
 * from --concurrency clients, twice in alternation (projects, disbursements, projects,
 * disbursements) so neither gains from running second. Prints latency percentiles and throughput.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mintDevelopmentToken } from '@eutf/identity';
import { Pool } from 'pg';
import { startServiceProcess } from '@eutf/service-testing';
import { BENCH_RETURNS_INDICATOR, benchProjectRegistration, benchResult } from './bench-projects';
import { numberFlag, percentile, printTable, rate, requiredEnv } from '@eutf/testing/bench';

const projects = numberFlag('projects', 100);
const commands = numberFlag('commands', 2_000);
const warmup = numberFlag('warmup', 300);
const concurrency = numberFlag('concurrency', 16);

const run = randomUUID().replace(/-/g, '').slice(0, 8);
const secret = requiredEnv('EUTF_DEV_JWT_SECRET');
const schemas = { projects: `bench_cmd_projects_${run}`, disbursements: `bench_cmd_funding_${run}` };
const children: ChildProcess[] = [];

async function main() {
  const database = requiredEnv('DATABASE_URL');
  const [projectsService, disbursements] = await Promise.all(
    (['projects', 'disbursements'] as const).map(async (service) => {
      const { url, child } = await startServiceProcess(service, { DATABASE_URL: database, DATABASE_SCHEMA: schemas[service] });
      children.push(child);
      return url;
    }),
  );
  const officer = await mintDevelopmentToken({ subject: 'bench-officer', roles: ['delegation-officer'], country: 'ML' }, secret);
  const finance = await mintDevelopmentToken({ subject: 'bench-finance', roles: ['hq-finance'] }, secret);
  const partner = await mintDevelopmentToken({ subject: 'bench-partner', roles: ['implementing-partner'], org: 'IOM' }, secret);

  /** Sends a command; resolves with its status and how long the answer took, in ms. */
  const send = async (url: string, token: string, body: object): Promise<{ status: number; ms: number }> => {
    const startedAt = process.hrtime.bigint();
    const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return { status: response.status, ms: Number(process.hrtime.bigint() - startedAt) / 1e6 };
  };
  const must = async (url: string, token: string, body: object) => {
    const { status } = await send(url, token, body);
    if (status >= 300) throw new Error(`POST ${url}: ${status}`);
  };

  // Setup (not measured): projects with a per-period indicator; the ledger learns of each from the
  // projects' topic, then holds a commitment and IOM's contract.
  const projectId = (index: number) => `ml-bench-cmd-${run}-${index}`;
  for (let index = 0; index < projects; index += 1) {
    await must(`${projectsService}/projects`, officer, benchProjectRegistration(projectId(index), index));
    await must(`${projectsService}/projects/${projectId(index)}/indicators`, officer, BENCH_RETURNS_INDICATOR);
  }
  for (let index = 0; index < projects; index += 1) {
    const commitment = { amountCents: 90_000_000_00, decidedOn: '2017-07-28', decisionReference: `BENCH-${index}` };
    for (let attempt = 0; ; attempt += 1) {
      const { status } = await send(`${disbursements}/projects/${projectId(index)}/commitment`, finance, commitment);
      if (status < 300) break;
      // 409 project-unknown until the registration has come through Kafka.
      if (attempt > 300) throw new Error(`the ledger never learnt of ${projectId(index)} (${status})`);
      await new Promise((done) => setTimeout(done, 100));
    }
    await must(`${disbursements}/projects/${projectId(index)}/contracts`, finance, {
      contractId: 'c-iom',
      partnerOrg: 'IOM',
      amountCents: 90_000_000_00,
      signedOn: '2017-08-01',
      startDate: '2017-08-01',
      endDate: '2030-12-31',
    });
  }

  // Command n goes to project n mod P, each its own day (a result's period, an expenditure's).
  let sequence = 0;
  const day = (n: number) => new Date(Date.UTC(2017, 7, 1 + Math.floor(n / projects))).toISOString().slice(0, 10);
  const commandOf = {
    projects: (n: number) =>
      send(`${projectsService}/projects/${projectId(n % projects)}/results/r-${n}/submission`, partner, benchResult(day(n))),
    disbursements: (n: number) =>
      send(`${disbursements}/projects/${projectId(n % projects)}/contracts/c-iom/expenditures`, partner, {
        expenditureId: `e-${n}`,
        period: { from: day(n), to: day(n) },
        amountCents: 1_000_00,
        category: 'human-resources',
      }),
  };
  const measured = { projects: [] as number[], disbursements: [] as number[] };
  const seconds = { projects: 0, disbursements: 0 };
  const refused = { projects: 0, disbursements: 0 };
  const load = async (service: 'projects' | 'disbursements', count: number, keep: boolean) => {
    let next = 0;
    const startedAt = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          const { status, ms } = await commandOf[service]((sequence += 1));
          if (status >= 300) refused[service] += 1;
          if (keep) measured[service].push(ms);
        }
      }),
    );
    if (keep) seconds[service] += Number(process.hrtime.bigint() - startedAt) / 1e9;
  };
  await load('projects', warmup, false);
  await load('disbursements', warmup, false);
  for (const service of ['projects', 'disbursements', 'projects', 'disbursements'] as const) await load(service, commands / 2, true);

  const fixed = (value: number) => Number(value.toFixed(1));
  const row = (service: 'projects' | 'disbursements') => [
    service,
    fixed(percentile(measured[service], 50)),
    fixed(percentile(measured[service], 90)),
    fixed(percentile(measured[service], 99)),
    rate(measured[service].length, seconds[service]),
    refused[service],
  ];
  printTable(['service (partner command)', 'p50 ms', 'p90 ms', 'p99 ms', 'commands/s', 'refused'], [row('projects'), row('disbursements')]);
  console.log(
    `\n${JSON.stringify({
      bench: 'commands',
      projects,
      commands,
      concurrency,
      latencyMs: Object.fromEntries((['projects', 'disbursements'] as const).map((service) => [service, { p50: fixed(percentile(measured[service], 50)), p99: fixed(percentile(measured[service], 99)) }])),
      commandsPerSecond: { projects: rate(measured.projects.length, seconds.projects), disbursements: rate(measured.disbursements.length, seconds.disbursements) },
      refused,
    })}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(async () => {
    await Promise.all(children.map((child) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))));
    const pool = new Pool({ connectionString: requiredEnv('DATABASE_URL') });
    await pool.query(`DROP SCHEMA IF EXISTS "${schemas.projects}" CASCADE; DROP SCHEMA IF EXISTS "${schemas.disbursements}" CASCADE`).finally(() => pool.end());
  });
