import { officer, partner, projectsAppForSpec, registrationOf } from '../../test-support/projects-app';

const service = projectsAppForSpec('milestone_correction');
const reference = 'T05-EUTF-SAH-ML-07';
const correction = (milestoneId: string) => `/projects/${reference}/milestones/${milestoneId}/due-date-correction`;

describe("correcting a milestone's due date", () => {
  beforeAll(async () => {
    expect((await service.post('/projects', await officer('ML'), registrationOf(reference))).status).toBe(201);
    const milestone = { milestoneId: 'm1', title: 'Reintegration counselling centre open in Bamako', dueDate: '2017-09-30' };
    expect((await service.post(`/projects/${reference}/milestones`, await officer('ML'), milestone)).status).toBe(201);
  });

  it("records the corrected date by the project's officer, without calling it a delay", async () => {
    const corrected = await service.post(correction('m1'), await officer('ML'), { dueDate: '2017-10-31' });
    expect(corrected.status).toBe(200);
    const last = (await service.store.readStream(`project-${reference}`)).events.at(-1);
    expect(last).toMatchObject({ type: 'MilestoneDueDateCorrected', data: { milestoneId: 'm1', dueDate: '2017-10-31' } });
  });

  it('refuses an invalid date (400), another role (403), an unknown milestone (422) and a reached one (409)', async () => {
    const invalid = await service.post(correction('m1'), await officer('ML'), { dueDate: '31 October' });
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'body.dueDate' })]);
    expect((await service.post(correction('m1'), await partner('IOM'), { dueDate: '2017-10-31' })).status).toBe(403);
    // Another country's project is not there for this officer: as for an unknown project.
    expect((await service.post(correction('m1'), await officer('NE'), { dueDate: '2017-10-31' })).body).toMatchObject({ status: 404, rule: 'project-not-registered' });
    const unknown = await service.post(correction('m9'), await officer('ML'), { dueDate: '2017-10-31' });
    expect(unknown.body).toMatchObject({ status: 422, rule: 'milestone-not-defined' });
    expect((await service.post(`/projects/${reference}/milestones/m1/reached`, await officer('ML'), { reachedOn: '2017-10-20' })).status).toBe(200);
    const before = await service.versionOf(`project-${reference}`);
    const reached = await service.post(correction('m1'), await officer('ML'), { dueDate: '2017-11-30' });
    expect(reached.body).toMatchObject({ status: 409, rule: 'milestone-already-reached' });
    expect(await service.versionOf(`project-${reference}`)).toBe(before);
  });
});
