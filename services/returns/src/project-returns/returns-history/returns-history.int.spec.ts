import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { partner, returnsAppForSpec, tokenFor } from '../../test-support/returns-app';

const service = returnsAppForSpec('history');

type Entry = { who: { role: string; org?: string }; what: { event: string; summary: string }; why: { reason: string | null }; partner: string | null };
const historyOf = async (projectId: string, bearer?: string) => {
  let call = request(service.app.getHttpServer()).get(`/returns/projects/${projectId}/history`);
  if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
  return call;
};

describe('the returns under a project, change by change', () => {
  const projectId = `ml-history-${randomUUID().slice(0, 8)}`;
  const returns = `/returns/projects/${projectId}`;
  const charter = 'ly-ml-2017-05-charter-1';

  beforeAll(async () => {
    await service.projectSeen(projectId, ['IOM', 'GIZ']);
    const iom = await partner('IOM');
    const steps: Array<[string, string, object]> = [
      [`${returns}/operations`, iom, { operationId: charter, kind: 'charter', hostCountry: 'LY', countryOfOrigin: 'ML', departedOn: '2017-05-18', departed: [{ sex: 'male', ageBand: '18-24', count: 40 }, { sex: 'female', ageBand: '25-34', count: 12 }], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 1, medicalCases: 0 } }],
      [`${returns}/arrivals`, iom, { operationId: charter, arrivedOn: '2017-05-18', arrived: 51 }],
      [`${returns}/operations`, iom, { operationId: 'ly-ml-2017-06-charter-2', kind: 'charter', hostCountry: 'LY', countryOfOrigin: 'ML', departedOn: '2017-06-03', departed: [{ sex: 'male', ageBand: '18-24', count: 30 }], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } }],
      [`${returns}/cancellations`, iom, { operationId: 'ly-ml-2017-06-charter-2', cancelledOn: '2017-06-02', reason: 'security' }],
      [`${returns}/period-reports`, await partner('GIZ'), { reportId: 'giz-2019', hostCountry: null, countryOfOrigin: 'ML', period: { from: '2019-01', to: '2019-12' }, count: 300, valueQualifier: 'more-than' }],
    ];
    for (const [path, bearer, body] of steps) {
      const response = await service.post(path, bearer, body);
      expect({ path, status: response.status, body: response.status < 300 ? null : response.body }).toEqual({ path, status: expect.any(Number), body: null });
    }
  });

  it("shows headquarters and the country's officer every partner's changes, in counts and codes, never a partner's own ids", async () => {
    for (const bearer of [await tokenFor(['hq-analyst']), await tokenFor(['delegation-officer'], { country: 'ML' })]) {
      const response = await historyOf(projectId, bearer);
      expect(response.status).toBe(200);
      const entries = response.body.entries as Entry[];
      expect(entries.map((entry) => [entry.partner, entry.what.event])).toEqual(
        expect.arrayContaining([
          ['IOM', 'ReturnOperationRegistered'],
          ['IOM', 'ReturnArrivalConfirmed'],
          ['IOM', 'ReturnOperationCancelled'],
          ['GIZ', 'PeriodReturnsReported'],
        ]),
      );
      expect(entries).toHaveLength(5);
      const registered = entries.find((entry) => entry.what.event === 'ReturnOperationRegistered');
      expect(registered?.what.summary).toMatch(/^Return operation [0-9a-f]{8} \(charter\) registered: 52 departed LY for ML on 2017-05-18$/);
      expect(entries.find((entry) => entry.what.event === 'ReturnOperationCancelled')?.why.reason).toEqual({ textId: null, status: 'shown', text: 'security' });
      expect(entries.find((entry) => entry.what.event === 'PeriodReturnsReported')?.what.summary).toBe('Returns reported for 2019-01 – 2019-12: more than 300 from every host country to ML');
        expect(JSON.stringify(response.body)).not.toContain('charter-');
    }
  });

  it('shows a partner its own changes only', async () => {
    const giz = (await historyOf(projectId, await partner('GIZ'))).body.entries as Entry[];
    expect(giz.map((entry) => entry.what.event)).toEqual(['PeriodReturnsReported']);
    const iom = (await historyOf(projectId, await partner('IOM'))).body.entries as Entry[];
    expect(iom.map((entry) => entry.partner)).toEqual(['IOM', 'IOM', 'IOM', 'IOM']);
  });

  it('answers a reader out of scope exactly as for a project it has not seen (404), and no token with 401', async () => {
    const unknown = `ml-unknown-${randomUUID().slice(0, 8)}`;
    for (const bearer of [await tokenFor(['delegation-officer'], { country: 'NE' }), await partner('AECID')]) {
      const outOfScope = await historyOf(projectId, bearer);
      const absent = await historyOf(unknown, bearer);
      expect(outOfScope.status).toBe(404);
      expect({ ...outOfScope.body, detail: undefined, correlationId: undefined }).toEqual({ ...absent.body, detail: undefined, correlationId: undefined });
    }
    expect((await historyOf(projectId)).status).toBe(401);
  });
});
