import { randomUUID } from 'node:crypto';
import { officer, projectsAppForSpec } from '../../test-support/projects-app';

const service = projectsAppForSpec('partnership');

describe("a country's partnership record", () => {
  it('records high-level engagement by the country\'s officer, and an entry id once', async () => {
    const engagement = { entryId: `visit-${randomUUID()}`, date: '2016-11-10', level: 'ministerial', description: 'Visit to Bamako', source: null };
    const recorded = await service.post('/countries/ML/high-level-engagements', await officer('ML'), engagement);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ streamId: 'country-partnership-ML', streamVersion: '1' });
    const again = await service.post('/countries/ML/high-level-engagements', await officer('ML'), engagement);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('entry-already-recorded');
  });

  it("refuses another country's officer (403) and writes nothing", async () => {
    const refused = await service.post('/countries/SN/next-steps', await officer('NE'), { entryId: 'x', description: 'y', dueDate: null, source: null });
    expect(refused.status).toBe(403);
    expect(await service.versionOf('country-partnership-SN')).toBeNull();
  });
});
