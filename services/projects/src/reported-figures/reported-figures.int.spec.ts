import { randomUUID } from 'node:crypto';
import { FigureReported } from '@eutf/event-catalog';
import { officer, projectsAppForSpec, tokenFor } from '../test-support/projects-app';

const service = projectsAppForSpec('reported_figures');
const analyst = () => tokenFor(['hq-analyst']);
const { scope: _scope, ...countryFigure } = {
  ...FigureReported.example,
  section: 'returns-and-reintegration',
  description: 'Malian returnees supported in their reintegration',
  value: 2_500,
  unit: 'people',
  period: { from: null, to: null },
  reportedBy: 'Government of Mali',
  source: { document: '001_ce7e31efc7ac2b9a.txt', quote: 'Support for the reintegration of 2,500 Malian returnees' },
};

describe('reported figures', () => {
  it('are reported by headquarters for the programme, once per id, and a replay with the same Idempotency-Key changes nothing', async () => {
    const figure = { ...FigureReported.example, figureId: `projects-approved-${randomUUID()}` };
    const key = randomUUID();
    const recorded = await service.post('/reported-figures', await analyst(), figure, { 'Idempotency-Key': key });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ streamId: 'reported-figures-programme' });
    const replayed = await service.post('/reported-figures', await analyst(), figure, { 'Idempotency-Key': key });
    expect([replayed.status, replayed.body.replayed, replayed.body.streamVersion]).toEqual([201, true, recorded.body.streamVersion]);
    const again = await service.post('/reported-figures', await analyst(), { ...figure, value: 119 });
    expect([again.status, again.body.rule]).toEqual([409, 'figure-already-reported']);
  });

  it("are reported by a delegation officer for the officer's own country, on the country's stream", async () => {
    const figureId = `returnees-${randomUUID()}`;
    const recorded = await service.post('/countries/ML/reported-figures', await officer('ML'), { ...countryFigure, figureId });
    expect([recorded.status, recorded.body.streamId]).toEqual([201, 'reported-figures-country-ML']);
    const elsewhere = await service.post('/countries/NE/reported-figures', await officer('ML'), { ...countryFigure, figureId });
    expect(elsewhere.status).toBe(403);
    expect(await service.versionOf('reported-figures-country-NE')).toBeNull();
  });

  it('refuse the roles that do not report figures, and an officer on the headquarters route', async () => {
    expect((await service.post('/reported-figures', await officer('ML'), FigureReported.example)).status).toBe(403);
    expect((await service.post('/reported-figures', await tokenFor(['implementing-partner'], { org: 'IOM' }), FigureReported.example)).status).toBe(403);
    expect((await service.post('/countries/ML/reported-figures', await analyst(), { ...countryFigure, figureId: 'x' })).status).toBe(403);
  });

  it('answer a malformed figure 400 naming the field, and a broken rule 422 naming it', async () => {
    const noSource = await service.post('/reported-figures', await analyst(), { ...FigureReported.example, source: null });
    expect([noSource.status, noSource.body.errors[0].field]).toEqual([400, 'body.source']);
    const badScope = await service.post('/reported-figures', await analyst(), { ...FigureReported.example, scope: { level: 'region', region: 'Rabat Process' } });
    expect([badScope.status, badScope.body.errors[0].field]).toEqual([400, 'body.scope.region']);
    const inverted = await service.post('/reported-figures', await analyst(), { ...FigureReported.example, figureId: `inverted-${randomUUID()}`, period: { from: '2017', to: '2016-12' } });
    expect([inverted.status, inverted.body.rule]).toEqual([422, 'period-inverted']);
  });
});
