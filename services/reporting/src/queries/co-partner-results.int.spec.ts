import { IndicatorDefined, ProjectImplementationStarted, ProjectRegistered, projectStream, ResultSubmitted } from '@eutf/event-catalog';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import request from 'supertest';
import { eventually, reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';

const reporting = reportingWithRecorderForSpec('co-partners');
const projectId = `ML-CO-PARTNERS-${reporting.run}`;
const streamId = projectStream.id(projectId);

const token = (subject: string, role: Role, scope: { org?: string; country?: string } = {}) =>
  mintDevelopmentToken({ subject, roles: [role], ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
async function resultsSeenBy(bearer: string) {
  const server = reporting.app().getHttpServer();
  const one = await request(server).get(`/projects/${projectId}`).set('Authorization', `Bearer ${bearer}`);
  const list = await request(server).get('/projects').set('Authorization', `Bearer ${bearer}`);
  const listed = (list.body as { projects: Array<{ projectId: string; results: Array<{ resultId: string }> }> }).projects?.find((project) => project.projectId === projectId);
  return {
    // Until reporting has the project, a 404 has no results.
    one: ((one.body as { results?: Array<{ resultId: string; status: string }> }).results ?? []).map(({ resultId, status }) => `${resultId} ${status}`).sort(),
    listed: (listed?.results ?? []).map(({ resultId }) => resultId).sort(),
  };
}

describe('a project two partners implement, as the register shows it', () => {
  beforeAll(async () => {
    const result = (resultId: string, reportingOrg: string, from: string, to: string) => ({ streamId, type: 'ResultSubmitted', data: { ...ResultSubmitted.example, resultId, reportingOrg, period: { from, to } } });
    await reporting.recorder().record(reporting.projectsTopic, [
      { streamId, type: ProjectRegistered.type, data: { ...ProjectRegistered.example, projectId, reference: null, countries: ['ML'], implementingPartners: ['IOM', 'GIZ'] } },
      { streamId, type: ProjectImplementationStarted.type, data: { startedOn: '2017-04-01' } },
      { streamId, type: IndicatorDefined.type, data: IndicatorDefined.example },
      result('iom-approved', 'IOM', '2017-01-01', '2017-06-30'),
      { streamId, type: 'ResultApproved', data: { resultId: 'iom-approved' } },
      result('iom-pending', 'IOM', '2017-07-01', '2017-12-31'),
      result('iom-returned', 'IOM', '2018-01-01', '2018-06-30'),
      { streamId, type: 'ResultReturnedForRevision', data: { resultId: 'iom-returned', reason: { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' } } },
      result('giz-pending', 'GIZ', '2017-07-01', '2017-12-31'),
    ]);
    const analyst = await token('hq-analyst-co-partners', 'hq-analyst');
    await eventually('the four results in the register', () => resultsSeenBy(analyst), ({ one }) => one.length === 4);
  }, 60_000);

  it("shows a partner its own results and the approved ones, never a co-partner's pending or returned result — in the project and in the list", async () => {
    expect(await resultsSeenBy(await token('giz-staff', 'implementing-partner', { org: 'GIZ' }))).toEqual({
      one: ['giz-pending pending-approval', 'iom-approved approved'],
      listed: ['giz-pending', 'iom-approved'],
    });
    expect(await resultsSeenBy(await token('iom-staff', 'implementing-partner', { org: 'IOM' }))).toEqual({
      one: ['iom-approved approved', 'iom-pending pending-approval', 'iom-returned returned-for-revision'],
      listed: ['iom-approved', 'iom-pending', 'iom-returned'],
    });
  });

  it("shows the country's officer and headquarters every submitted result", async () => {
    const everything = ['giz-pending pending-approval', 'iom-approved approved', 'iom-pending pending-approval', 'iom-returned returned-for-revision'];
    expect((await resultsSeenBy(await token('officer-ml', 'delegation-officer', { country: 'ML' }))).one).toEqual(everything);
    expect((await resultsSeenBy(await token('hq-analyst-co-partners', 'hq-analyst'))).one).toEqual(everything);
  });
});
