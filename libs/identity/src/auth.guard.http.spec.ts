import { Controller, Get, INestApplication, Logger, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { CurrentPrincipal } from './current-principal.decorator';
import { mintDevelopmentToken } from './dev-token';
import { IdentityModule } from './identity.module';
import { Principal, actorOf } from './principal';
import { FORBIDDEN_PROBLEM, UNAUTHENTICATED_PROBLEM } from './refusals';
import { ReportLink, ReportLinks } from './report-link';
import { Public, Roles } from './roles.decorator';
import { assertCountryScope } from './scope';

const secret = 'a-secret-for-these-specs-only-0123456789';
const linkSecret = 'a-link-secret-for-these-specs-only-0123456789';
/** Stands for the aggregate load a real handler does after its scope check. */
const loadCountryState = jest.fn((country: string) => ({ country }));

@Controller()
class ProbeController {
  @Public()
  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  @Roles('hq-analyst')
  @Get('reports/consolidated')
  consolidated(@CurrentPrincipal() principal: Principal) {
    return { readBy: principal.subject };
  }

  @Roles('delegation-officer')
  @Get('countries/:country/factsheet')
  factsheet(@Param('country') country: string, @CurrentPrincipal() principal: Principal) {
    assertCountryScope(principal, country);
    return { ...loadCountryState(country), actor: actorOf(principal, 'delegation-officer') };
  }

  @Roles('delegation-officer')
  @ReportLink()
  @Get('countries/:country/factsheet.html')
  factsheetPage(@Param('country') country: string, @CurrentPrincipal() principal: Principal) {
    assertCountryScope(principal, country);
    return { page: country, readBy: principal.subject };
  }

  @Get('forgotten')
  forgotten() {
    return { reachable: true };
  }
}

describe('authentication and authorisation over HTTP', () => {
  let app: INestApplication;
  let warn: jest.SpyInstance;
  let links: ReportLinks;
  const tokens: Record<'analyst' | 'officerMl' | 'partner', string> = { analyst: '', officerMl: '', partner: '' };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [IdentityModule.forRoot({ kind: 'development', secret }, { secret: linkSecret })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    links = app.get(ReportLinks);
    tokens.analyst = await mintDevelopmentToken({ subject: 'hq-1', roles: ['hq-analyst'] }, secret);
    tokens.officerMl = await mintDevelopmentToken({ subject: 'officer-ml-1', roles: ['delegation-officer'], country: 'ML' }, secret);
    tokens.partner = await mintDevelopmentToken({ subject: 'iom-1', roles: ['implementing-partner'], org: 'iom' }, secret);
  });

  afterAll(() => app.close());

  beforeEach(() => {
    loadCountryState.mockClear();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const http = () => request(app.getHttpServer());
  const loggedRefusals = () => warn.mock.calls.map(([fields]) => fields as Record<string, unknown>);

  it('serves a public route without a token', async () => {
    await http().get('/health/live').expect(200, { status: 'up' });
  });

  it('answers 401 without a bearer token', async () => {
    const response = await http().get('/reports/consolidated').expect(401);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="eutf-monitoring"');
    expect(response.body).toEqual({
      type: UNAUTHENTICATED_PROBLEM,
      title: 'Authentication required',
      status: 401,
      detail: 'A bearer token is required (Authorization: Bearer <token>)',
    });
    expect(loggedRefusals()).toEqual([expect.objectContaining({ outcome: 'unauthenticated', route: 'GET /reports/consolidated' })]);
  });

  it('answers 401 to a bad token, saying why, and never logs the token', async () => {
    const expired = await mintDevelopmentToken({ subject: 'hq-1', roles: ['hq-analyst'], expiresIn: -60 }, secret);

    const response = await http().get('/reports/consolidated').auth(expired, { type: 'bearer' }).expect(401);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="eutf-monitoring", error="invalid_token"');
    expect(response.body).toMatchObject({
      type: UNAUTHENTICATED_PROBLEM,
      status: 401,
      detail: expect.stringMatching(/^The bearer token was rejected: token expired at /),
    });
    expect(loggedRefusals()).toEqual([expect.objectContaining({ outcome: 'unauthenticated', subject: 'hq-1' })]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(expired);

    const garbage = await http().get('/reports/consolidated').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(garbage.body).toMatchObject({ type: UNAUTHENTICATED_PROBLEM, detail: expect.stringMatching(/malformed token/) });
    await http().get('/reports/consolidated').set('Authorization', `Basic ${tokens.analyst}`).expect(401);
  });

  it('answers 200 to the role a route names', async () => {
    await http().get('/reports/consolidated').auth(tokens.analyst, { type: 'bearer' }).expect(200, { readBy: 'hq-1' });
  });

  it('answers 403 to a role the route does not name, naming the role it needs', async () => {
    const response = await http().get('/reports/consolidated').auth(tokens.officerMl, { type: 'bearer' }).expect(403);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: FORBIDDEN_PROBLEM,
      title: 'Not allowed for this role or scope',
      status: 403,
      detail: 'This action requires the role hq-analyst; the token grants delegation-officer',
    });
    expect(loggedRefusals()).toEqual([
      expect.objectContaining({
        outcome: 'forbidden',
        subject: 'officer-ml-1',
        roles: ['delegation-officer'],
        route: 'GET /reports/consolidated',
        reason: response.body.detail,
      }),
    ]);
  });

  it('lets a delegation officer read their own country, acting as themselves', async () => {
    const response = await http().get('/countries/ML/factsheet').auth(tokens.officerMl, { type: 'bearer' }).expect(200);

    expect(response.body).toEqual({
      country: 'ML',
      actor: { subject: 'officer-ml-1', role: 'delegation-officer', country: 'ML' },
    });
    expect(loadCountryState).toHaveBeenCalledWith('ML');
  });

  it('answers 403 to a delegation officer of another country, before any state is read', async () => {
    const response = await http().get('/countries/SN/factsheet').auth(tokens.officerMl, { type: 'bearer' }).expect(403);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: FORBIDDEN_PROBLEM,
      title: 'Not allowed for this role or scope',
      status: 403,
      detail: 'Acting on country SN requires the role delegation-officer with country SN; the token is scoped to country ML',
    });
    expect(loadCountryState).not.toHaveBeenCalled();
    expect(loggedRefusals()).toEqual([expect.objectContaining({ outcome: 'forbidden', subject: 'officer-ml-1' })]);
  });

  it('answers 403 to a partner on an officer route', async () => {
    const response = await http().get('/countries/ML/factsheet').auth(tokens.partner, { type: 'bearer' }).expect(403);

    expect(response.body.detail).toBe('This action requires the role delegation-officer; the token grants implementing-partner');
    expect(loadCountryState).not.toHaveBeenCalled();
  });

  it('refuses everyone on a route that declares no roles', async () => {
    const response = await http().get('/forgotten').auth(tokens.analyst, { type: 'bearer' }).expect(403);

    expect(response.body).toMatchObject({ type: FORBIDDEN_PROBLEM, detail: 'This route declares no roles (@Roles) and is not public' });
  });

  describe('tokens in URLs', () => {
    it('refuses ?access_token= everywhere, even a valid token, even on a public route', async () => {
      for (const path of ['/reports/consolidated', '/countries/ML/factsheet.html', '/health/live']) {
        const response = await http().get(`${path}?access_token=${tokens.analyst}`).set('Authorization', `Bearer ${tokens.analyst}`).expect(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.detail).toMatch(/Tokens are not taken in URLs .*POST \/report-links/);
      }
    });

    it('opens a @ReportLink() route with a link signed for its exact path and query, as the principal in the link', async () => {
      const signer = links.signer as NonNullable<ReportLinks['signer']>;
      const officer = { subject: 'officer-ml-1', roles: ['delegation-officer' as const], country: 'ML' };
      const { token } = await signer.sign(officer, '/countries/ML/factsheet.html?from=2016-06-01');
      await http().get(`/countries/ML/factsheet.html?from=2016-06-01&link=${token}`).expect(200, { page: 'ML', readBy: 'officer-ml-1' });
      await http().get(`/countries/ML/factsheet.html?link=${token}&from=2016-06-01`).expect(200);
      // Another query, another path, another route.
      expect((await http().get(`/countries/ML/factsheet.html?from=2017-01-01&link=${token}`).expect(401)).body.detail).toMatch(/another report/);
      await http().get(`/countries/ML/factsheet.html?link=${token}`).expect(401);
      await http().get(`/countries/ML/factsheet?from=2016-06-01&link=${token}`).expect(401);
      // The handler's scope check applies to the principal in the link.
      const elsewhere = await signer.sign(officer, '/countries/NE/factsheet.html');
      await http().get(`/countries/NE/factsheet.html?link=${elsewhere.token}`).expect(403);
      const expired = await signer.sign(officer, '/countries/ML/factsheet.html', { now: new Date(Date.now() - 11 * 60_000) });
      expect((await http().get(`/countries/ML/factsheet.html?link=${expired.token}`).expect(401)).body.detail).toMatch(/expired/);
    });

    it('takes no link on any other route, and no bearer token as a link', async () => {
      const signer = links.signer as NonNullable<ReportLinks['signer']>;
      const { token } = await signer.sign({ subject: 'hq-1', roles: ['hq-analyst'] }, '/reports/consolidated');
      expect((await http().get(`/reports/consolidated?link=${token}`).expect(401)).body.detail).toMatch(/takes no report link/);
      expect((await http().get(`/countries/ML/factsheet.html?link=${tokens.officerMl}`).expect(401)).body.detail).toMatch(/rejected/);
    });
  });
});
