import { officer, projectsAppForSpec, provisionalRegistration, registrationOf } from '../../test-support/projects-app';

const service = projectsAppForSpec('assign_reference');

describe("assigning a project's EUTF reference", () => {
  it('gives an action registered under a provisional id its reference, once', async () => {
    expect((await service.post('/projects', await officer('ML'), provisionalRegistration('ml-eu-iom-joint-initiative'))).status).toBe(201);
    const malformed = await service.post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officer('ML'), { reference: 'T05-EUTF- SAH-ML-13' });
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'body.reference' })]);
    const assigned = await service.post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-04' });
    expect(assigned.status).toBe(200);
    const before = await service.versionOf('project-ml-eu-iom-joint-initiative');
    const again = await service.post('/projects/ml-eu-iom-joint-initiative/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-05' });
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('reference-already-assigned');
    expect(await service.versionOf('project-ml-eu-iom-joint-initiative')).toBe(before);
    const badId = await service.post('/projects/ml_iom/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-04' });
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'params.projectId', message: expect.stringMatching(/provisional id/) })]);
  });

  it('never lets two projects share an EUTF reference', async () => {
    for (const id of ['ml-first', 'ml-second']) expect((await service.post('/projects', await officer('ML'), provisionalRegistration(id))).status).toBe(201);
    expect((await service.post('/projects/ml-first/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-41' })).status).toBe(200);

    const before = await service.versionOf('project-ml-second');
    const taken = await service.post('/projects/ml-second/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-41' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ rule: 'reference-taken', detail: 'T05-EUTF-SAH-ML-41 is the reference of project ml-first' });
    expect(await service.versionOf('project-ml-second')).toBe(before);
    const registeredUnderIt = await service.post('/projects', await officer('ML'), registrationOf('T05-EUTF-SAH-ML-41'));
    expect(registeredUnderIt.body.rule).toBe('reference-taken');
    expect(await service.versionOf('project-T05-EUTF-SAH-ML-41')).toBeNull();
    // A project registered under its reference holds it too.
    expect((await service.post('/projects', await officer('ML'), registrationOf('T05-EUTF-SAH-ML-07'))).status).toBe(201);
    const heldByRegistration = await service.post('/projects/ml-second/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-07' });
    expect(heldByRegistration.body.rule).toBe('reference-taken');
  });

  it('reserves nothing for a refused assignment; of two racing for one project, exactly one reference stays reserved', async () => {
    const unregistered = await service.post('/projects/ml-nowhere/reference-assignment', await officer('ML'), { reference: 'T05-EUTF-SAH-ML-42' });
    expect(unregistered.body.rule).toBe('project-not-registered');
    expect((await service.store.readStream('eutf-reference-T05-EUTF-SAH-ML-42')).streamVersion).toBeNull();
    expect((await service.post('/projects', await officer('ML'), provisionalRegistration('ml-third'))).status).toBe(201);
    const candidates = ['T05-EUTF-SAH-ML-43', 'T05-EUTF-SAH-ML-44'];
    const racing = await Promise.all(candidates.map(async (reference) => service.post('/projects/ml-third/reference-assignment', await officer('ML'), { reference })));
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);
    const holders = await Promise.all(
      candidates.map(async (candidate) => ((await service.store.readStream(`eutf-reference-${candidate}`)).events.at(-1)?.type === 'EutfReferenceReserved' ? candidate : null)),
    );
    const won = racing[0]?.status === 200 ? candidates[0] : candidates[1];
    expect(holders.filter((holder) => holder !== null)).toEqual([won]);
  });
});
