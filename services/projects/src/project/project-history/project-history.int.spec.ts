import request from 'supertest';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { officer, partner, projectsAppForSpec, registrationOf, tokenFor } from '../../test-support/projects-app';

const service = projectsAppForSpec('history');
const reference = 'T05-EUTF-SAH-ML-07';
const { resultId: _resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] as string[] };

const historyAs = async (bearer: string | undefined, projectId = reference) => {
  const call = request(service.app.getHttpServer()).get(`/projects/${projectId}/history`);
  return bearer ? call.set('Authorization', `Bearer ${bearer}`) : call;
};

describe("a project's audit trail", () => {
  beforeAll(async () => {
    const steps: Array<[string, string, object]> = [
      ['/projects', await officer('ML'), { ...registrationOf(reference), implementingPartners: ['IOM', 'GIZ'] }],
      [`/projects/${reference}/indicators`, await officer('ML'), IndicatorDefined.example],
      [`/projects/${reference}/results/iom-h1/submission`, await partner('IOM'), result],
      [`/projects/${reference}/results/iom-h1/return`, await officer('ML'), { reason: 'Please add the age bands' }],
    ];
    for (const [path, bearer, body] of steps) expect((await service.post(path, bearer, body, { 'x-correlation-id': `history-${path.length}` })).status).toBeLessThan(300);
    const draft = await service.send('put', `/projects/${reference}/results/giz-h1/draft`, await partner('GIZ'), { ...result, period: { from: '2017-07-01', to: '2017-12-31' } });
    expect(draft.status).toBe(200);
  });

  it('shows the officer of the country every change: who, when, what, and why', async () => {
    const response = await historyAs(await officer('ML'));
    expect(response.status).toBe(200);
    const entries = response.body.entries as Array<{ what: { event: string; summary: string }; who: object; why: { reason: object | null; request: object } }>;
    expect(entries.map((entry) => entry.what.event)).toEqual(['ProjectRegistered', 'IndicatorDefined', 'ResultSubmitted', 'ResultReturnedForRevision', 'ResultDrafted']);
    const returned = entries[3];
    expect(returned).toMatchObject({
      streamVersion: '4',
      who: { subject: 'delegation-officer-ML', role: 'delegation-officer', country: 'ML' },
      what: { summary: 'Result iom-h1 returned for revision' },
      why: { reason: { status: 'shown', text: 'Please add the age bands' }, request: { method: 'POST', path: `/projects/${reference}/results/iom-h1/return` } },
    });
    expect(entries[2]?.what.summary).toBe(`Result iom-h1 submitted for approval: 1000 for returns, 2017-01-01 – 2017-06-30`);
    expect(typeof (response.body.entries[0] as { recordedAt: string }).recordedAt).toBe('string');
  });

  it("shows headquarters everything, and a partner only its own organisation's changes", async () => {
    expect((await historyAs(await tokenFor(['hq-analyst']))).body.entries).toHaveLength(5);
    const iom = await historyAs(await partner('IOM'));
    expect(iom.body.entries.map((entry: { what: { event: string } }) => entry.what.event)).toEqual(['ResultSubmitted']);
    const giz = await historyAs(await partner('GIZ'));
    expect(giz.body.entries.map((entry: { what: { event: string } }) => entry.what.event)).toEqual(['ResultDrafted']);
  });

  it('answers 404 alike for an unknown project and one out of scope, 401 without a token, 400 for a malformed id', async () => {
    expect((await historyAs(await officer('NE'))).status).toBe(404);
    expect((await historyAs(await partner('AECID'))).status).toBe(404);
    expect((await historyAs(await officer('ML'), 'T05-EUTF-SAH-ML-99')).status).toBe(404);
    expect((await historyAs(undefined)).status).toBe(401);
    expect((await historyAs(await officer('ML'), 'ml_bad')).status).toBe(400);
  });
});
