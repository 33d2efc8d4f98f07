import { ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';

const root = resolve(__dirname, '../../..');

// Each run writes its own project (references are unique in a real store; here several test runs share a topic).
const reference = `T05-EUTF-SAH-SN-${String(randomInt(10, 99))}-${String(randomInt(10, 99))}`;
const run = randomUUID().replace(/-/g, '').slice(0, 10);
let projects: string;
let reporting: string;
const processes: ChildProcess[] = [];

const token = (roles: Role[], scope: { country?: string; org?: string } = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs a service as its own process, as `npm start` does, and waits until it answers ready. */
async function start(service: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'services', service, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SWC_NODE_PROJECT: 'tsconfig.base.json' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  processes.push(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${service} service exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then((response) => response.ok, () => false);
    if (ready) return url;
    if (Date.now() > deadline) throw new Error(`the ${service} service did not become ready`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function command(path: string, roles: Role[], scope: { country?: string; org?: string }, body: object = {}) {
  const response = await request(projects).post(path).set('Authorization', `Bearer ${await token(roles, scope)}`).send(body);
  expect([200, 201]).toContain(response.status);
  return response;
}

type Line = { reference: string; value: number; returnReason: string | null };
type Results = Record<'approved' | 'pendingApproval' | 'returnedForRevision', Line[]> & { byEutfIndicator: unknown[] };

/**
 * This run's lines of the SN factsheet, as headquarters reads it, polled until `ready` says the
 * projection caught up. (The topic may hold earlier runs' projects too.)
 */
async function factsheetWhen(ready: (results: Results) => boolean): Promise<{ results: Results; body: Record<string, unknown> }> {
  const analyst = await token(['hq-analyst']);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await request(reporting).get('/countries/SN/factsheet').set('Authorization', `Bearer ${analyst}`);
    expect(response.status).toBe(200);
    const all = response.body.results as Results;
    const ours = (lines: Line[]) => lines.filter((line) => line.reference === reference);
    const results = { ...all, approved: ours(all.approved), pendingApproval: ours(all.pendingApproval), returnedForRevision: ours(all.returnedForRevision) };
    if (ready(results)) return { results, body: response.body };
    if (Date.now() > deadline) throw new Error(`the factsheet never showed what was expected: ${JSON.stringify(response.body.results)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka', 'mongodb']);
  const mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_${run}`;
  [projects, reporting] = await Promise.all([
    start('projects', { DATABASE_SCHEMA: `e2e_${run}` }),
    start('reporting', { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-${run}` }),
  ]);
}, 120_000);

afterAll(async () => {
  // SIGTERM: each service stops taking requests, finishes its batch, commits and disconnects.
  await Promise.all(
    processes.map((child) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))),
  );
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "e2e_${run}" CASCADE`);
  await pool.end();
});

describe('first slice, end to end through the real Kafka and MongoDB-wire servers', () => {
  const officer = { country: 'SN' };
  const partner = { org: 'IOM' };
  const { resultId, ...result } = ResultSubmitted.example;

  it('shows a result as pending until the officer approves it, with the reason when it was returned, then counts it', async () => {
    await command('/projects', ['delegation-officer'], officer, {
      reference,
      title: 'Migration governance and reintegration in Senegal',
      window: 'SAH',
      countries: ['SN'],
      implementingPartners: ['IOM'],
      euContributionCents: 2_500_000_00,
      startDate: '2017-01-01',
      endDate: '2019-12-31',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
    });
    await command(`/projects/${reference}/indicators`, ['delegation-officer'], officer, IndicatorDefined.example);
    await command(`/projects/${reference}/results/${resultId}/submission`, ['implementing-partner'], partner, result);

    const pending = await factsheetWhen((results) => results.pendingApproval.length === 1);
    expect(pending.results.approved).toEqual([]);
    const euSupport = pending.body['euSupport'] as { projects: Array<{ reference: string }> };
    expect(euSupport.projects.map((project) => project.reference)).toContain(reference);

    await command(`/projects/${reference}/results/${resultId}/return`, ['delegation-officer'], officer, { reason: 'Please add the age bands' });
    const returned = await factsheetWhen((results) => results.returnedForRevision.length === 1);
    expect(returned.results.returnedForRevision[0]?.returnReason).toBe('Please add the age bands');

    await command(`/projects/${reference}/results/${resultId}/submission`, ['implementing-partner'], partner, result);
    await command(`/projects/${reference}/results/${resultId}/approval`, ['delegation-officer'], officer);
    const approved = await factsheetWhen((results) => results.approved.length === 1);
    expect(approved.results.approved[0]?.value).toBe(1_000);
    expect(approved.results.pendingApproval).toEqual([]);
    expect(approved.results.byEutfIndicator).toContainEqual(expect.objectContaining({ code: '3.4', unit: 'people' }));

    const analyst = await token(['hq-analyst']);
    const page = await request(reporting).get(`/countries/SN/factsheet.html?access_token=${analyst}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Senegal — action and progress under the Migration Partnership Framework');
    const csv = await request(reporting).get('/countries/SN/factsheet/results.csv').set('Authorization', `Bearer ${analyst}`);
    expect(csv.text).toContain(`SN,${reference},returns,`);
  });

  it('lets each role read only what it may', async () => {
    const get = async (path: string, bearer?: string) =>
      (await (bearer ? request(reporting).get(path).set('Authorization', `Bearer ${bearer}`) : request(reporting).get(path))).status;
    const officerSN = await token(['delegation-officer'], { country: 'SN' });
    const officerML = await token(['delegation-officer'], { country: 'ML' });
    const iom = await token(['implementing-partner'], { org: 'IOM' });
    const giz = await token(['implementing-partner'], { org: 'GIZ' });
    const finance = await token(['hq-finance']);

    expect(await get('/countries/SN/factsheet')).toBe(401);
    expect(await get('/countries/SN/factsheet', officerSN)).toBe(200);
    expect(await get('/countries/SN/factsheet', officerML)).toBe(403);
    expect(await get('/countries/SN/factsheet', iom)).toBe(403);
    expect(await get('/countries/SN/factsheet', finance)).toBe(200);
    expect(await get(`/projects/${reference}`, iom)).toBe(200);
    expect(await get(`/projects/${reference}`, giz)).toBe(404);
    expect(await get(`/projects/${reference}`, officerML)).toBe(404);
    expect(await get('/projects?country=SN', officerML)).toBe(403);
    expect(await get('/projects?partner=IOM', giz)).toBe(403);
  });
});
