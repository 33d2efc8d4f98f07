import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEVELOPMENT_ONLY_JWT_SECRET, TokenVerifier } from '../src';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
const script = join(root, 'infra', 'bin', 'token.mjs');
const { EUTF_DEV_JWT_SECRET: _ignored, ...environmentWithoutSecret } = process.env;

/** Runs `node infra/bin/token.mjs …` as a developer would, and returns the printed token. */
async function tokenFromCli(args: string[], env: NodeJS.ProcessEnv = environmentWithoutSecret): Promise<string> {
  const { stdout } = await run(process.execPath, [script, ...args], { env });
  return stdout.trim();
}

describe('infra/bin/token.mjs, the development token command', () => {
  it('prints a token the library accepts, signed with the development default secret', async () => {
    const token = await tokenFromCli(['--role', 'hq-analyst', '--subject', 'hq-1']);

    const verifier = new TokenVerifier({ kind: 'development', secret: DEVELOPMENT_ONLY_JWT_SECRET });
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'hq-1', roles: ['hq-analyst'] });
  });

  it('signs with EUTF_DEV_JWT_SECRET when it is set, with the scope claim of the role', async () => {
    const secret = 'a-secret-for-the-token-command-0123456789';
    const token = await tokenFromCli(['--role', 'delegation-officer', '--country', 'ML', '--subject', 'officer-ml-1'], {
      ...environmentWithoutSecret,
      EUTF_DEV_JWT_SECRET: secret,
    });

    await expect(new TokenVerifier({ kind: 'development', secret }).verify(token)).resolves.toEqual({
      subject: 'officer-ml-1',
      roles: ['delegation-officer'],
      country: 'ML',
    });
    await expect(
      new TokenVerifier({ kind: 'development', secret: DEVELOPMENT_ONLY_JWT_SECRET }).verify(token),
    ).rejects.toMatchObject({ reason: 'signature verification failed' });
  });

  it('refuses claims the services would refuse, saying which', async () => {
    await expect(tokenFromCli(['--role', 'implementing-partner', '--subject', 'iom-1'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--org is required for the role implementing-partner'),
    });
  });

  it('works as printed: every token command in the README and in what npm start prints', async () => {
    const printed = ['README.md', 'infra/bin/start.mjs'].flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/node infra\/bin\/token\.mjs((?: --[a-z-]+ [A-Za-z0-9-]+)+)/g)].map((match) => match[1] as string),
    );
    expect(printed.length).toBeGreaterThanOrEqual(3);
    const verifier = new TokenVerifier({ kind: 'development', secret: DEVELOPMENT_ONLY_JWT_SECRET });
    for (const args of printed) {
      const principal = await verifier.verify(await tokenFromCli(args.trim().split(' ')));
      expect(principal.roles).toEqual([args.split(' ')[2]]);
    }
  });

  it('infra/bin/report-link.mjs works as printed: it names a report and a role, as README and npm start print it', () => {
    const printed = ['README.md', 'infra/bin/start.mjs'].flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/node infra\/bin\/report-link\.mjs (\/[^\s'`]+) --role ([a-z-]+)/g)].map((match) => ({ path: match[1] as string, role: match[2] as string })),
    );
    expect(printed.length).toBeGreaterThanOrEqual(2);
    for (const { path, role } of printed) {
      // A report a person opens in a browser: the factsheet page, the consolidated report, an IATI file.
      expect(path).toMatch(/^\/(countries\/[A-Z]{2}\/factsheet\.(html|pdf|xlsx)|reports\/consolidated(\.(html|csv|xlsx|pdf))?|reports\/(countries\/[A-Z]{2}|projects\/[A-Za-z0-9-]+)\/iati)(\?|$)/);
      expect(['hq-analyst', 'hq-finance', 'admin']).toContain(role);
    }
  });

  it('infra/bin/report-link.mjs asks the reporting service for a link and says why when it cannot', async () => {
    await expect(
      run(process.execPath, [join(root, 'infra', 'bin', 'report-link.mjs'), '/countries/ML/factsheet.html', '--reporting', 'http://127.0.0.1:9'], { env: environmentWithoutSecret }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('report-link:') });
    await expect(run(process.execPath, [join(root, 'infra', 'bin', 'report-link.mjs')], { env: environmentWithoutSecret })).rejects.toMatchObject({ code: 2 });
  });
});
