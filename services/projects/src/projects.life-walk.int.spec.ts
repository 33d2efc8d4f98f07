import { randomUUID } from 'node:crypto';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { ROLES, type Role } from '@eutf/identity';
import { PROJECT_RULES, type ProjectsRule } from '@eutf/projects-domain';
import { officer, partner, projectsAppForSpec, tokenAs } from './test-support/projects-app';

const service = projectsAppForSpec('walk');

describe("a project's life, route by route", () => {
  it("walks every route in the order of a project's life: 401 without a token, 403 for every other role and out of scope, 2xx for its actor, then 409/422 naming a broken rule with the stream unchanged", async () => {
    const actors = { officer: await officer('ML'), officerNE: await officer('NE'), iom: await partner('IOM'), giz: await partner('GIZ') };
    const id = `ml-walk-${randomUUID().slice(0, 8)}`;
    const project = `/projects/${id}`;
    const { resultId: _resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] as string[] };
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
      // Another country's officer: a project of Mali is not there for it (404, as for an unknown id);
      // registering one in Mali or writing Mali's partnership is refused (403).
      outOfScope: { actor: 'officerNE', status: path.startsWith(`${project}/`) ? 404 : 403 },
      thenBreaks,
    });
    // A partner that does not implement the project is told no more than if it did not exist (404).
    const asPartner = (method: 'post' | 'put', path: string, body: object, thenBreaks: Step['thenBreaks']): Step => ({
      method,
      path,
      body,
      actor: 'iom',
      outOfScope: { actor: 'giz', status: 404 },
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
      asOfficer(`${project}/milestones/m1/due-date-correction`, { dueDate: '2017-10-31' }, { rule: 'milestone-not-defined', path: `${project}/milestones/m9/due-date-correction` }),
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
      const send = (bearer?: string, path = step.path, body = step.body) => service.send(step.method, path, bearer, body);
      const seen: Record<string, number> = { none: (await send()).status };
      for (const role of ROLES.filter((candidate) => candidate !== allowedRole[step.actor])) seen[role] = (await send(await tokenAs(role))).status;
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
      const before = (await service.store.readStream(streamId)).streamVersion;
      const broken = await send(actors[step.actor], step.thenBreaks.path, step.thenBreaks.body);
      expect({ step: step.path, status: broken.status, rule: broken.body.rule }).toEqual({
        step: step.path,
        status: PROJECT_RULES[step.thenBreaks.rule].status,
        rule: step.thenBreaks.rule,
      });
      expect((await service.store.readStream(streamId)).streamVersion).toBe(before);
    }
  });
});
