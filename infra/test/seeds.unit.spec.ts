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
});
