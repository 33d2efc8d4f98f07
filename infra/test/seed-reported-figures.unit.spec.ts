import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { reportedFigureData } from '@eutf/event-catalog';

const root = resolve(__dirname, '../..');

type Loaded = { figures: Array<{ recorder: string; body: Record<string, unknown> & { figureId: string } }>; leftOut: string[] };

function reportedFiguresOfSeeds(): Loaded {
  const script = `import { reportedFiguresOfSeeds } from './infra/bin/seed-reported-figures.mjs'; console.log(JSON.stringify(reportedFiguresOfSeeds()));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Loaded;
}

describe('the reported figures the demo data loads', () => {
  const { figures, leftOut } = reportedFiguresOfSeeds();
  const figure = (figureId: string) => figures.find((entry) => entry.body.figureId === figureId);

  it('are each a valid request, with a source (the officer sends the country in the path)', () => {
    for (const { recorder, body } of figures) {
      const figure = recorder === 'officer-ML' ? { ...body, scope: { level: 'country', country: 'ML' } } : body;
      expect([body.figureId, reportedFigureData.safeParse(figure).success]).toEqual([body.figureId, true]);
    }
  });

  it('place every figure the sources state where a reader of the progress report looks for it, with its qualifier', () => {
    const placed = (figureId: string) => {
      const found = figure(figureId);
      return found && [found.recorder, found.body['scope'], found.body['section'], found.body['value'], found.body['valueQualifier']];
    };
    expect(placed('eutf-projects-approved')).toEqual(['hq', { level: 'programme' }, 'eu-support', 118, null]);
    expect(placed('eutf-resources')).toEqual(['hq', { level: 'programme' }, 'eu-support', 280_000_000_000, 'around']);
    expect(placed('eutf-regions')).toEqual(['hq', { level: 'programme' }, 'eu-support', 3, null]);
    expect(placed('liaison-officers-countries')).toEqual(['hq', { level: 'programme' }, 'cooperation', 12, null]);
    expect(placed('rabat-process-thematic-meetings-held')).toEqual(['hq', { level: 'region', region: 'rabat-process' }, 'regional-dialogue', 5, null]);
    expect(placed('rabat-process-recommendations-issued')).toEqual(['hq', { level: 'region', region: 'rabat-process' }, 'regional-dialogue', 80, 'more-than']);
    expect(placed('rabat-process-participants')).toEqual(['hq', { level: 'region', region: 'rabat-process' }, 'regional-dialogue', 550, 'more-than']);
    expect(placed('gcm-nationals-in-distress-assisted')).toEqual(['officer-ML', undefined, 'results', 10_000, null]);
    expect(placed('gcm-returnees-reintegration-supported')).toEqual(['officer-ML', undefined, 'returns-and-reintegration', 2_500, null]);
    expect(placed('gcm-diaspora-intellectuals')).toEqual(['officer-ML', undefined, 'results', 105, null]);
    expect(placed('gcm-diaspora-community-projects')).toEqual(['officer-ML', undefined, 'results', 110, null]);
    expect(placed('gcm-diaspora-productive-investments')).toEqual(['officer-ML', undefined, 'results', 15, null]);
    expect(figure('gcm-nationals-in-distress-assisted')?.body['period']).toEqual({ from: '2019', to: '2021' });
    expect(figure('gcm-nationals-in-distress-assisted')?.body['source']).toEqual({ document: '001_ce7e31efc7ac2b9a.txt', quote: 'Assistance to 10,000 Malian nationals in distress between 2019 and 2021' });
  });

  it('leave out, and name, the figures the sources do not give and those the returns service holds', () => {
    expect(leftOut).toEqual([
      'avr-from-libya-2017 (counted in the returns service as ly-iom-returned-2017-01-2017-06)',
      'avr-from-libya-2016 (the sources give no value)',
      'rabat-process-dialogue-region-population (the sources give no value)',
    ]);
  });
});
