import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

describe('the demo data in seeds/', () => {
  it('cites, for every figure and statement, a passage found verbatim in its source document', () => {
    const check = spawnSync(process.execPath, [join(root, 'seeds/check-sources.mjs')], { cwd: root, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/seeds: \d+ sources checked, all found/);
    expect(check.status).toBe(0);
  });
});
