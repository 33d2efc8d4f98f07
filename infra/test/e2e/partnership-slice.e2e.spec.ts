import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import type { Role } from '@eutf/identity';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { openThroughReportLink, ServiceProcesses, token } from './e2e-support';

const root = resolve(__dirname, '../../..');

// Each run writes its own project under a reference of its own, to topics of its own (`topics`):
// other suites register the seeded Mali projects under the same ids from their own schemas.
const reference = `T05-EUTF-SAH-SN-${String(randomInt(10, 99))}-${String(randomInt(10, 99))}`;
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const topics = `e2e-${run}`;
let brokers: string;
let projects: string;
let reporting: string;
const services = new ServiceProcesses();

async function command(path: string, roles: Role[], scope: { country?: string; org?: string }, body: object = {}) {
  const response = await request(projects).post(path).set('Authorization', `Bearer ${await token(roles, scope)}`).send(body);
  expect([200, 201]).toContain(response.status);
  return response;
}

type Line = { reference: string; value: number; returnReason: { status: string; text: string | null } | null };
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
  brokers = endpoints.kafka;
  await createTopicNamespace(brokers, topics);
  const mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_${run}`;
  projects = await services.start('projects', { DATABASE_SCHEMA: `e2e_${run}`, EUTF_TOPIC_NAMESPACE: topics });
  // Reporting shows free texts (the officer's reasons) as the projects service's store has them.
  reporting = await services.start('reporting', { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-${run}`, EUTF_TOPIC_NAMESPACE: topics, EUTF_PROJECTS_URL: projects });
}, 120_000);

afterAll(async () => {
  await services.stopAll();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "e2e_${run}" CASCADE`);
  await pool.end();
  if (brokers) await deleteTopicNamespace(brokers, topics);
});

describe('first slice, end to end through the real Kafka and MongoDB-wire servers', () => {
  const officer = { country: 'SN' };
  const partner = { org: 'IOM' };
  const { resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] as string[] };

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
    const euSupport = pending.body['euSupport'] as { projects: Array<{ reference: string; finance: unknown }> };
    // No funding ledger holds anything of it: no data, not zero.
    expect(euSupport.projects.find((project) => project.reference === reference)?.finance).toEqual({ committedCents: null, contractedCents: null, paidCents: null });

    await command(`/projects/${reference}/results/${resultId}/return`, ['delegation-officer'], officer, { reason: 'Please add the age bands' });
    const returned = await factsheetWhen((results) => results.returnedForRevision.length === 1);
    expect(returned.results.returnedForRevision[0]?.returnReason).toMatchObject({ status: 'shown', text: 'Please add the age bands' });

    await command(`/projects/${reference}/results/${resultId}/submission`, ['implementing-partner'], partner, result);
    await command(`/projects/${reference}/results/${resultId}/approval`, ['delegation-officer'], officer);
    const approved = await factsheetWhen((results) => results.approved.length === 1);
    expect(approved.results.approved[0]?.value).toBe(1_000);
    expect(approved.results.pendingApproval).toEqual([]);
    expect(approved.results.byEutfIndicator).toContainEqual(expect.objectContaining({ code: '3.4', unit: 'people' }));

    const analyst = await token(['hq-analyst']);
    const page = await openThroughReportLink(reporting, '/countries/SN/factsheet.html', analyst);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Senegal — action and progress under the Migration Partnership Framework');
    // A report page runs no script and names no framework.
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const csv = await request(reporting).get('/countries/SN/factsheet/results.csv').set('Authorization', `Bearer ${analyst}`);
    expect(csv.text).toContain(`SN,${reference},${reference},returns,`);
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

  it('loads the demo data through the public APIs once, and the Mali factsheet shows its figures', async () => {
    const loadSeeds = () =>
      new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [join(root, 'infra', 'bin', 'seed.mjs'), projects], { cwd: root, env: process.env });
        let output = '';
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? done(output) : fail(new Error(`the seed loader exited with ${code}: ${output}`))));
      });
    const firstRun = await loadSeeds();
    expect(firstRun).toMatch(/demo data: [1-9]\d* commands recorded, 0 already there/);
    // The one exact amount the sources give (EUR 90 million for Libya) comes without its decision's date and reference.
    expect(firstRun).toContain('demo data: funding ledger: 0 commitments recorded, 0 already there');
    expect(firstRun).toContain('not recorded: ly-eutf-protection-resilience-package (002_21535fd7b2306ce6.txt gives the EUR 90,000,000 it commits, not the date or reference');
    // A second run changes nothing: every request carries the same Idempotency-Key.
    expect(await loadSeeds()).toMatch(/demo data: 0 commands recorded, [1-9]\d* already there/);

    const analyst = await token(['hq-analyst']);
    type Approved = { projectId: string; indicatorId: string; value: number; valueQualifier: string | null; period: { from: string | null; to: string } };
    const deadline = Date.now() + 30_000;
    let factsheet: { results: { approved: Approved[] }; euSupport: { projects: Array<{ projectId: string; reference: string | null; adoptedOn: string | null }> } };
    for (;;) {
      const response = await request(reporting).get('/countries/ML/factsheet').set('Authorization', `Bearer ${analyst}`);
      factsheet = response.body;
      // The seed loader submits indicator results for the AECID project only: the IOM initiative's
      // figures are the returns service's (seeds/returns.json), which its indicators refer to.
      const seededProjects = ['ml-eu-iom-joint-initiative', 'ml-aecid-information-sensibilisation'];
      if (factsheet.results.approved.filter((line) => seededProjects.includes(line.projectId)).length === 2) break;
      if (Date.now() > deadline) throw new Error(`the Mali factsheet never showed the seeded results: ${JSON.stringify(response.body.results)}`);
      await new Promise((done) => setTimeout(done, 250));
    }
    const seeded = (projectId: string, indicatorId: string) => factsheet.results.approved.find((line) => line.projectId === projectId && line.indicatorId === indicatorId);
    // 004_…'s 17 181 returned and 6760 reintegrations completed are counted by the returns service, never as an indicator result as well (returns.e2e.spec.ts loads and finds them).
    expect(seeded('ml-eu-iom-joint-initiative', 'returned-home')).toBeUndefined();
    expect(seeded('ml-eu-iom-joint-initiative', 'reintegration-completed')).toBeUndefined();
    // "plus de 70.000 migrants potentiels", "39 organisations de la société civile", over the project's first two years.
    expect(seeded('ml-aecid-information-sensibilisation', 'potential-migrants-sensitised')).toMatchObject({ value: 70_000, valueQualifier: 'more-than', period: { from: null } });
    expect(seeded('ml-aecid-information-sensibilisation', 'csos-funded')).toMatchObject({ value: 39 });
    expect(factsheet.euSupport.projects).toContainEqual(expect.objectContaining({ projectId: 'ml-eutf-2016-12-biometric-registry', reference: null, adoptedOn: '2016-12' }));

    const page = await openThroughReportLink(reporting, '/countries/ML/factsheet.html', analyst);
    expect(page.text).toContain('more than 70,000');
    expect(page.text).toContain('EUTF reference pending');
  });
});
