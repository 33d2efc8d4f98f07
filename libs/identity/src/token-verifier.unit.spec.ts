import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload, KeyLike } from 'jose';
import { mintDevelopmentToken } from './dev-token';
import { jose } from './jose';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

const secret = 'a-secret-for-these-specs-only-0123456789';
const verifier = new TokenVerifier({ kind: 'development', secret });
const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** Signs whatever payload a spec needs, including ones mintDevelopmentToken refuses to make. */
function signed(payload: JWTPayload, overrides: { issuer?: string; audience?: string; key?: string } = {}) {
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(overrides.issuer ?? 'eutf-dev')
    .setAudience(overrides.audience ?? 'eutf-monitoring')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(overrides.key ?? secret));
}

async function rejection(token: string): Promise<TokenRejectedError> {
  const outcome = await verifier.verify(token).then(
    () => new Error('the token was accepted'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof TokenRejectedError)) throw outcome;
  return outcome;
}

describe('verifying development tokens', () => {
  it('accepts a development token and returns the principal it names', async () => {
    const token = await mintDevelopmentToken({ subject: 'officer-ml-1', roles: ['delegation-officer'], country: 'ML' }, secret);

    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'officer-ml-1',
      roles: ['delegation-officer'],
      country: 'ML',
    });
  });

  it('accepts a partner with its organisation, and several roles at once', async () => {
    const token = await mintDevelopmentToken(
      { subject: 'iom-ml-1', roles: ['implementing-partner', 'hq-analyst'], org: 'iom' },
      secret,
    );

    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'iom-ml-1',
      roles: ['implementing-partner', 'hq-analyst'],
      org: 'iom',
    });
  });

  it('keeps a scope claim only for the role it scopes', async () => {
    const token = await signed({ sub: 'hq-1', roles: ['hq-analyst'], country: 'ML', org: 'iom' });

    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'hq-1', roles: ['hq-analyst'] });
  });

  it('rejects an expired token, naming when it expired and whose it was', async () => {
    const token = await mintDevelopmentToken({ subject: 'hq-1', roles: ['hq-analyst'], expiresIn: -60 }, secret);

    const refused = await rejection(token);
    expect(refused.reason).toMatch(/^token expired at \d{4}-\d\d-\d\dT/);
    expect(refused.subject).toBe('hq-1');
  });

  it('rejects a token whose claims were tampered with', async () => {
    const token = await mintDevelopmentToken({ subject: 'partner-1', roles: ['implementing-partner'], org: 'iom' }, secret);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'partner-1', roles: ['admin'], iss: 'eutf-dev', aud: 'eutf-monitoring', exp: nowInSeconds() + 600 })).toString('base64url');

    const refused = await rejection(`${header}.${forged}.${signature}`);
    expect(refused.reason).toBe('signature verification failed');
    expect(refused.subject).toBeUndefined();
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signed({ sub: 'hq-1', roles: ['hq-analyst'] }, { key: 'somebody-elses-secret-0123456789abcdef' });

    await expect(rejection(token)).resolves.toMatchObject({ reason: 'signature verification failed' });
  });

  it('rejects a token from another issuer', async () => {
    const token = await signed({ sub: 'hq-1', roles: ['hq-analyst'] }, { issuer: 'https://login.example.org' });

    await expect(rejection(token)).resolves.toMatchObject({
      reason: 'issuer "https://login.example.org" is not accepted (expected "eutf-dev")',
    });
  });

  it('rejects a token meant for another audience', async () => {
    const token = await signed({ sub: 'hq-1', roles: ['hq-analyst'] }, { audience: 'another-api' });

    await expect(rejection(token)).resolves.toMatchObject({
      reason: 'audience "another-api" is not accepted (expected "eutf-monitoring")',
    });
  });

  it('rejects a token without an expiry', async () => {
    const token = await new jose.SignJWT({ sub: 'hq-1', roles: ['hq-analyst'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('eutf-dev')
      .setAudience('eutf-monitoring')
      .sign(new TextEncoder().encode(secret));

    await expect(rejection(token)).resolves.toMatchObject({ reason: 'claim exp: is required' });
  });

  it('rejects a delegation officer without a country', async () => {
    const token = await signed({ sub: 'officer-1', roles: ['delegation-officer'] });

    await expect(rejection(token)).resolves.toMatchObject({
      reason: 'claim country: is required for the role delegation-officer',
      subject: 'officer-1',
    });
  });

  it('rejects a country that is not an upper-case alpha-2 code', async () => {
    const token = await signed({ sub: 'officer-1', roles: ['delegation-officer'], country: 'Mali' });

    await expect(rejection(token)).resolves.toMatchObject({
      reason: 'claim country: must be an ISO 3166-1 alpha-2 code in upper case, e.g. ML',
    });
  });

  it('rejects an implementing partner without an organisation', async () => {
    const token = await signed({ sub: 'partner-1', roles: ['implementing-partner'] });

    await expect(rejection(token)).resolves.toMatchObject({
      reason: 'claim org: is required for the role implementing-partner',
    });
  });

  it('rejects an unknown role', async () => {
    const token = await signed({ sub: 'someone', roles: ['hq-analyst', 'superuser'] });

    await expect(rejection(token)).resolves.toMatchObject({
      reason:
        'claim roles.1: unknown role "superuser" (known: delegation-officer, implementing-partner, hq-finance, hq-analyst, admin)',
    });
  });

  it('rejects a token with no roles, or without a subject', async () => {
    await expect(rejection(await signed({ sub: 'someone', roles: [] }))).resolves.toMatchObject({
      reason: 'claim roles: must name at least one role',
    });
    await expect(rejection(await signed({ roles: ['admin'] }))).resolves.toMatchObject({ reason: 'claim sub: is required' });
  });

  it('rejects what is not a token at all', async () => {
    await expect(rejection('not-a-token')).resolves.toMatchObject({ reason: expect.stringMatching(/^malformed token/) });
  });

  it('rejects an unsigned token', async () => {
    const unsigned = new jose.UnsecuredJWT({ sub: 'hq-1', roles: ['admin'] })
      .setIssuer('eutf-dev')
      .setAudience('eutf-monitoring')
      .setExpirationTime('10m')
      .encode();

    await expect(rejection(unsigned)).resolves.toMatchObject({ reason: expect.stringMatching(/algorithm not accepted/) });
  });

  it('refuses a secret too short to be safe', () => {
    expect(() => new TokenVerifier({ kind: 'development', secret: 'short' })).toThrow(/at least 32 characters/);
  });
});

describe('verifying tokens of an identity provider (JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await jose.generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const issuer = 'https://login.eutf.example';
  const providerToken = (payload: JWTPayload, kid = 'key-1') =>
    new jose.SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience('eutf-monitoring')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token signed with a key of the provider', async () => {
    const jwksVerifier = new TokenVerifier({ kind: 'jwks', jwksUrl, issuer });

    await expect(jwksVerifier.verify(await providerToken({ sub: 'fin-1', roles: ['hq-finance'] }))).resolves.toEqual({
      subject: 'fin-1',
      roles: ['hq-finance'],
    });
  });

  it('rejects a development token and a token naming an unknown key', async () => {
    const jwksVerifier = new TokenVerifier({ kind: 'jwks', jwksUrl, issuer });
    const development = await mintDevelopmentToken({ subject: 'hq-1', roles: ['hq-analyst'] }, secret);

    await expect(jwksVerifier.verify(development)).rejects.toMatchObject({ reason: expect.stringMatching(/algorithm not accepted/) });
    await expect(jwksVerifier.verify(await providerToken({ sub: 'fin-1', roles: ['hq-finance'] }, 'key-2'))).rejects.toMatchObject({
      reason: 'no key of the identity provider matches the token (kid)',
    });
  });
});
