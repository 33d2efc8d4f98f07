import { jose } from './jose';
import { deriveReportLinkKey, reportLinkTarget, ReportLinkSigner } from './report-link';
import { TokenRejectedError } from './token-verifier';

const secret = 'a-report-link-secret-for-these-specs-0123456789';
const signer = new ReportLinkSigner(secret);
const officer = { subject: 'officer-ml-1', roles: ['delegation-officer' as const], country: 'ML' };
const factsheet = '/countries/ML/factsheet.html?from=2016-06-01&to=2017-03-31';

const reason = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(TokenRejectedError);
  return (error as TokenRejectedError).reason;
};

describe('report links', () => {
  it('speak for the principal they were signed for, on the path and query they were signed for', async () => {
    const { token, target, expiresAt } = await signer.sign(officer, factsheet);
    expect(target).toBe(factsheet);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    await expect(signer.verify(token, factsheet)).resolves.toEqual(officer);
    // The link parameter itself is not part of what it is for.
    await expect(signer.verify(token, `${factsheet}&link=${token}`)).resolves.toEqual(officer);
  });

  it('open no other path and no other query', async () => {
    const { token } = await signer.sign(officer, factsheet);
    expect(await reason(signer.verify(token, '/countries/NE/factsheet.html?from=2016-06-01&to=2017-03-31'))).toMatch(/another report/);
    expect(await reason(signer.verify(token, '/countries/ML/factsheet.html?from=2016-06-01'))).toMatch(/another report/);
    expect(await reason(signer.verify(token, `${factsheet}&extra=1`))).toMatch(/another report/);
  });

  it('expire: 10 minutes by default, at most 15', async () => {
    const { token } = await signer.sign(officer, factsheet, { now: new Date(Date.now() - 11 * 60_000) });
    expect(await reason(signer.verify(token, factsheet))).toMatch(/expired/);
    await expect(signer.sign(officer, factsheet, { seconds: 15 * 60 + 1 })).rejects.toThrow(RangeError);
    const { expiresAt } = await signer.sign(officer, factsheet, { seconds: 15 * 60 });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('are refused when tampered with, signed with another key, or made for another purpose', async () => {
    const { token } = await signer.sign(officer, factsheet);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expect(await reason(signer.verify(`${header}.${forged}.${signature}`, factsheet))).toMatch(/signature/);
    const other = await new ReportLinkSigner('another-report-link-secret-0123456789abc').sign(officer, factsheet);
    expect(await reason(signer.verify(other.token, factsheet))).toMatch(/signature/);
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const sign = (extra: Record<string, unknown>, issuer = 'eutf-report-links', lasts = 60) =>
      new jose.SignJWT({ roles: ['hq-analyst'], ...extra })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setSubject('hq-1')
        .setAudience(factsheet)
        .setIssuedAt(now)
        .setExpirationTime(now + lasts)
        .sign(key);
    expect(await reason(signer.verify(await sign({ purpose: 'bearer' }), factsheet))).toMatch(/not a report link/);
    expect(await reason(signer.verify(await sign({}), factsheet))).toMatch(/not a report link/);
    expect(await reason(signer.verify(await sign({ purpose: 'report-link' }, 'eutf-dev'), factsheet))).toMatch(/not a report link/);
    expect(await reason(signer.verify(await sign({ purpose: 'report-link' }, undefined, 24 * 3600), factsheet))).toMatch(/longer/);
    await expect(signer.verify(await sign({ purpose: 'report-link' }), factsheet)).resolves.toEqual({ subject: 'hq-1', roles: ['hq-analyst'] });
    expect(await reason(signer.verify('not-a-link', factsheet))).toMatch(/malformed/);
  });

  it('name their target in one spelling, and need a key of at least 32 characters', () => {
    expect(reportLinkTarget('/a/b.csv?link=x&from=2016-06-01')).toBe('/a/b.csv?from=2016-06-01');
    expect(reportLinkTarget('/a/b.csv?link=x')).toBe('/a/b.csv');
    expect(() => new ReportLinkSigner('short')).toThrow(/EUTF_REPORT_LINK_SECRET must be at least 32/);
    expect(deriveReportLinkKey('a-development-secret-0123456789abcdef')).toHaveLength(43);
    expect(deriveReportLinkKey('a-development-secret-0123456789abcdef')).not.toContain('development');
  });
});
