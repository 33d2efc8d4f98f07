import { randomInt, randomUUID } from 'node:crypto';
import type { Role } from '@eutf/identity';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { eventually, openThroughReportLink, ServiceProcesses, token, type Scope } from './e2e-support';

// A project and topics of this run's own: other suites register projects under the same ids in
// their own schemas, and a projection sharing their topics would skip our events as already applied.
const reference = `T05-EUTF-NOA-LY-${String(randomInt(10, 99))}-${String(randomInt(10, 99))}`;
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const topics = `e2e-ledger-${run}`;
const schema = (service: string) => `e2e_${service}_${run}`;
const services = new ServiceProcesses();
let brokers: string;
let projects: string;
let disbursements: string;
let reporting: string;

const officer = { country: 'LY' };
const partner = { org: 'IOM' };
const committedCents = 90_000_000_00;
const contractedCents = 40_000_000_00;
const trancheCents = 12_000_000_00;

async function post(service: string, path: string, roles: Role[], scope: Scope, body?: object) {
  return request(service)
    .post(path)
    .set('Authorization', `Bearer ${await token(roles, scope)}`)
    .set('Idempotency-Key', `${run}${path.replace(/[^A-Za-z0-9._:-]/g, ':')}`)
    .send(body);
}

async function command(service: string, path: string, roles: Role[], scope: Scope, body?: object) {
  const response = await post(service, path, roles, scope, body);
  // On a refusal, the problem (its rule and detail) is what the failure shows.
  expect([200, 201].includes(response.status) ? 'accepted' : response.body).toBe('accepted');
  return response;
}

/**
 * The first command on a project the ledger may not have seen yet: the registration reaches
 * disbursements through Kafka, so a `project-unknown` refusal is retried after the delay it gives.
 */
async function whenSeen(path: string, roles: Role[], scope: Scope, body: object) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await post(disbursements, path, roles, scope, body);
    if (response.body.rule !== 'project-unknown') return response;
    expect([response.status, response.headers['retry-after']]).toEqual([409, expect.stringMatching(/^\d+$/)]);
    if (Date.now() > deadline) throw new Error(`disbursements never saw project ${reference} registered`);
    await new Promise((done) => setTimeout(done, Number(response.headers['retry-after']) * 1_000));
  }
}

type Row = { key: string; projects: number; committedCents: number; contractedCents: number; requestedCents: number; paidCents: number; absorptionRate: number | null };

const financeView = async (dimension: string): Promise<Row[]> => {
  const response = await request(reporting).get(`/finance/${dimension}`).set('Authorization', `Bearer ${await token(['hq-analyst'])}`);
  expect(response.status).toBe(200);
  return response.body as Row[];
};

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka', 'mongodb']);
  brokers = endpoints.kafka;
  await createTopicNamespace(brokers, topics);
  const mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_ledger_${run}`;
  [projects, disbursements, reporting] = await Promise.all([
    services.start('projects', { DATABASE_SCHEMA: schema('projects'), EUTF_TOPIC_NAMESPACE: topics }),
    services.start('disbursements', { DATABASE_SCHEMA: schema('disbursements'), EUTF_TOPIC_NAMESPACE: topics }),
    services.start('reporting', { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-ledger-${run}`, EUTF_TOPIC_NAMESPACE: topics }),
  ]);
}, 120_000);

afterAll(async () => {
  await services.stopAll();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema('projects')}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${schema('disbursements')}" CASCADE`);
  await pool.end();
  if (brokers) await deleteTopicNamespace(brokers, topics);
});

describe('the funding ledger, end to end through the real Kafka, PostgreSQL and MongoDB-wire servers', () => {
  it('takes a project from registration to payment, and reporting shows the figures by project, country and partner', async () => {
    await command(projects, '/projects', ['delegation-officer'], officer, {
      reference,
      title: 'Protection and resilience of migrants, refugees and host communities in Libya',
      window: 'NOA',
      countries: ['LY'],
      implementingPartners: ['IOM'],
      euContributionCents: committedCents,
      startDate: '2017-08-01',
      endDate: '2020-07-31',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [3], gcmObjectives: [], ponamAxes: [] },
    });

    const ledger = `/projects/${reference}`;
    const commitment = await whenSeen(`${ledger}/commitment`, ['hq-finance'], {}, { amountCents: committedCents, decidedOn: '2017-07-28', decisionReference: reference });
    expect(commitment.status).toBe(201);
    await command(disbursements, `${ledger}/contracts`, ['hq-finance'], {}, {
      contractId: `${reference}-01`,
      partnerOrg: 'IOM',
      amountCents: contractedCents,
      signedOn: '2017-08-01',
      startDate: '2017-08-01',
      endDate: '2020-07-31',
    });
    const tranche = `${ledger}/contracts/${reference}-01/tranches/tranche-1`;
    await command(disbursements, `${ledger}/contracts/${reference}-01/tranches`, ['implementing-partner'], partner, {
      trancheId: 'tranche-1',
      amountCents: trancheCents,
      period: { from: '2017-08-01', to: '2018-07-31' },
      justification: 'pre-financing',
    });
    await command(disbursements, `${tranche}/approval`, ['delegation-officer'], officer);
    await command(disbursements, `${tranche}/payment`, ['hq-finance'], {}, { amountCents: trancheCents, valueDate: '2017-09-15', paymentReference: 'PAY-2017-0915-01' });

    // Reporting reads both topics; the payment is the last event, so once it shows the rest has too.
    const byProject = await eventually('the payment in the finance view by project', () => financeView('project'), (rows) => rows.some((row) => row.key === reference && row.paidCents > 0));
    const figures = { projects: 1, committedCents, contractedCents, requestedCents: trancheCents, paidCents: trancheCents, absorptionRate: 0.3 };
    expect(byProject).toEqual([expect.objectContaining({ key: reference, ...figures })]);
    expect(await financeView('country')).toEqual([expect.objectContaining({ key: 'LY', ...figures })]);
    // A partner's row counts what is contracted with it: the commitment belongs to the project.
    expect(await financeView('partner')).toEqual([expect.objectContaining({ key: 'IOM', ...figures, committedCents: 0 })]);

    // The project register and the country factsheet's "EU support" carry the same figures.
    const hq = await token(['hq-analyst']);
    const ledgerFigures = { committedCents, contractedCents, paidCents: trancheCents };
    const entry = await eventually(
      'the figures in the project register',
      async () => (await request(reporting).get(`/projects/${reference}`).set('Authorization', `Bearer ${hq}`)).body,
      (body) => body.finance?.paidCents === trancheCents,
    );
    expect(entry.finance).toEqual(ledgerFigures);
    const factsheet = await request(reporting).get('/countries/LY/factsheet').set('Authorization', `Bearer ${hq}`);
    expect(factsheet.body.euSupport.finance).toEqual({ ...ledgerFigures, projectsWithoutData: 0 });
    const page = await openThroughReportLink(reporting, '/countries/LY/factsheet.html', hq);
    expect(page.text).toContain('€90 million committed, €40 million contracted, €12 million paid');

    const csv = await request(reporting).get('/finance/partner/rows.csv').set('Authorization', `Bearer ${await token(['implementing-partner'], partner)}`);
    expect(csv.text).toContain(`partner,IOM,1,0,${contractedCents},${trancheCents},${trancheCents},0,0,0.3`);
    const otherPartner = await request(reporting).get('/finance/project').set('Authorization', `Bearer ${await token(['implementing-partner'], { org: 'GIZ' })}`);
    expect(otherPartner.body).toEqual([]);
  });
});
