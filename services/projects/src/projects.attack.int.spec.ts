import { randomUUID } from 'node:crypto';
import { attackSeed, describeAttack, documentedExample, ownTopicNamespace } from '@eutf/service-testing';
import { officer, partner, projectsAppForSpec, provisionalRegistration } from './test-support/projects-app';

ownTopicNamespace('attack-projects');
process.env['LOG_LEVEL'] = 'warn';
const service = projectsAppForSpec('attack');
const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;

describeAttack({
  name: 'projects',
  service,
  seed: attackSeed(140_001),
  runs: 3_300,
  /** The ML project IOM and GIZ implement, Senegal participating, with a milestone, an indicator, IOM's draft result and a next step. */
  world: {
    path: { projectId, country: 'ML', milestoneId: 'm1', resultId: 'iom-result-1', entryId: 'next-1' },
    unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}`, resultId: 'no-such-result' },
    country: 'ML',
    participating: true,
    partnerOwned: ['resultId'],
  },
  setUp: async (operations) => {
    const example = (name: string) => documentedExample(operations, name);
    const registration = { ...provisionalRegistration(projectId), countries: ['ML', 'SN'], leadCountry: 'ML', implementingPartners: ['IOM', 'GIZ'] };
    const setUp = [
      await service.post('/projects', await officer('ML'), registration),
      await service.post(`/projects/${projectId}/milestones`, await officer('ML'), { milestoneId: 'm1', title: 'Counselling centre open', dueDate: '2017-09-30' }),
      await service.post(`/projects/${projectId}/indicators`, await officer('ML'), example('POST /projects/{projectId}/indicators')),
      await service.send('put', `/projects/${projectId}/results/iom-result-1/draft`, await partner('IOM'), example('PUT /projects/{projectId}/results/{resultId}/draft')),
      await service.post('/countries/ML/next-steps', await officer('ML'), example('POST /countries/{country}/next-steps')),
    ];
    expect(setUp.map((response) => response.status)).toEqual([201, 201, 201, 200, 201]);
  },
  // Senegal participates: every officer command on the project refused by name, every read of it answered.
  thenAccess: (cases) => {
    const participant = cases.filter((accessCase) => accessCase.caller === 'officer of SN' && accessCase.operation.includes('{projectId}'));
    expect(participant.filter((accessCase) => accessCase.expected === 'not-the-lead').map((accessCase) => accessCase.operation.split(' ')[1]).sort()).toEqual([
      '/projects/{projectId}/closure',
      '/projects/{projectId}/implementation-start',
      '/projects/{projectId}/indicators',
      '/projects/{projectId}/locked-periods',
      '/projects/{projectId}/milestones',
      '/projects/{projectId}/milestones/{milestoneId}/delays',
      '/projects/{projectId}/milestones/{milestoneId}/due-date-correction',
      '/projects/{projectId}/milestones/{milestoneId}/reached',
      '/projects/{projectId}/reference-assignment',
      '/projects/{projectId}/results/{resultId}/approval',
      '/projects/{projectId}/results/{resultId}/return',
      '/projects/{projectId}/resumption',
      '/projects/{projectId}/suspension',
    ]);
    expect(participant.filter((accessCase) => accessCase.expected === 'reached').map((accessCase) => [accessCase.operation, accessCase.status])).toEqual([['GET /projects/{projectId}/history', 200]]);
  },
});
