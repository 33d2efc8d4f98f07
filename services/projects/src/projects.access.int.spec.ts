import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { ROLES, type Role } from '@eutf/identity';
import { officer, partner, projectsAppForSpec, tokenAs } from './test-support/projects-app';

const service = projectsAppForSpec('access');

/** Every command route, who may call it, and a body its schema refuses with the field it names. */
const routes: Array<{ method: 'post' | 'put'; path: string; roles: Role[]; invalid: object; field: string }> = [
  { method: 'post', path: '/projects', roles: ['delegation-officer'], invalid: { reference: 'T05-EUTF-SAH-ML-07', title: '' }, field: 'body.title' },
  { method: 'post', path: '/projects', roles: ['delegation-officer'], invalid: { reference: null, title: 'Known from documents', countries: ['ML'], objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] } }, field: 'body.projectId' },
  { method: 'post', path: '/projects', roles: ['delegation-officer'], invalid: { reference: 'T05-EUTF-REG-REG-01', title: 'Regional', countries: ['ML', 'NE'], objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] } }, field: 'body.leadCountry' },
  { method: 'post', path: '/projects/ml-eu-iom-joint-initiative/reference-assignment', roles: ['delegation-officer'], invalid: { reference: 'T05-EUTF- SAH-ML-13' }, field: 'body.reference' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/implementation-start', roles: ['delegation-officer'], invalid: { startedOn: '1 April' }, field: 'body.startedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/suspension', roles: ['delegation-officer'], invalid: {}, field: 'body.reason' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/closure', roles: ['delegation-officer'], invalid: { closedOn: 2020 }, field: 'body.closedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones', roles: ['delegation-officer'], invalid: { milestoneId: 'm1', title: 'x' }, field: 'body.dueDate' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones/m1/reached', roles: ['delegation-officer'], invalid: { reachedOn: '2017-13-01' }, field: 'body.reachedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones/m1/delays', roles: ['delegation-officer'], invalid: { newDueDate: '2017-12-31' }, field: 'body.reason' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones/m1/due-date-correction', roles: ['delegation-officer'], invalid: { dueDate: '31 October' }, field: 'body.dueDate' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/indicators', roles: ['delegation-officer'], invalid: { indicatorId: 'i', title: 't', eutfIndicator: null, unit: 'people', baseline: -1, target: 1, measurement: 'cumulative', disaggregation: [] }, field: 'body.baseline' },
  { method: 'put', path: '/projects/T05-EUTF-SAH-ML-07/results/r1/draft', roles: ['implementing-partner'], invalid: { indicatorId: 'i' }, field: 'body.period' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/results/r1/submission', roles: ['implementing-partner'], invalid: { indicatorId: 'i', period: { from: '2017-01-01', to: '2017-06-30' }, value: 'many', disaggregation: [], narrative: '', evidenceLinks: [] }, field: 'body.value' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/results/r1/return', roles: ['delegation-officer'], invalid: { reason: '' }, field: 'body.reason' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/locked-periods', roles: ['delegation-officer'], invalid: { period: { from: '2017-01-01' } }, field: 'body.period.to' },
  { method: 'post', path: '/countries/ML/high-level-engagements', roles: ['delegation-officer'], invalid: { entryId: 'e', date: 'soon', level: 'ministerial', description: 'd', source: null }, field: 'body.date' },
  { method: 'post', path: '/countries/ML/key-progress', roles: ['delegation-officer'], invalid: { entryId: 'k', date: null, source: null }, field: 'body.description' },
  { method: 'post', path: '/countries/ML/eu-support-measures', roles: ['delegation-officer'], invalid: { entryId: 's', description: 'd', amountCents: 1.5, source: null }, field: 'body.amountCents' },
  { method: 'post', path: '/countries/ML/next-steps', roles: ['delegation-officer'], invalid: { description: 'd', dueDate: null, source: null }, field: 'body.entryId' },
  { method: 'post', path: '/countries/ML/next-steps/n1/completion', roles: ['delegation-officer'], invalid: { completedOn: 'yesterday' }, field: 'body.completedOn' },
];

const call = async (route: (typeof routes)[number], role?: Role) => service.send(route.method, route.path, role && (await tokenAs(role)), route.invalid);

describe('every command route of the projects service', () => {
  it.each(routes)('$method $path: 401 without a token, 403 for every other role, 400 naming $field for its own', async (route) => {
    expect((await call(route)).status).toBe(401);
    for (const role of ROLES) {
      const response = await call(route, role);
      if (route.roles.includes(role)) {
        expect(response.status).toBe(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(route.field);
      } else {
        expect(response.status).toBe(403);
      }
    }
  });

  it('refuses an officer acting on another country before reading anything', async () => {
    const response = await service.post('/countries/ML/key-progress', await officer('NE'), { entryId: 'k', date: null, description: 'd', source: null });
    expect(response.status).toBe(403);
    expect(response.body.type).toBe('https://eutf-monitoring/problems/forbidden');
  });
});

describe('a project in several countries, led by one', () => {
  const objectives = { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] };
  const registration = (projectId: string, fields: object) => ({ reference: null, projectId, title: 'Regional action', countries: ['ML', 'NE'], implementingPartners: ['IOM'], objectives, ...fields });
  const answer = (response: request.Response) => ({ status: response.status, rule: response.body.rule as string | undefined, fields: (response.body.errors ?? []).map((error: { field: string }) => error.field) });

  it('is registered naming its lead, one of its countries, by the lead country\'s officer only', async () => {
    const id = `reg-lead-${randomUUID().slice(0, 8)}`;
    const [ml, ne, sn] = [await officer('ML'), await officer('NE'), await officer('SN')];
    expect(answer(await service.post('/projects', ml, registration(id, {})))).toEqual({ status: 400, rule: undefined, fields: ['body.leadCountry'] });
    expect(answer(await service.post('/projects', ml, registration(id, { leadCountry: 'SN' })))).toEqual({ status: 400, rule: undefined, fields: ['body.leadCountry'] });
    expect(answer(await service.post('/projects', ne, registration(id, { leadCountry: 'ML' })))).toEqual({ status: 403, rule: 'officer-not-lead-country', fields: [] });
    expect((await service.post('/projects', sn, registration(id, { leadCountry: 'ML' }))).status).toBe(403);
    expect(await service.versionOf(`project-${id}`)).toBeNull();
    expect((await service.post('/projects', ml, registration(id, { leadCountry: 'ML' }))).status).toBe(201);
  });

  it("answers every officer command of the participating country's officer 403 officer-not-lead-country, of an unlisted country's 404 project-not-registered, and carries out the lead's; each of them reads its history", async () => {
    const id = `reg-walk-${randomUUID().slice(0, 8)}`;
    const project = `/projects/${id}`;
    const actors = { lead: await officer('ML'), participant: await officer('NE'), unlisted: await officer('SN'), iom: await partner('IOM') };
    expect((await service.post('/projects', actors.lead, registration(id, { leadCountry: 'ML' }))).status).toBe(201);
    const { resultId: _resultId, reportingOrg: _org, reportingSubject: _subject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger', evidenceLinks: [] as string[] };
    const submit = async (resultId: string) => expect((await service.post(`${project}/results/${resultId}/submission`, actors.iom, result)).status).toBe(200);
    // Each officer command in the order of the project's life, with what the lead's officer gets for it; `before` sets up what it needs.
    const steps: Array<{ path: string; body?: object; status: number; before?: () => Promise<void> }> = [
      { path: `${project}/reference-assignment`, body: { reference: 'T05-EUTF-SAH-ML-77' }, status: 200 },
      { path: `${project}/implementation-start`, body: { startedOn: '2017-05' }, status: 200 },
      { path: `${project}/suspension`, body: { reason: 'Security situation' }, status: 200 },
      { path: `${project}/resumption`, status: 200 },
      { path: `${project}/milestones`, body: { milestoneId: 'm1', title: 'Counselling centre open', dueDate: '2017-09-30' }, status: 201 },
      { path: `${project}/milestones/m1/delays`, body: { newDueDate: '2017-12-31', reason: 'Premises handed over late' }, status: 200 },
      { path: `${project}/milestones/m1/due-date-correction`, body: { dueDate: '2017-10-31' }, status: 200 },
      { path: `${project}/milestones/m1/reached`, body: { reachedOn: '2017-12-01', evidenceLinks: [] }, status: 200 },
      { path: `${project}/indicators`, body: IndicatorDefined.example, status: 201 },
      { path: `${project}/results/r1/return`, body: { reason: 'Please add the age bands' }, status: 200, before: () => submit('r1') },
      { path: `${project}/results/r1/approval`, status: 200, before: () => submit('r1') },
      { path: `${project}/locked-periods`, body: { period: { from: '2018-01-01', to: '2018-06-30' } }, status: 201 },
      { path: `${project}/closure`, body: { closedOn: '2020-03-31' }, status: 200 },
    ];
    for (const step of steps) {
      await step.before?.();
      const before = await service.versionOf(`project-${id}`);
      const participant = await service.post(step.path, actors.participant, step.body);
      const unlisted = await service.post(step.path, actors.unlisted, step.body);
      expect({ step: step.path, participant: answer(participant).rule, unlisted: answer(unlisted).rule, statuses: [participant.status, unlisted.status] }).toEqual({
        step: step.path,
        participant: 'officer-not-lead-country',
        unlisted: 'project-not-registered',
        statuses: [403, 404],
      });
      expect(await service.versionOf(`project-${id}`)).toBe(before);
      expect({ step: step.path, lead: (await service.post(step.path, actors.lead, step.body)).status }).toEqual({ step: step.path, lead: step.status });
    }
    const history = (bearer: string) => request(service.app.getHttpServer()).get(`${project}/history`).set('Authorization', `Bearer ${bearer}`);
    expect([(await history(actors.lead)).status, (await history(actors.participant)).status, (await history(actors.unlisted)).status]).toEqual([200, 200, 404]);
    expect((await history(actors.participant)).body.entries.length).toBe((await history(actors.lead)).body.entries.length);
  });
});
