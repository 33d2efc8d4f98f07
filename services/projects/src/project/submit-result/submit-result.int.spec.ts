import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { officer, partner, projectsAppForSpec, registrationOf, tokenFor } from '../../test-support/projects-app';

const service = projectsAppForSpec('submit_result');
const reference = 'T05-EUTF-SAH-ML-07';
const { resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] as string[] };

describe("a partner's result, from submission to approval", () => {
  it('takes a project from registration to an approved result', async () => {
    const registered = await service.post('/projects', await officer('ML'), registrationOf(reference));
    expect(registered.status).toBe(201);
    expect(registered.headers['etag']).toBe('"1"');
    expect(registered.headers['location']).toBe(`/projects/${reference}`);
    expect((await service.post(`/projects/${reference}/indicators`, await officer('ML'), IndicatorDefined.example)).status).toBe(201);
    expect((await service.post(`/projects/${reference}/implementation-start`, await officer('ML'), { startedOn: '2017-04-01' })).status).toBe(200);

    const submitted = await service.post(`/projects/${reference}/results/${resultId}/submission`, await partner('IOM'), result);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ streamId: `project-${reference}`, streamVersion: '4', replayed: false });

    const approved = await service.post(`/projects/${reference}/results/${resultId}/approval`, await officer('ML'));
    expect(approved.status).toBe(200);
    expect(approved.headers['etag']).toBe('"5"');
    const { events } = await service.store.readStream(`project-${reference}`);
    expect(events.map((event) => event.type)).toEqual(['ProjectRegistered', 'IndicatorDefined', 'ProjectImplementationStarted', 'ResultSubmitted', 'ResultApproved']);
    expect(events[3]?.metadata.actor).toEqual({ subject: 'implementing-partner-IOM', role: 'implementing-partner', org: 'IOM' });
  });

  it('answers a broken rule with 409 or 422 naming it, and leaves the stream unchanged', async () => {
    const before = await service.versionOf(`project-${reference}`);
    const twice = await service.post(`/projects/${reference}/results/${resultId}/approval`, await officer('ML'));
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('result-not-pending');
    const stranger = await service.post(`/projects/${reference}/results/other/submission`, await partner('GIZ'), { ...result, period: { from: '2018-01-01', to: '2018-06-30' } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.rule).toBe('project-not-registered');
    expect((await service.post(`/projects/${reference}/locked-periods`, await officer('ML'), { period: { from: '2018-01-01', to: '2018-06-30' } })).status).toBe(201);
    const locked = await service.post(`/projects/${reference}/results/h2-2018/submission`, await partner('IOM'), { ...result, period: { from: '2018-01-01', to: '2018-06-30' } });
    expect(locked.status).toBe(409);
    expect(locked.body.rule).toBe('result-period-locked');
    expect(await service.versionOf(`project-${reference}`)).toBe((before ?? 0n) + 1n);
  });

  it('takes a breakdown in whole counts: 0.3 given as 0.1 + 0.2 is refused at the field, never summed in floating point', async () => {
    const before = await service.versionOf(`project-${reference}`);
    const dimension = result.disaggregation[0]!.dimension;
    const categories = result.disaggregation.filter((part) => part.dimension === dimension).map((part) => part.category);
    const fractional = await service.post(`/projects/${reference}/results/fractional/submission`, await partner('IOM'), {
      ...result,
      period: { from: '2019-01-01', to: '2019-06-30' },
      value: 0.3,
      disaggregation: [
        { dimension, category: categories[0], value: 0.1 },
        { dimension, category: categories[1], value: 0.2 },
      ],
    });
    expect(fractional.status).toBe(400);
    expect(fractional.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.disaggregation.0.value', 'body.disaggregation.1.value']);
    expect(await service.versionOf(`project-${reference}`)).toBe(before);
  });

  it("answers another country's officer, and a partner that does not implement the project, as for a project that does not exist (404)", async () => {
    const before = await service.versionOf(`project-${reference}`);
    const asStranger = [
      await service.post(`/projects/${reference}/results/${resultId}/approval`, await officer('NE')),
      await service.post(`/projects/${reference}/milestones`, await officer('NE'), { milestoneId: 'ne', title: 'Not theirs', dueDate: '2019-01-31' }),
      await service.post(`/projects/${reference}/results/giz-1/submission`, await partner('GIZ'), { ...result, period: { from: '2019-07-01', to: '2019-12-31' } }),
    ];
    const unknown = 'T05-EUTF-SAH-ML-98';
    const asUnknown = [
      await service.post(`/projects/${unknown}/results/${resultId}/approval`, await officer('ML')),
      await service.post(`/projects/${unknown}/milestones`, await officer('ML'), { milestoneId: 'ne', title: 'Not theirs', dueDate: '2019-01-31' }),
      await service.post(`/projects/${unknown}/results/giz-1/submission`, await partner('IOM'), { ...result, period: { from: '2019-07-01', to: '2019-12-31' } }),
    ];
    // The same status, rule and words: nothing tells an existing project from an unknown one.
    const shape = (response: { status: number; body: { rule?: string; detail?: string } }) => ({ status: response.status, rule: response.body.rule, detail: response.body.detail });
    expect(asStranger.map(shape)).toEqual(asUnknown.map(shape));
    expect(shape(asStranger[0]!)).toEqual({ status: 404, rule: 'project-not-registered', detail: 'No project is registered under this id that the caller acts on' });
    expect(await service.versionOf(`project-${reference}`)).toBe(before);
  });

  it('never lets the person who reported a result approve it, even with a token holding both roles (four eyes)', async () => {
    // One person holding both roles (subject implementing-partner-ML); the officer below is another person.
    const both = await tokenFor(['implementing-partner', 'delegation-officer'], { country: 'ML', org: 'IOM' });
    const submitted = await service.post(`/projects/${reference}/results/four-eyes/submission`, both, { ...result, period: { from: '2019-01-01', to: '2019-06-30' } });
    expect(submitted.status).toBe(200);
    const approved = await service.post(`/projects/${reference}/results/four-eyes/approval`, both);
    expect(approved.body).toMatchObject({ status: 403, rule: 'approver-reported-it' });
    expect((await service.post(`/projects/${reference}/results/four-eyes/approval`, await officer('ML'))).status).toBe(200);
  });

  it("keeps each user's Idempotency-Keys their own: another user's key is not a retry of theirs", async () => {
    const key = 'shared-key-2019-h2';
    const body = { ...result, period: { from: '2019-07-01', to: '2019-12-31' } };
    expect((await service.post(`/projects/${reference}/results/iom-key/submission`, await partner('IOM'), body, { 'Idempotency-Key': key })).status).toBe(200);
    const other = await service.post(`/projects/${reference}/milestones`, await officer('ML'), { milestoneId: 'key-m', title: 'Centre open', dueDate: '2019-09-30' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(201);
  });
});
