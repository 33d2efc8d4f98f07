import { ROLES, type Role } from '@eutf/identity';
import { officer, projectsAppForSpec, tokenAs } from './test-support/projects-app';

const service = projectsAppForSpec('access');

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
