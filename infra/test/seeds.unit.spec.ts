import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

describe('the demo data in seeds/', () => {
  it('cites, for every figure and statement, a passage found verbatim in its source document', () => {
    const check = spawnSync(process.execPath, [join(root, 'seeds/check-sources.mjs')], { cwd: root, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/seeds: \d+ sources checked, all found/);
    expect(check.status).toBe(0);
  });

  it('records a commitment in the funding ledger only with the date and reference of its decision, and says why not otherwise', () => {
    const source = { document: '002_21535fd7b2306ce6.txt', quote: 'A €90 million package has been adopted' };
    const given = { amountCents: 9_000_000_000, decidedOn: null, decisionReference: null, source };
    const script = `
      import { commitmentOf } from './infra/bin/seed.mjs';
      const given = ${JSON.stringify(given)};
      console.log(JSON.stringify([
        commitmentOf({ key: 'none' }),
        commitmentOf({ key: 'undated', commitment: given }),
        commitmentOf({ key: 'dated', commitment: { ...given, decidedOn: '2017-04-12' } }),
        commitmentOf({ key: 'whole', commitment: { ...given, decidedOn: '2017-04-12', decisionReference: 'T05-EUTF-NOA-LY-03' } }),
      ]));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      { commitment: null, reason: null },
      { commitment: null, reason: '002_21535fd7b2306ce6.txt gives the EUR 90,000,000 it commits, not the date or reference of the decision, which a commitment records' },
      { commitment: null, reason: '002_21535fd7b2306ce6.txt gives the EUR 90,000,000 it commits, not the reference of the decision, which a commitment records' },
      { commitment: { amountCents: 9_000_000_000, decidedOn: '2017-04-12', decisionReference: 'T05-EUTF-NOA-LY-03' }, reason: null },
    ]);
  });

  it('names the lead country of every project it registers in several countries, one of them; leaves out, and names, one that names none', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { whyNotRegistered } from './infra/bin/seed.mjs';
      const { projects } = JSON.parse(readFileSync('seeds/projects.json', 'utf8'));
      console.log(JSON.stringify({
        registered: projects.filter((project) => project.countries.length > 1 && whyNotRegistered(project) === null).map((project) => [project.key, project.leadCountry, project.countries.includes(project.leadCountry)]),
        noLead: whyNotRegistered({ key: 'no-lead', countries: ['ML', 'NE'], leadCountry: null }),
        oneCountry: whyNotRegistered({ key: 'one', countries: ['ML'] }),
      }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      registered: [['south-south-cooperation-migration', 'ML', true]],
      noLead: 'it lists several countries and names none of them its lead',
      oneCountry: null,
    });
  });

  it('counts a returns figure once: the returns service holds it, and the project indicator it is also a result of refers to it and submits none', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { countedTwice, periodReturnsBodyOf, periodReintegrationBodyOf } from './infra/bin/seed-returns.mjs';
      const { projects } = JSON.parse(readFileSync('seeds/projects.json', 'utf8'));
      const returns = JSON.parse(readFileSync('seeds/returns.json', 'utf8'));
      const iom = projects.find((project) => project.key === 'ml-eu-iom-joint-initiative');
      const withResult = { ...iom, results: [...iom.results, { indicator: 'returned-home', value: 17181 }] };
      console.log(JSON.stringify({
        seeded: countedTwice(projects),
        withResult: countedTwice([withResult]),
        referredTo: projects.flatMap((project) => project.indicators.flatMap((indicator) => indicator.resultsInReturns ?? [])),
        returns: returns.periodReturns.map(periodReturnsBodyOf),
        reintegration: returns.periodReintegration.map(periodReintegrationBodyOf),
      }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const loaded = JSON.parse(run.stdout);
    expect(loaded.seeded).toEqual([]);
    expect(loaded.withResult).toEqual(['ml-eu-iom-joint-initiative/returned-home']);
    expect(loaded.referredTo).toEqual(['ml-iom-returned-2017-05-2020-10', 'ml-iom-reintegration-completed-2017-05-2020-10', 'ly-iom-returned-2017-01-2017-06']);
    const source004 = { document: '004_f049d9a19f4b6321', page: null };
    expect(loaded.returns).toEqual([
      { reportId: 'ml-iom-returned-2017-05-2020-10', hostCountry: null, countryOfOrigin: 'ML', period: { from: '2017-05', to: '2020-10' }, count: 17_181, valueQualifier: 'exact', source: source004 },
      { reportId: 'ly-iom-returned-2017-01-2017-06', hostCountry: 'LY', countryOfOrigin: null, period: { from: '2017-01', to: '2017-06' }, count: 4_000, valueQualifier: 'more-than', source: { document: '002_21535fd7b2306ce6', page: null } },
    ]);
    expect(loaded.reintegration).toEqual([
      { reportId: 'ml-iom-reintegration-completed-2017-05-2020-10', countryOfReturn: 'ML', stage: 'completed', period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact', source: source004 },
    ]);
  });
});
