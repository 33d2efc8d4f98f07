import { randomUUID } from 'node:crypto';
import { ProjectImplementationStarted, ProjectRegistered, projectStream } from '@eutf/event-catalog';
import { attackSeed, describeAttack, inScopeToken } from '@eutf/service-testing';
import request from 'supertest';
import { eventually, reportingWithRecorderForSpec } from './test-support/reporting-with-recorder';

process.env['LOG_LEVEL'] = 'warn';
const reporting = reportingWithRecorderForSpec('attack-reporting');
const projectId = `ml-attack-${reporting.run}`;

describeAttack({
  name: 'reporting',
  service: { get app() { return reporting.app(); } },
  seed: attackSeed(140_004),
  runs: 1_000,
  /** The ML project IOM and GIZ implement, Senegal participating, as the projects topic told the read model. */
  world: {
    path: { projectId, country: 'ML', dimension: 'country' },
    unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}` },
    country: 'ML',
    participating: true,
    partnerOwned: [],
  },
  setUp: async () => {
    const streamId = projectStream.id(projectId);
    await reporting.recorder().record(reporting.projectsTopic, [
      { streamId, type: ProjectRegistered.type, data: { ...ProjectRegistered.example, projectId, reference: null, countries: ['ML', 'SN'], leadCountry: 'ML', implementingPartners: ['IOM', 'GIZ'] } },
      { streamId, type: ProjectImplementationStarted.type, data: { startedOn: '2017-04-01' } },
    ]);
    const analyst = await inScopeToken('hq-analyst');
    const server = reporting.app().getHttpServer();
    await eventually(`${projectId} in the read model`, () => request(server).get(`/projects/${projectId}`).set('authorization', `Bearer ${analyst}`), (response) => response.status === 200);
  },
});
