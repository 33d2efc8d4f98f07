import { ROLES, type Role } from '@eutf/identity';
import { partner, returnsAppForSpec, tokenAs } from './test-support/returns-app';

const service = returnsAppForSpec('access');
const project = '/returns/projects/ml-eu-iom-joint-initiative';
const reintegration = '/reintegration/projects/ml-eu-iom-joint-initiative';

const operation = {
  operationId: 'ly-ml-2017-05-charter-1',
  kind: 'charter',
  hostCountry: 'LY',
  countryOfOrigin: 'ML',
  departedOn: '2017-05-18',
  departed: [{ sex: 'male', ageBand: '18-24', count: 40 }],
  vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 1, medicalCases: 0 },
};
const theCase = { caseId: 'IOM-ML-2018-000123', countryOfReturn: 'ML', regionOfReturn: 'ML-4', sex: 'male', ageBand: '18-24', registeredOn: '2018-02-12' };

/** Every command route, a body its schema accepts, and one it refuses with the field it names. */
const routes: Array<{ path: string; valid: object; invalid: object; field: string }> = [
  { path: `${project}/operations`, valid: operation, invalid: { ...operation, departedOn: '18 May' }, field: 'body.departedOn' },
  { path: `${project}/arrivals`, valid: { operationId: operation.operationId, arrivedOn: '2017-05-18', arrived: 40 }, invalid: { operationId: 'x', arrivedOn: '2017-05-18', arrived: 'forty' }, field: 'body.arrived' },
  { path: `${project}/cancellations`, valid: { operationId: 'another', cancelledOn: '2017-05-17', reason: 'security' }, invalid: { operationId: 'x', cancelledOn: '2017-05-17', reason: 'the returnee changed her mind' }, field: 'body.reason' },
  {
    path: `${project}/period-reports`,
    valid: { reportId: 'ly-2019', hostCountry: 'LY', countryOfOrigin: 'ML', period: { from: '2019-01', to: '2019-12' }, count: 300, valueQualifier: 'exact' },
    invalid: { reportId: 'r', hostCountry: 'Libya', countryOfOrigin: null, period: { from: null, to: '2019' }, count: 1, valueQualifier: 'exact' },
    field: 'body.hostCountry',
  },
  { path: `${reintegration}/cases`, valid: { cases: [theCase] }, invalid: { cases: [{ ...theCase, sex: 'F' }] }, field: 'body.cases.0.sex' },
  { path: `${reintegration}/plan-approvals`, valid: { caseId: theCase.caseId, areas: ['economic'], level: 'individual', approvedOn: '2018-03-01' }, invalid: { caseId: 'c', areas: [], level: 'individual', approvedOn: '2018-03-01' }, field: 'body.areas' },
  {
    path: `${reintegration}/assistance-deliveries`,
    valid: { caseId: theCase.caseId, assistanceId: 'a1', kind: 'cash', deliveredOn: '2018-04-10', valueCents: 45_000 },
    invalid: { caseId: 'c', assistanceId: 'a1', kind: 'cash', deliveredOn: '2018-04-10', valueCents: 450.5 },
    field: 'body.valueCents',
  },
  { path: `${reintegration}/completions`, valid: { caseId: theCase.caseId, completedOn: '2019-02-28' }, invalid: { caseId: 'Aminata Traoré', completedOn: '2019-02-28' }, field: 'body.caseId' },
  { path: `${reintegration}/abandonments`, valid: { caseId: 'IOM-ML-2018-000124', abandonedOn: '2018-09-30' }, invalid: { caseId: 'c' }, field: 'body.abandonedOn' },
  {
    path: `${reintegration}/period-reports`,
    valid: { reportId: 'ml-completed-2020', countryOfReturn: 'ML', stage: 'completed', period: { from: '2020-01', to: '2020-10' }, count: 120, valueQualifier: 'exact' },
    invalid: { reportId: 'r', countryOfReturn: 'ML', stage: 'finished', period: { from: null, to: '2020' }, count: 1, valueQualifier: 'exact' },
    field: 'body.stage',
  },
];

describe('every command route of the returns service', () => {
  beforeAll(async () => {
    await service.projectSeen('ml-eu-iom-joint-initiative', ['IOM']);
  });

  it.each(routes)('$path: 401 without a token, 403 for every other role, 400 naming $field for a partner', async (route) => {
    expect((await service.post(route.path, undefined, route.valid)).status).toBe(401);
    for (const role of ROLES) {
      const response = await service.post(route.path, await tokenAs(role as Role), route.invalid);
      if (role === 'implementing-partner') {
        expect(response.status).toBe(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(route.field);
      } else {
        expect(response.status).toBe(403);
      }
    }
  });

  it.each(routes)('$path: refuses an unknown field with 400, naming it', async (route) => {
    const response = await service.post(route.path, await partner('IOM'), { ...route.valid, remarks: 'lives with her uncle' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body.remarks', message: 'is not a field of this request' }]);
  });

  it.each(routes)('$path: answers a partner of another organisation as for a project never seen: 422, project-not-known', async (route) => {
    const response = await service.post(route.path, await partner('GIZ'), route.valid);
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('project-not-known');
  });

  it.each(routes)('$path: refuses a project the service never saw with 422, project-not-known', async (route) => {
    const response = await service.post(route.path.replace('ml-eu-iom-joint-initiative', 'ne-unknown-project'), await partner('IOM'), route.valid);
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('project-not-known');
  });

  it('lets the implementing partner walk every route, in the order of the records\' lives', async () => {
    const statuses = [];
    for (const route of routes) {
      if (route.path.endsWith('/abandonments')) await service.post(`${reintegration}/cases`, await partner('IOM'), { cases: [{ ...theCase, caseId: 'IOM-ML-2018-000124' }] });
      if (route.path.endsWith('/cancellations')) await service.post(`${project}/operations`, await partner('IOM'), { ...operation, operationId: 'another', departedOn: '2017-05-20' });
      statuses.push((await service.post(route.path, await partner('IOM'), route.valid)).status);
    }
    expect(statuses).toEqual([201, 200, 200, 201, 201, 200, 201, 200, 200, 201]);
  });
});
