import { deciderSpecification } from '@eutf/event-sourcing/testing';
import { FigureReported, type ReportedFigureEvent } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { reportedFiguresDecider } from './reported-figures.decider';

const spec = deciderSpecification(reportedFiguresDecider);
const programmeFigure = FigureReported.example;
const malianFigure: DataOf<typeof FigureReported> = {
  figureId: 'nationals-in-distress-assisted',
  scope: { level: 'country', country: 'ML' },
  section: 'results',
  description: 'Malian nationals in distress assisted',
  value: 10_000,
  valueQualifier: null,
  unit: 'people',
  period: { from: '2019', to: '2021' },
  reportedBy: 'Government of Mali',
  source: { document: '001_ce7e31efc7ac2b9a.txt', quote: 'Assistance to 10,000 Malian nationals in distress between 2019 and 2021' },
};
const reported = (data: DataOf<typeof FigureReported>): ReportedFigureEvent => ({ type: 'FigureReported', data });

describe('reported figures', () => {
  it('are reported by a headquarters analyst for any scope', () => {
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...programmeFigure }).then([reported(programmeFigure)]);
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...malianFigure }).then([reported(malianFigure)]);
  });

  it("are reported by a delegation officer for the officer's own country only", () => {
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'delegation-officer', country: 'ML' }, ...malianFigure }).then([reported(malianFigure)]);
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'delegation-officer', country: 'NE' }, ...malianFigure }).thenRefuses('officer-out-of-country', 403);
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'delegation-officer', country: 'ML' }, ...programmeFigure }).thenRefuses('figure-scope-not-allowed', 403);
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'implementing-partner', org: 'IOM' }, ...malianFigure }).thenRefuses('figure-scope-not-allowed', 403);
  });

  it('are reported once under an id', () => {
    spec.given([reported(programmeFigure)]).when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...programmeFigure, value: 119 }).thenRefuses('figure-already-reported', 409);
  });

  it('refuse a period ending before it starts, compared as precisely as known, and an amount that is not whole cents', () => {
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...malianFigure, period: { from: '2021-03', to: '2019' } }).thenRefuses('period-inverted', 422);
    spec.given([]).when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...malianFigure, period: { from: '2019-03', to: '2019' } }).then([reported({ ...malianFigure, period: { from: '2019-03', to: '2019' } })]);
    spec
      .given([])
      .when({ type: 'ReportFigure', actor: { role: 'hq-analyst' }, ...programmeFigure, figureId: 'eutf-resources', unit: 'EUR cents', value: 2.5 })
      .thenRefuses('figure-amount-not-in-cents', 422);
  });

  it('has an example that passes its schema', () => {
    expect(FigureReported.schema.safeParse(FigureReported.example).success).toBe(true);
  });
});
