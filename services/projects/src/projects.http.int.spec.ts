import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { EVENT_STORE, type EventStore } from '@eutf/event-sourcing';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { ProblemDetailsFilter, loadConfig } from '@eutf/platform';
import { untilReady } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from './app.module';
import { environment } from './config';

const schema = `projects_spec_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const reference = 'T05-EUTF-SAH-ML-07';
let app: INestApplication;
let store: EventStore;

const token = (roles: Role[], scope: { country?: string; org?: string } = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
const officerML = () => token(['delegation-officer'], { country: 'ML' });
const officerNE = () => token(['delegation-officer'], { country: 'NE' });
const iom = () => token(['implementing-partner'], { org: 'IOM' });
const giz = () => token(['implementing-partner'], { org: 'GIZ' });

const registration = {
  reference,
  title: 'Strengthening the management and governance of migration and the return and reintegration of migrants in Mali',
  window: 'SAH',
  countries: ['ML'],
  implementingPartners: ['IOM'],
  euContributionCents: 15_000_000_00,
  startDate: '2017-04-01',
  endDate: '2020-03-31',
  objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
};
const { resultId, ...result } = ResultSubmitted.example;

const post = async (path: string, bearer: string | undefined, body?: object, headers: Record<string, string> = {}) => {
  let call = request(app.getHttpServer()).post(path).set(headers);
  if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
  return call.send(body ?? {});
};
const versionOf = async (streamId: string) => (await store.readStream(streamId)).streamVersion;

beforeAll(async () => {
  await requireInfrastructure(['postgresql', 'kafka']);
  const config = loadConfig(environment, { ...process.env, DATABASE_SCHEMA: schema });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  app = moduleRef.createNestApplication({ logger: ['error'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  store = app.get(EVENT_STORE);
  await untilReady(app);
});

afterAll(async () => {
  if (!app) return;
  // The relay stops with the app; only then does the schema go.
  await app.close();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describe('the projects service over HTTP, on the real PostgreSQL and Kafka', () => {
  it('takes a project from registration to an approved result', async () => {
    const registered = await post('/projects', await officerML(), registration);
    expect(registered.status).toBe(201);
    expect(registered.headers['etag']).toBe('"1"');
    expect(registered.headers['location']).toBe(`/projects/${reference}`);
    expect((await post(`/projects/${reference}/indicators`, await officerML(), IndicatorDefined.example)).status).toBe(201);
    expect((await post(`/projects/${reference}/implementation-start`, await officerML(), { startedOn: '2017-04-01' })).status).toBe(200);

    const submitted = await post(`/projects/${reference}/results/${resultId}/submission`, await iom(), result);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ streamId: `project-${reference}`, streamVersion: '4', replayed: false });

    const approved = await post(`/projects/${reference}/results/${resultId}/approval`, await officerML());
    expect(approved.status).toBe(200);
    expect(approved.headers['etag']).toBe('"5"');
    const { events } = await store.readStream(`project-${reference}`);
    expect(events.map((event) => event.type)).toEqual([
      'ProjectRegistered',
      'IndicatorDefined',
      'ProjectImplementationStarted',
      'ResultSubmitted',
      'ResultApproved',
    ]);
    expect(events[3]?.metadata.actor).toEqual({ subject: 'implementing-partner-IOM', role: 'implementing-partner', org: 'IOM' });
  });

  it('answers invalid input with 400 naming the field, and writes nothing', async () => {
    const malformed = await post('/projects', await officerML(), { ...registration, reference: 'T05-EUTF- SAH-ML-13' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'body.reference', message: expect.stringMatching(/whitespace at position 9/) })]);
    const { title: _title, ...untitled } = registration;
    const missing = await post('/projects', await officerML(), { ...untitled, reference: 'T05-EUTF-SAH-ML-08' });
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.title']);
    expect(await versionOf('project-T05-EUTF-SAH-ML-08')).toBeNull();
  });

  it('answers a broken rule with 409 or 422 naming it, and leaves the stream unchanged', async () => {
    const before = await versionOf(`project-${reference}`);
    const twice = await post(`/projects/${reference}/results/${resultId}/approval`, await officerML());
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('result-not-pending');
    const stranger = await post(`/projects/${reference}/results/other/submission`, await giz(), { ...result, period: { from: '2018-01-01', to: '2018-06-30' } });
    expect(stranger.status).toBe(422);
    expect(stranger.body.rule).toBe('partner-not-implementing');
    expect((await post(`/projects/${reference}/locked-periods`, await officerML(), { period: { from: '2018-01-01', to: '2018-06-30' } })).status).toBe(201);
    const locked = await post(`/projects/${reference}/results/h2-2018/submission`, await iom(), { ...result, period: { from: '2018-01-01', to: '2018-06-30' } });
    expect(locked.status).toBe(409);
    expect(locked.body.rule).toBe('result-period-locked');
    expect(await versionOf(`project-${reference}`)).toBe((before ?? 0n) + 1n);
  });

  it('registers an action known only from documents under a provisional id, and gives it its reference later', async () => {
    const fromDocuments = {
      reference: null,
      projectId: 'ml-eu-iom-joint-initiative',
      title: 'EU-IOM Joint Initiative for Migrant Protection and Reintegration in Mali',
      countries: ['ML'],
      implementingPartners: ['IOM'],
      startDate: '2017-05',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [1, 21], ponamAxes: [3, 7] },
    };
    const noId = await post('/projects', await officerML(), { ...fromDocuments, projectId: undefined });
    expect(noId.status).toBe(400);
    expect(noId.body.errors).toEqual([expect.objectContaining({ field: 'body.projectId', message: expect.stringMatching(/required when there is no EUTF reference/) })]);
    const bothIds = await post('/projects', await officerML(), { ...fromDocuments, reference: 'T05-EUTF-SAH-ML-09' });
    expect(bothIds.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.projectId']);
    const vagueDay = await post('/projects', await officerML(), { ...fromDocuments, startDate: '2017-05-32' });
    expect(vagueDay.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.startDate']);

    const registered = await post('/projects', await officerML(), fromDocuments);
    expect(registered.status).toBe(201);
    expect(registered.headers['location']).toBe('/projects/ml-eu-iom-joint-initiative');
    const [recorded] = (await store.readStream('project-ml-eu-iom-joint-initiative')).events;
    expect(recorded?.data).toMatchObject({ reference: null, window: null, euContributionCents: null, adoptedOn: null, startDate: '2017-05', endDate: null });

    const indicator = { ...IndicatorDefined.example, indicatorId: 'returned-home', baseline: null, target: null };
    expect((await post('/projects/ml-eu-iom-joint-initiative/indicators', await officerML(), indicator)).status).toBe(201);
    const sinceStart = { ...result, indicatorId: 'returned-home', period: { from: null, to: '2020-10-31' }, value: 17_181, disaggregation: [] };
    expect((await post('/projects/ml-eu-iom-joint-initiative/results/returned-home-2020/submission', await iom(), sinceStart)).status).toBe(200);

    const malformed = await post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officerML(), { reference: 'T05-EUTF- SAH-ML-13' });
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'body.reference' })]);
    const assigned = await post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-04' });
    expect(assigned.status).toBe(200);
    const before = await versionOf('project-ml-eu-iom-joint-initiative');
    const again = await post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-05' });
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('reference-already-assigned');
    expect(await versionOf('project-ml-eu-iom-joint-initiative')).toBe(before);
    const badId = await post('/projects/ml_iom/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-04' });
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'params.projectId', message: expect.stringMatching(/provisional id/) })]);
  });

  it('never lets two projects share an EUTF reference', async () => {
    const provisional = (projectId: string) => ({
      reference: null,
      projectId,
      title: `Action ${projectId}`,
      countries: ['ML'],
      objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] },
    });
    for (const id of ['ml-first', 'ml-second']) expect((await post('/projects', await officerML(), provisional(id))).status).toBe(201);
    expect((await post('/projects/ml-first/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-41' })).status).toBe(200);

    const before = await versionOf('project-ml-second');
    const taken = await post('/projects/ml-second/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-41' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ rule: 'reference-taken', detail: 'T05-EUTF-SAH-ML-41 is the reference of project ml-first' });
    expect(await versionOf('project-ml-second')).toBe(before);
    const registeredUnderIt = await post('/projects', await officerML(), { ...registration, reference: 'T05-EUTF-SAH-ML-41' });
    expect(registeredUnderIt.body.rule).toBe('reference-taken');
    expect(await versionOf('project-T05-EUTF-SAH-ML-41')).toBeNull();
    // A project registered under its reference holds it too.
    const heldByRegistration = await post('/projects/ml-second/reference-assignment', await officerML(), { reference });
    expect(heldByRegistration.body.rule).toBe('reference-taken');

    // A refused assignment reserves nothing; two assignments racing for one project leave exactly
    // one reference reserved for it, the other free again.
    const unregistered = await post('/projects/ml-nowhere/reference-assignment', await officerML(), { reference: 'T05-EUTF-SAH-ML-42' });
    expect(unregistered.body.rule).toBe('project-not-registered');
    expect((await store.readStream('eutf-reference-T05-EUTF-SAH-ML-42')).streamVersion).toBeNull();
    expect((await post('/projects', await officerML(), provisional('ml-third'))).status).toBe(201);
    const racing = await Promise.all(
      ['T05-EUTF-SAH-ML-43', 'T05-EUTF-SAH-ML-44'].map(async (candidate) => post('/projects/ml-third/reference-assignment', await officerML(), { reference: candidate })),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);
    const holders = await Promise.all(
      ['T05-EUTF-SAH-ML-43', 'T05-EUTF-SAH-ML-44'].map(async (candidate) => {
        const events = (await store.readStream(`eutf-reference-${candidate}`)).events;
        return events.at(-1)?.type === 'EutfReferenceReserved' ? candidate : null;
      }),
    );
    const won = racing[0]?.status === 200 ? 'T05-EUTF-SAH-ML-43' : 'T05-EUTF-SAH-ML-44';
    expect(holders.filter((holder) => holder !== null)).toEqual([won]);
  });

  it('refuses without a token (401) and outside one\'s role or scope (403)', async () => {
    expect((await post('/projects', undefined, registration)).status).toBe(401);
    expect((await post('/projects', 'not-a-token', registration)).status).toBe(401);
    expect((await post('/projects', await iom(), registration)).status).toBe(403);
    expect((await post('/projects', await officerNE(), { ...registration, reference: 'T05-EUTF-SAH-ML-09' })).status).toBe(403);
    const approveElsewhere = await post(`/projects/${reference}/results/${resultId}/approval`, await officerNE());
    expect(approveElsewhere.status).toBe(403);
    expect((await post('/countries/ML/next-steps', await officerNE(), { entryId: 'x', description: 'y', dueDate: null, source: null })).status).toBe(403);
  });

  it('returns the first result for a retried request with the same Idempotency-Key, and refuses the key for another request', async () => {
    const key = `milestone-${randomUUID()}`;
    const milestone = { milestoneId: 'm1', title: 'Reintegration counselling centre open in Bamako', dueDate: '2017-09-30' };
    const first = await post(`/projects/${reference}/milestones`, await officerML(), milestone, { 'Idempotency-Key': key });
    const again = await post(`/projects/${reference}/milestones`, await officerML(), milestone, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await post(`/projects/${reference}/milestones`, await officerML(), { ...milestone, milestoneId: 'm2' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
  });

  it('refuses a command whose If-Match is not the current version with 409', async () => {
    const stale = await post(`/projects/${reference}/suspension`, await officerML(), { reason: 'Security situation' }, { 'If-Match': '"2"' });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('https://eutf-monitoring/problems/concurrency-conflict');
  });

  it("records the country's partnership, by its officer", async () => {
    const engagement = { entryId: `visit-${randomUUID()}`, date: '2016-11-10', level: 'ministerial', description: 'Visit to Bamako', source: null };
    const recorded = await post('/countries/ML/high-level-engagements', await officerML(), engagement);
    expect(recorded.status).toBe(201);
    const again = await post('/countries/ML/high-level-engagements', await officerML(), engagement);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('entry-already-recorded');
  });
});
