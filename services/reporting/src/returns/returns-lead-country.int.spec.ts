import { createHash } from 'node:crypto';
import {
  PeriodReintegrationReported,
  PeriodReturnsReported,
  ProjectImplementationStarted,
  ProjectRegistered,
  partnerProjectKey,
  projectReturnsStream,
  projectStream,
  reintegrationCaseloadStream,
} from '@eutf/event-catalog';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import request from 'supertest';
import { eventually, reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';

process.env['LOG_LEVEL'] = 'warn';
const reporting = reportingWithRecorderForSpec('returns-lead');
// Led by Mali, Niger participating; Niger is listed first, so the lead is not read from the order.
const regional = `sahel-regional-${reporting.run}`;
const nigerOnly = `ne-returns-${reporting.run}`;

const token = (role: Role, scope: { org?: string; country?: string } = {}) => mintDevelopmentToken({ subject: `${role}-returns-lead`, roles: [role], ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);

interface Figures {
  figures: Array<{ projectId: string; count: number | null }>;
}

/** The projects whose figures an answer quotes, one entry per figure. */
async function projectsIn(path: string, bearer: string): Promise<string[]> {
  const response = await request(reporting.app().getHttpServer()).get(path).set('Authorization', `Bearer ${bearer}`);
  expect(response.status).toBe(200);
  return (response.body as Figures).figures.map((figure) => figure.projectId).filter((projectId) => projectId === regional || projectId === nigerOnly);
}

const registered = (projectId: string, countries: string[], leadCountry: string) => [
  { streamId: projectStream.id(projectId), type: ProjectRegistered.type, data: { ...ProjectRegistered.example, projectId, reference: null, countries, leadCountry, implementingPartners: ['IOM'] } },
  { streamId: projectStream.id(projectId), type: ProjectImplementationStarted.type, data: { startedOn: '2017-04-01' } },
];
// Events carry a keyed hash of each record's id, never the id.
const recordKey = (id: string) => createHash('sha256').update(id).digest('hex');
const returnsOf = (projectId: string, count: number) => ({
  streamId: projectReturnsStream.id(partnerProjectKey(projectId, 'IOM')),
  type: PeriodReturnsReported.type,
  data: { ...PeriodReturnsReported.example, reportId: recordKey(`returns-${projectId}`), projectId, hostCountry: 'LY', countryOfOrigin: 'NE', count },
});
const reintegrationOf = (projectId: string, count: number) => ({
  streamId: reintegrationCaseloadStream.id(partnerProjectKey(projectId, 'IOM')),
  type: PeriodReintegrationReported.type,
  data: { ...PeriodReintegrationReported.example, reportId: recordKey(`reintegration-${projectId}`), projectId, countryOfReturn: 'NE', count },
});

describe("a regional project's returns count in its lead country's figures only", () => {
  beforeAll(async () => {
    await reporting.recorder().record(reporting.projectsTopic, [...registered(regional, ['NE', 'ML'], 'ML'), ...registered(nigerOnly, ['NE'], 'NE')]);
    await reporting.recorder().record(reporting.returnsTopic, [returnsOf(regional, 1_200), reintegrationOf(regional, 600), returnsOf(nigerOnly, 300), reintegrationOf(nigerOnly, 150)]);
    // The lead's officer sees the regional project's figures once the register and both read models have them.
    const mali = await token('delegation-officer', { country: 'ML' });
    await eventually('the regional project in Mali’s returns and reintegration', async () => [...(await projectsIn('/returns', mali)), ...(await projectsIn('/reintegration/country', mali))], (found) => found.length === 2);
    const analyst = await token('hq-analyst');
    await eventually('both projects in headquarters’ returns and reintegration', async () => [...(await projectsIn('/returns', analyst)), ...(await projectsIn('/reintegration/country', analyst))], (found) => found.length === 4);
  }, 60_000);

  it("the participating country's officer does not get it, only the projects their country leads", async () => {
    const niger = await token('delegation-officer', { country: 'NE' });
    expect(await projectsIn('/returns', niger)).toEqual([nigerOnly]);
    expect(await projectsIn('/reintegration/country', niger)).toEqual([nigerOnly]);
  });

  it("the lead country's officer gets it", async () => {
    const mali = await token('delegation-officer', { country: 'ML' });
    expect(await projectsIn('/returns', mali)).toEqual([regional]);
    expect(await projectsIn('/reintegration/country', mali)).toEqual([regional]);
  });

  it('headquarters gets it once, and under the lead country when it asks for one', async () => {
    const analyst = await token('hq-analyst');
    expect((await projectsIn('/returns', analyst)).sort()).toEqual([nigerOnly, regional].sort());
    expect(await projectsIn('/returns?country=ML', analyst)).toEqual([regional]);
    expect(await projectsIn('/returns?country=NE', analyst)).toEqual([nigerOnly]);
    expect(await projectsIn('/reintegration/country?country=NE', analyst)).toEqual([nigerOnly]);
  });

  it("the tables of the participating country hold none of its people: Niger's officer counts 300 returns and 150 reintegrations, not 1,500 and 750", async () => {
    const niger = await token('delegation-officer', { country: 'NE' });
    const server = reporting.app().getHttpServer();
    const returns = await request(server).get('/returns').set('Authorization', `Bearer ${niger}`);
    const reintegration = await request(server).get('/reintegration/country').set('Authorization', `Bearer ${niger}`);
    expect((returns.body as { byOriginAndHost: { total: number | null } }).byOriginAndHost.total).toBe(300);
    expect((reintegration.body as { table: { total: number | null } }).table.total).toBe(150);
  });
});
