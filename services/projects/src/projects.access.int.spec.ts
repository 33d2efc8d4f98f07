import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { EVENT_STORE, type EventStore } from '@eutf/event-sourcing';
import { mintDevelopmentToken, ROLES, type Role } from '@eutf/identity';
import { PROJECT_RULES, type ProjectsRule } from '@eutf/projects-domain';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { loadConfig } from '@eutf/service-runtime';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from './app.module';
import { environment } from './config';

const schema = `projects_access_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
let app: INestApplication;

/** Every command route, who may call it, and a body its schema refuses with the field it names. */
const routes: Array<{ method: 'post' | 'put'; path: string; roles: Role[]; invalid: object; field: string }> = [
  { method: 'post', path: '/projects', roles: ['delegation-officer'], invalid: { reference: 'T05-EUTF-SAH-ML-07', title: '' }, field: 'body.title' },
  { method: 'post', path: '/projects', roles: ['delegation-officer'], invalid: { reference: null, title: 'Known from documents', countries: ['ML'], objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] } }, field: 'body.projectId' },
  { method: 'post', path: '/projects/ml-eu-iom-joint-initiative/reference-assignment', roles: ['delegation-officer'], invalid: { reference: 'T05-EUTF- SAH-ML-13' }, field: 'body.reference' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/implementation-start', roles: ['delegation-officer'], invalid: { startedOn: '1 April' }, field: 'body.startedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/suspension', roles: ['delegation-officer'], invalid: {}, field: 'body.reason' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/closure', roles: ['delegation-officer'], invalid: { closedOn: 2020 }, field: 'body.closedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones', roles: ['delegation-officer'], invalid: { milestoneId: 'm1', title: 'x' }, field: 'body.dueDate' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones/m1/reached', roles: ['delegation-officer'], invalid: { reachedOn: '2017-13-01' }, field: 'body.reachedOn' },
  { method: 'post', path: '/projects/T05-EUTF-SAH-ML-07/milestones/m1/delays', roles: ['delegation-officer'], invalid: { newDueDate: '2017-12-31' }, field: 'body.reason' },
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

const scopeOf = (role: Role) => (role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});
const tokenFor = (role: Role) => mintDevelopmentToken({ subject: `${role}-probe`, roles: [role], ...scopeOf(role) }, process.env['EUTF_DEV_JWT_SECRET'] as string);
const call = (route: (typeof routes)[number], bearer?: string) => {
  const pending = request(app.getHttpServer())[route.method](route.path);
  return (bearer ? pending.set('Authorization', `Bearer ${bearer}`) : pending).send(route.invalid);
};

beforeAll(async () => {
  await requireInfrastructure(['postgresql', 'kafka']);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forConfig(loadConfig(environment, { ...process.env, DATABASE_SCHEMA: schema }))],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
});

afterAll(async () => {
  if (!app) return;
  await app.close();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describe('every command route of the projects service', () => {
  it.each(routes)('$method $path: 401 without a token, 403 for every other role, 400 naming $field for its own', async (route) => {
    expect((await call(route)).status).toBe(401);
    for (const role of ROLES) {
      const response = await call(route, await tokenFor(role));
      if (route.roles.includes(role)) {
        expect(response.status).toBe(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(route.field);
      } else {
        expect(response.status).toBe(403);
      }
    }
  });

  it('refuses an officer acting on another country before reading anything', async () => {
    const officerNE = await mintDevelopmentToken({ subject: 'officer-ne', roles: ['delegation-officer'], country: 'NE' }, process.env['EUTF_DEV_JWT_SECRET'] as string);
    const response = await request(app.getHttpServer())
      .post('/countries/ML/key-progress')
      .set('Authorization', `Bearer ${officerNE}`)
      .send({ entryId: 'k', date: null, description: 'd', source: null });
    expect(response.status).toBe(403);
    expect(response.body.type).toBe('https://eutf-monitoring/problems/forbidden');
  });

  it("walks every route in the order of a project's life: 401 without a token, 403 for every other role and out of scope, 2xx for its actor, then 409/422 naming a broken rule with the stream unchanged", async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const secret = process.env['EUTF_DEV_JWT_SECRET'] as string;
    const actors = {
      officer: await tokenFor('delegation-officer'),
      officerNE: await mintDevelopmentToken({ subject: 'officer-ne', roles: ['delegation-officer'], country: 'NE' }, secret),
      iom: await tokenFor('implementing-partner'),
      giz: await mintDevelopmentToken({ subject: 'giz', roles: ['implementing-partner'], org: 'GIZ' }, secret),
    };
    const id = `ml-walk-${randomUUID().slice(0, 8)}`;
    const project = `/projects/${id}`;
    const { resultId: _resultId, ...result } = ResultSubmitted.example;
    /** A step, and the request right after it that breaks a rule (by default the same request again). */
    type Step = {
      method: 'post' | 'put';
      path: string;
      body?: object;
      actor: 'officer' | 'iom';
      outOfScope: { actor: keyof typeof actors; status: number };
      thenBreaks: { rule: ProjectsRule; path?: string; body?: object };
    };
    const asOfficer = (path: string, body: object | undefined, thenBreaks: Step['thenBreaks']): Step => ({
      method: 'post',
      path,
      body,
      actor: 'officer',
      outOfScope: { actor: 'officerNE', status: 403 },
      thenBreaks,
    });
    // A partner that does not implement the project breaks a domain rule of the project (422), per DOMAIN.md.
    const asPartner = (method: 'post' | 'put', path: string, body: object, thenBreaks: Step['thenBreaks']): Step => ({
      method,
      path,
      body,
      actor: 'iom',
      outOfScope: { actor: 'giz', status: 422 },
      thenBreaks,
    });
    const again = (rule: ProjectsRule) => ({ rule });
    const steps: Step[] = [
      asOfficer('/projects', { reference: null, projectId: id, title: 'Walked through', countries: ['ML'], implementingPartners: ['IOM'], objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] } }, again('project-already-registered')),
      asOfficer(`${project}/reference-assignment`, { reference: 'T05-EUTF-SAH-ML-77' }, again('reference-already-assigned')),
      asOfficer(`${project}/implementation-start`, { startedOn: '2017-05' }, again('implementation-already-started')),
      asOfficer(`${project}/suspension`, { reason: 'Security situation' }, again('only-implementation-suspends')),
      asOfficer(`${project}/resumption`, undefined, again('project-not-suspended')),
      asOfficer(`${project}/milestones`, { milestoneId: 'm1', title: 'Counselling centre open', dueDate: '2017-09-30' }, again('milestone-already-defined')),
      asOfficer(`${project}/milestones/m1/delays`, { newDueDate: '2017-12-31', reason: 'Premises handed over late' }, { rule: 'milestone-not-defined', path: `${project}/milestones/m9/delays` }),
      asOfficer(`${project}/milestones/m1/reached`, { reachedOn: '2017-12-01', evidenceLinks: [] }, again('milestone-already-reached')),
      asOfficer(`${project}/indicators`, IndicatorDefined.example, again('indicator-already-defined')),
      asPartner('put', `${project}/results/r1/draft`, result, { rule: 'indicator-not-defined', body: { ...result, indicatorId: 'jobs' } }),
      asPartner('post', `${project}/results/r1/submission`, result, again('result-pending-approval')),
      asOfficer(`${project}/results/r1/return`, { reason: 'Please add the age bands' }, again('result-not-pending')),
      asPartner('post', `${project}/results/r1/submission`, result, again('result-pending-approval')),
      asOfficer(`${project}/results/r1/approval`, undefined, again('result-not-pending')),
      asOfficer(`${project}/locked-periods`, { period: result.period }, again('period-already-locked')),
      asOfficer(`${project}/closure`, { closedOn: '2020-03-31' }, again('project-already-closed')),
      asOfficer('/countries/ML/high-level-engagements', { entryId: `${id}-e`, date: '2016-11', level: 'ministerial', description: 'Visit', source: null }, again('entry-already-recorded')),
      asOfficer('/countries/ML/key-progress', { entryId: `${id}-k`, date: null, description: 'Border strategy', source: null }, again('entry-already-recorded')),
      asOfficer('/countries/ML/eu-support-measures', { entryId: `${id}-s`, description: 'Liaison officer deployed', amountCents: null, source: null }, again('entry-already-recorded')),
      asOfficer('/countries/ML/next-steps', { entryId: `${id}-n`, description: 'Technical mission', dueDate: null, source: null }, again('entry-already-recorded')),
      asOfficer(`/countries/ML/next-steps/${id}-n/completion`, { completedOn: '2017-06-30' }, again('next-step-already-completed')),
    ];
    const allowedRole: Record<Step['actor'], Role> = { officer: 'delegation-officer', iom: 'implementing-partner' };
    for (const step of steps) {
      const send = (bearer?: string, path = step.path, body = step.body) => {
        const pending = request(app.getHttpServer())[step.method](path);
        return (bearer ? pending.set('Authorization', `Bearer ${bearer}`) : pending).send(body ?? {});
      };
      const seen: Record<string, number> = { none: (await send()).status };
      for (const role of ROLES.filter((candidate) => candidate !== allowedRole[step.actor])) seen[role] = (await send(await tokenFor(role))).status;
      seen[step.outOfScope.actor] = (await send(actors[step.outOfScope.actor])).status;
      const own = await send(actors[step.actor]);
      seen[step.actor] = own.status;
      const expected: Record<string, number> = { none: 401 };
      for (const role of ROLES.filter((candidate) => candidate !== allowedRole[step.actor])) expected[role] = 403;
      expected[step.outOfScope.actor] = step.outOfScope.status;
      expected[step.actor] = step.method === 'post' && /\/(projects|milestones|indicators|locked-periods|high-level-engagements|key-progress|eu-support-measures|next-steps)$/.test(step.path) ? 201 : 200;
      expect({ step: `${step.method.toUpperCase()} ${step.path}`, ...seen }).toEqual({ step: `${step.method.toUpperCase()} ${step.path}`, ...expected });

      // Then a request that breaks a rule of this command: refused naming the rule, nothing written.
      const streamId = step.path.startsWith('/countries/') ? 'country-partnership-ML' : `project-${id}`;
      const before = (await store.readStream(streamId)).streamVersion;
      const broken = await send(actors[step.actor], step.thenBreaks.path, step.thenBreaks.body);
      expect({ step: step.path, status: broken.status, rule: broken.body.rule }).toEqual({
        step: step.path,
        status: PROJECT_RULES[step.thenBreaks.rule].status,
        rule: step.thenBreaks.rule,
      });
      expect((await store.readStream(streamId)).streamVersion).toBe(before);
    }
  });
});
