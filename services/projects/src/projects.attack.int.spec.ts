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
  /** The ML project IOM and GIZ implement, with a milestone, an indicator, IOM's draft result and a next step. */
  world: {
    path: { projectId, country: 'ML', milestoneId: 'm1', resultId: 'iom-result-1', entryId: 'next-1' },
    unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}`, resultId: 'no-such-result' },
    country: 'ML',
    partnerOwned: ['resultId'],
  },
  setUp: async (operations) => {
    const example = (name: string) => documentedExample(operations, name);
    const registration = { ...provisionalRegistration(projectId), implementingPartners: ['IOM', 'GIZ'] };
    const setUp = [
      await service.post('/projects', await officer('ML'), registration),
      await service.post(`/projects/${projectId}/milestones`, await officer('ML'), { milestoneId: 'm1', title: 'Counselling centre open', dueDate: '2017-09-30' }),
      await service.post(`/projects/${projectId}/indicators`, await officer('ML'), example('POST /projects/{projectId}/indicators')),
      await service.send('put', `/projects/${projectId}/results/iom-result-1/draft`, await partner('IOM'), example('PUT /projects/{projectId}/results/{resultId}/draft')),
      await service.post('/countries/ML/next-steps', await officer('ML'), example('POST /countries/{country}/next-steps')),
    ];
    expect(setUp.map((response) => response.status)).toEqual([201, 201, 201, 200, 201]);
  },
});
