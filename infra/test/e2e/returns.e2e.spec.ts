import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Role } from '@eutf/identity';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { eventually, ServiceProcesses, token, type Scope } from './e2e-support';

// A project and topics of this run's own, as in the other end-to-end suites: a projection sharing
// another suite's topics would skip our events as already applied.
const reference = `T05-EUTF-SAH-ML-${String(randomInt(10, 99))}-${String(randomInt(10, 99))}`;
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const topics = `e2e-returns-${run}`;
const schema = (service: string) => `e2e_${service}_${run}`;
const services = new ServiceProcesses();
let brokers: string;
let projects: string;
let returns: string;
let reporting: string;

const root = resolve(__dirname, '../../..');
const officer = { country: 'ML' };
const partner = { org: 'IOM' };
/** The GCM review of Mali (seeds 004_…): returns assisted by IOM from May 2017 to October 2020, and the reintegrations completed. */
const SOURCE_004 = { document: '004_f049d9a19f4b6321', page: null };
const period = { from: '2017-05', to: '2020-10' };

/** `what` names the request when several go to one path (its Idempotency-Key is the run, the path and it). */
async function post(service: string, path: string, roles: Role[], scope: Scope, body: object, what = '') {
  return request(service)
    .post(path)
    .set('Authorization', `Bearer ${await token(roles, scope)}`)
    .set('Idempotency-Key', `${run}${path.replace(/[^A-Za-z0-9._:-]/g, ':')}${what}`)
    .send(body);
}

/** A partner's report; the first may reach returns before the project does, and is sent again until it has. */
async function report(path: string, body: object, what = '') {
  const response = await eventually(
    `returns to know project ${reference}`,
    () => post(returns, path, ['implementing-partner'], partner, body, what),
    (answer) => answer.body.rule !== 'project-not-known',
  );
  // On a refusal, the problem (its rule and detail) is what the failure shows.
  expect(response.status === 201 ? 'accepted' : response.body).toBe('accepted');
}

const read = async (path: string, roles: Role[], scope: Scope = {}) => {
  const response = await request(reporting).get(path).set('Authorization', `Bearer ${await token(roles, scope)}`);
  expect([path, response.status]).toEqual([path, 200]);
  return response;
};

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka', 'mongodb']);
  brokers = endpoints.kafka;
  await createTopicNamespace(brokers, topics);
  const mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_returns_${run}`;
  [projects, returns, reporting] = await Promise.all([
    services.start('projects', { DATABASE_SCHEMA: schema('projects'), EUTF_TOPIC_NAMESPACE: topics }),
    services.start('returns', { DATABASE_SCHEMA: schema('returns'), EUTF_TOPIC_NAMESPACE: topics }),
    services.start('reporting', { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-returns-${run}`, EUTF_TOPIC_NAMESPACE: topics }),
  ]);
}, 120_000);

afterAll(async () => {
  await services.stopAll();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema('projects')}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${schema('returns')}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${schema('returns')}_projects_view" CASCADE`);
  await pool.end();
  if (brokers) await deleteTopicNamespace(brokers, topics);
});

describe('returns and reintegration, end to end through the real Kafka, PostgreSQL and MongoDB-wire servers', () => {
  it("a partner's period reports reach reporting's returns and reintegration views and Mali's factsheet, with their source, each reader in its scope", async () => {
    const registered = await post(projects, '/projects', ['delegation-officer'], officer, {
      reference,
      title: 'Strengthening migration management and the reintegration of returning migrants in Mali',
      window: 'SAH',
      countries: ['ML'],
      implementingPartners: ['IOM'],
      euContributionCents: 15_000_000_00,
      startDate: '2017-04-01',
      endDate: '2020-12-31',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [3], gcmObjectives: [], ponamAxes: [] },
    });
    expect(registered.status).toBe(201);

    await report(`/returns/projects/${reference}/period-reports`, { reportId: 'ml-returns-2017-05-2020-10', hostCountry: null, countryOfOrigin: 'ML', period, count: 17_181, valueQualifier: 'exact', source: SOURCE_004 });
    await report(`/reintegration/projects/${reference}/period-reports`, { reportId: 'ml-completed-2017-05-2020-10', countryOfReturn: 'ML', stage: 'completed', period, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 });

    const returned = { projectId: reference, partner: 'IOM', period, count: 17_181, valueQualifier: 'exact', source: SOURCE_004 };
    const completed = { projectId: reference, partner: 'IOM', period, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 };
    const returnsView = await eventually(
      'the period returns in the returns views',
      async () => (await read('/returns', ['hq-analyst'])).body,
      (body) => body.figures?.length > 0,
    );
    // The report names no host country: its figure stands in the "not split" column of Mali's row.
    expect(returnsView.figures).toEqual([expect.objectContaining(returned)]);
    expect(returnsView.byOriginAndHost).toEqual(expect.objectContaining({ rows: ['ML'], columns: ['not split'], cells: [[17_181]], total: 17_181 }));
    expect((await read('/returns/by-origin-and-host.csv', ['hq-analyst'])).text).toBe('origin,not split,total\nML,17181,17181\ntotal,17181,17181\n');

    const byCountry = await eventually(
      'the completed reintegrations in the reintegration views',
      async () => (await read('/reintegration/country', ['hq-analyst'])).body,
      (body) => body.figures?.length > 0,
    );
    expect(byCountry.figures).toEqual([expect.objectContaining(completed)]);
    expect(byCountry.table).toEqual(expect.objectContaining({ rows: ['ML'], columns: ['started', 'completed', 'abandoned'], cells: [[0, 6_760, 0]], total: 6_760 }));
    // A period report gives the country only: by sex it is "not split", never guessed.
    expect((await read('/reintegration/sex/table.csv', ['hq-analyst'])).text).toBe('sex,started,completed,abandoned,total\nnot split,0,6760,0,6760\ntotal,0,6760,0,6760\n');

    // Mali's officer and the reporting partner see the figures; another country's officer and another partner nothing.
    expect((await read('/returns', ['delegation-officer'], officer)).body.figures).toEqual([expect.objectContaining(returned)]);
    expect((await read('/reintegration/country', ['implementing-partner'], partner)).body.figures).toEqual([expect.objectContaining(completed)]);
    expect((await read('/returns', ['delegation-officer'], { country: 'NE' })).body.figures).toEqual([]);
    expect((await read('/reintegration/country', ['implementing-partner'], { org: 'GIZ' })).body).toEqual(expect.objectContaining({ figures: [], table: expect.objectContaining({ rows: [], total: 0 }) }));

    // Mali's factsheet shows both among its results, with their source, as JSON and as its page.
    const factsheet = (await read('/countries/ML/factsheet', ['delegation-officer'], officer)).body;
    expect(factsheet.results.returnsAndReintegration).toEqual([expect.objectContaining(returned), expect.objectContaining(completed)]);
    const page = (await read('/countries/ML/factsheet.html', ['hq-analyst'])).text;
    expect(page).toContain('<td class="n">17,181</td><td class="code">004_f049d9a19f4b6321</td>');
    expect(page).toContain('<td class="n">6,760</td><td class="code">004_f049d9a19f4b6321</td>');

    // The project register shows them too, with the project, to headquarters, Mali's officer and the partner.
    for (const [roles, scope] of [[['hq-analyst'], {}], [['delegation-officer'], officer], [['implementing-partner'], partner]] as Array<[Role[], Scope]>) {
      const entry = (await read(`/projects/${reference}`, roles, scope)).body;
      expect(entry.returns.figures).toEqual([expect.objectContaining(returned), expect.objectContaining(completed)]);
      expect(entry.returns.byOriginAndHost).toEqual(expect.objectContaining({ rows: ['ML'], columns: ['not split'], total: 17_181 }));
      expect(entry.returns.reintegrationByCountry).toEqual(expect.objectContaining({ rows: ['ML'], cells: [[0, 6_760, 0]] }));
    }
    const listed = (await read('/projects?country=ML', ['hq-analyst'])).body.projects.find((project: { projectId: string }) => project.projectId === reference);
    expect(listed.returns.figures).toEqual([expect.objectContaining(returned), expect.objectContaining(completed)]);
  });

  it('loads the demo returns through the public APIs once: Mali\'s 17,181 and 6,760 and Libya\'s more than 4,000 with their sources, each counted once', async () => {
    // The sources give no commitment the funding ledger can record, so the loader never calls it: no disbursements service here.
    const loadSeeds = () =>
      new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [join(root, 'infra', 'bin', 'seed.mjs'), projects, 'http://127.0.0.1:9', returns], { cwd: root, env: process.env });
        let output = '';
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? done(output) : fail(new Error(`the seed loader exited with ${code}: ${output}`))));
      });
    const firstRun = await loadSeeds();
    expect(firstRun).toContain('demo data: returns: 3 period reports recorded, 0 already there');
    // The Government of Mali's figures of its GCM review (001_…) are its own, not a partner's returns.
    expect(firstRun).toContain('placed elsewhere: 10000 (001_ce7e31efc7ac2b9a.txt, gcm-review-mali.json nationals-in-distress-assisted)');
    const secondRun = await loadSeeds();
    expect(secondRun).toMatch(/demo data: 0 commands recorded, [1-9]\d* already there/);
    expect(secondRun).toContain('demo data: returns: 0 period reports recorded, 3 already there');

    const seeded = (figures: Array<{ projectId: string }>) => figures.filter((figure) => ['ml-eu-iom-joint-initiative', 'ly-iom-avrr-programme'].includes(figure.projectId));
    const SOURCE_002 = { document: '002_21535fd7b2306ce6', page: null };
    const maliReturned = { projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', period, count: 17_181, valueQualifier: 'exact', source: SOURCE_004 };
    const maliCompleted = { projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', period, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 };
    const libya = { projectId: 'ly-iom-avrr-programme', partner: 'IOM', period: { from: '2017-01', to: '2017-06' }, count: 4_000, valueQualifier: 'more-than', source: SOURCE_002 };
    const returnsView = await eventually(
      'the seeded period returns in the returns views',
      async () => (await read('/returns', ['hq-analyst'])).body,
      (body) => seeded(body.figures ?? []).length === 2,
    );
    expect(seeded(returnsView.figures)).toEqual(expect.arrayContaining([expect.objectContaining(maliReturned), expect.objectContaining(libya)]));
    // Libya is the host country; the source gives no country of origin, so the figure stands in the "not split" row of Libya's column.
    const byRoute = returnsView.byOriginAndHost;
    expect(byRoute.columns).toContain('LY');
    expect(byRoute.cells[byRoute.rows.indexOf('not split')][byRoute.columns.indexOf('LY')]).toBe(4_000);

    const reintegration = await eventually(
      'the seeded completed reintegrations',
      async () => (await read('/reintegration/country', ['hq-analyst'])).body,
      (body) => seeded(body.figures ?? []).length === 1,
    );
    expect(seeded(reintegration.figures)).toEqual([expect.objectContaining(maliCompleted)]);

    // Mali's factsheet: the returns service's figures with their source, and no indicator result repeating them.
    const factsheet = (await read('/countries/ML/factsheet', ['hq-analyst'])).body;
    expect(seeded(factsheet.results.returnsAndReintegration)).toEqual([expect.objectContaining(maliReturned), expect.objectContaining(maliCompleted)]);
    const seededLines = factsheet.results.approved.filter((line: { projectId: string }) => line.projectId === 'ml-eu-iom-joint-initiative');
    expect(seededLines).toEqual([]);
    const page = (await read('/countries/ML/factsheet.html', ['hq-analyst'])).text;
    expect(page).toContain('<td class="n">17,181</td><td class="code">004_f049d9a19f4b6321</td>');
    expect(page).toContain('<td class="n">6,760</td><td class="code">004_f049d9a19f4b6321</td>');
  }, 120_000);

  it("a partner's spreadsheet of monthly returns, uploaded to the service's own process, reaches the returns by host country; the same file again changes nothing", async () => {
    const file = 'reportId,hostCountry,countryOfOrigin,month,count,valueQualifier\r\nly-ne-2021-01,LY,NE,2021-01,61,exact\r\nly-ne-2021-02,LY,NE,2021-02,48,exact\r\n';
    const send = async () =>
      request(returns)
        .post(`/returns/projects/${reference}/monthly-returns-spreadsheet`)
        .set('Authorization', `Bearer ${await token(['implementing-partner'], partner)}`)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(file, 'utf8'));
    const first = await send();
    expect([first.status, first.body.eventIds?.length]).toEqual([201, 2]);
    const again = await send();
    expect([again.status, again.body.replayed, again.body.eventIds]).toEqual([201, true, first.body.eventIds]);
    const view = await eventually(
      'the uploaded months in the returns views',
      async () => (await read('/returns', ['hq-analyst'])).body,
      (body) => body.byOriginAndHost?.rows?.includes('NE'),
    );
    const { rows, columns, cells } = view.byOriginAndHost;
    expect(cells[rows.indexOf('NE')][columns.indexOf('LY')]).toBe(61 + 48);
  });

  it('shows the table by origin and host and the table by month and host suppressed together, in JSON and in both CSVs alike: the same host totals, nothing small', async () => {
    // Operations of 2021 (after the period Mali's 17,181 claim), one of 3 alone in its month, and period figures of 2 and 30 returned from Morocco.
    const operations = [
      { operationId: `${run}-dz-ml-2021-02`, hostCountry: 'DZ', countryOfOrigin: 'ML', departedOn: '2021-02-10', count: 3 },
      { operationId: `${run}-dz-ne-2021-03`, hostCountry: 'DZ', countryOfOrigin: 'NE', departedOn: '2021-03-05', count: 60 },
      { operationId: `${run}-dz-ml-2021-03`, hostCountry: 'DZ', countryOfOrigin: 'ML', departedOn: '2021-03-20', count: 40 },
    ];
    for (const { operationId, hostCountry, countryOfOrigin, departedOn, count } of operations) {
      const departed = [{ sex: 'male', ageBand: '25-34', count }];
      await report(`/returns/projects/${reference}/operations`, { operationId, kind: 'charter', hostCountry, countryOfOrigin, departedOn, departed, vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } }, operationId);
      const arrived = await post(returns, `/returns/projects/${reference}/arrivals`, ['implementing-partner'], partner, { operationId, arrivedOn: departedOn, arrived: count }, operationId);
      expect(arrived.status === 200 ? 'arrived' : arrived.body).toBe('arrived');
    }
    const quarter = { from: '2021-04', to: '2021-06' };
    await report(`/returns/projects/${reference}/period-reports`, { reportId: `${run}-ma-ne`, hostCountry: 'MA', countryOfOrigin: 'NE', period: quarter, count: 2, valueQualifier: 'exact', source: null }, 'ma-ne');
    await report(`/returns/projects/${reference}/period-reports`, { reportId: `${run}-ma-sn`, hostCountry: 'MA', countryOfOrigin: 'SN', period: quarter, count: 30, valueQualifier: 'exact', source: null }, 'ma-sn');

    const view = await eventually(
      'the operations and the Moroccan figures in the returns views',
      async () => (await read('/returns', ['hq-analyst'])).body,
      (body) => body.byMonthAndHost?.rows?.includes('2021-03') && body.byOriginAndHost?.rows?.includes('SN'),
    );
    const { byOriginAndHost, byMonthAndHost } = view;
    // The period figures have no month: they stand in a row of their own, so both tables count everybody by the same hosts.
    expect(byMonthAndHost.rows).toEqual(['2021-02', '2021-03', 'period, not split by month']);
    expect(byMonthAndHost.columns).toEqual(byOriginAndHost.columns);
    expect(byMonthAndHost.columnTotals).toEqual(byOriginAndHost.columnTotals);
    expect(byMonthAndHost.total).toBe(byOriginAndHost.total);
    expect(byMonthAndHost.cells[0][byMonthAndHost.columns.indexOf('DZ')]).toBeNull();
    const counts = (table: { cells: Array<Array<number | null>>; rowTotals: Array<number | null>; columnTotals: Array<number | null>; total: number | null }) => [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
    expect([...counts(byOriginAndHost), ...counts(byMonthAndHost)].filter((count) => count !== null && count > 0 && count < 5)).toEqual([]);
    expect(view.figures.filter((figure: { count: number | null }) => figure.count === 2)).toEqual([]);

    // Whoever downloads both CSVs sees exactly the cells the JSON shows.
    const csvOf = (table: { rows: string[]; columns: string[]; cells: Array<Array<number | null>>; rowTotals: Array<number | null>; columnTotals: Array<number | null>; total: number | null }, corner: string) => {
      const cell = (text: string) => (/[",]/.test(text) ? `"${text}"` : text);
      const show = (count: number | null) => (count === null ? 'suppressed' : String(count));
      const lines = [[corner, ...table.columns, 'total'].map(cell), ...table.rows.map((row, i) => [cell(row), ...(table.cells[i] ?? []).map(show), show(table.rowTotals[i] ?? null)]), ['total', ...table.columnTotals.map(show), show(table.total)]];
      return `${lines.map((line) => line.join(',')).join('\n')}\n`;
    };
    expect((await read('/returns/by-origin-and-host.csv', ['hq-analyst'])).text).toBe(csvOf(byOriginAndHost, 'origin'));
    expect((await read('/returns/by-month-and-host.csv', ['hq-analyst'])).text).toBe(csvOf(byMonthAndHost, 'month'));

    // The project register's returns block shows the same two tables, for this project alone.
    const entry = (await read(`/projects/${reference}`, ['hq-analyst'])).body;
    expect(entry.returns.byMonthAndHost.columnTotals).toEqual(entry.returns.byOriginAndHost.columnTotals);
    expect(entry.returns.byMonthAndHost.rows).toEqual(['2021-02', '2021-03', 'period, not split by month']);
    expect([...counts(entry.returns.byOriginAndHost), ...counts(entry.returns.byMonthAndHost)].filter((count) => count !== null && count > 0 && count < 5)).toEqual([]);
  }, 120_000);
});
