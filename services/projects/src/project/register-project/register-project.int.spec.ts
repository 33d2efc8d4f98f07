import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import { officer, partner, projectsAppForSpec, registrationOf } from '../../test-support/projects-app';

const service = projectsAppForSpec('register_project');
const { resultId: _resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = { ...ResultSubmitted.example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] as string[] };

describe('registering a project', () => {
  it('answers invalid input with 400 naming the field, and writes nothing', async () => {
    const malformed = await service.post('/projects', await officer('ML'), { ...registrationOf('T05-EUTF-SAH-ML-07'), reference: 'T05-EUTF- SAH-ML-13' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'body.reference', message: expect.stringMatching(/whitespace at position 9/) })]);
    const { title: _title, ...untitled } = registrationOf('T05-EUTF-SAH-ML-08');
    const missing = await service.post('/projects', await officer('ML'), untitled);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.title']);
    expect(await service.versionOf('project-T05-EUTF-SAH-ML-08')).toBeNull();
  });

  it('registers an action known only from documents under a provisional id, with unknown facts null', async () => {
    const fromDocuments = {
      reference: null,
      projectId: 'ml-eu-iom-joint-initiative',
      title: 'EU-IOM Joint Initiative for Migrant Protection and Reintegration in Mali',
      countries: ['ML'],
      implementingPartners: ['IOM'],
      startDate: '2017-05',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [1, 21], ponamAxes: [3, 7] },
    };
    const noId = await service.post('/projects', await officer('ML'), { ...fromDocuments, projectId: undefined });
    expect(noId.status).toBe(400);
    expect(noId.body.errors).toEqual([expect.objectContaining({ field: 'body.projectId', message: expect.stringMatching(/required when there is no EUTF reference/) })]);
    const bothIds = await service.post('/projects', await officer('ML'), { ...fromDocuments, reference: 'T05-EUTF-SAH-ML-09' });
    expect(bothIds.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.projectId']);
    const vagueDay = await service.post('/projects', await officer('ML'), { ...fromDocuments, startDate: '2017-05-32' });
    expect(vagueDay.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.startDate']);

    const registered = await service.post('/projects', await officer('ML'), fromDocuments);
    expect(registered.status).toBe(201);
    expect(registered.headers['location']).toBe('/projects/ml-eu-iom-joint-initiative');
    const [recorded] = (await service.store.readStream('project-ml-eu-iom-joint-initiative')).events;
    expect(recorded?.data).toMatchObject({ reference: null, window: null, euContributionCents: null, adoptedOn: null, startDate: '2017-05', endDate: null });

    // A running total "since the start" for a cumulative indicator with no baseline or target.
    const indicator = { ...IndicatorDefined.example, indicatorId: 'returned-home', baseline: null, target: null };
    expect((await service.post('/projects/ml-eu-iom-joint-initiative/indicators', await officer('ML'), indicator)).status).toBe(201);
    const sinceStart = { ...result, indicatorId: 'returned-home', period: { from: null, to: '2020-10-31' }, value: 17_181, disaggregation: [] };
    expect((await service.post('/projects/ml-eu-iom-joint-initiative/results/returned-home-2020/submission', await partner('IOM'), sinceStart)).status).toBe(200);
  });

  it('refuses a country that is not one, or one named twice, naming it (400)', async () => {
    for (const countries of [['ML', 'ZZ'], ['ML', '<>'], ['ML', 'ml']]) {
      const response = await service.post('/projects', await officer('ML'), { ...registrationOf('T05-EUTF-SAH-ML-10'), countries, leadCountry: 'ML' });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.countries.1' })]);
    }
    const twice = await service.post('/projects', await officer('ML'), { ...registrationOf('T05-EUTF-SAH-ML-10'), countries: ['ML', 'ML'], leadCountry: 'ML' });
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'body.countries', message: 'a country is named twice' })]);
    expect(await service.versionOf('project-T05-EUTF-SAH-ML-10')).toBeNull();
  });

  it("refuses without a token (401) and outside one's role or scope (403)", async () => {
    const registration = registrationOf('T05-EUTF-SAH-ML-09');
    expect((await service.post('/projects', undefined, registration)).status).toBe(401);
    expect((await service.post('/projects', 'not-a-token', registration)).status).toBe(401);
    expect((await service.post('/projects', await partner('IOM'), registration)).status).toBe(403);
    expect((await service.post('/projects', await officer('NE'), registration)).status).toBe(403);
    expect(await service.versionOf('project-T05-EUTF-SAH-ML-09')).toBeNull();
  });
});
