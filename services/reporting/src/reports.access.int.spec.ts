import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mintDevelopmentToken, ROLES, type Role } from '@eutf/identity';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { loadConfig } from '@eutf/service-runtime';
import { requireInfrastructure } from '@eutf/testing';
import request from 'supertest';
import { AppModule } from './app.module';
import { environment } from './config';

let app: INestApplication;

const scopeOf = (role: Role) => (role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});
const tokenFor = (role: Role) => mintDevelopmentToken({ subject: `${role}-reader`, roles: [role], ...scopeOf(role) }, process.env['EUTF_DEV_JWT_SECRET'] as string);

const HEADQUARTERS: Role[] = ['hq-analyst', 'hq-finance', 'admin'];
/** Every read route, and the status each role gets (officer of ML, partner IOM) in and out of scope. */
// The register serves everyone, narrowed to their scope: a partner's `?country=` filters its own
// projects, an officer's `?partner=` their country's; asking for another scope is refused.
const routes: Array<{ path: string; allowed: Role[]; outOfScope?: { path: string; role: Role } | Array<{ path: string; role: Role }> }> = [
  { path: '/projects', allowed: [...ROLES] },
  { path: '/projects?country=ML', allowed: [...ROLES], outOfScope: { path: '/projects?country=NE', role: 'delegation-officer' } },
  { path: '/projects?partner=IOM', allowed: [...ROLES], outOfScope: { path: '/projects?partner=GIZ', role: 'implementing-partner' } },
  { path: '/countries/ML/factsheet', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet.html', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet.html', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet/results.csv', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet/results.csv', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet/projects.csv', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet/projects.csv', role: 'delegation-officer' } },
  // Returns and reintegration serve everyone, narrowed to their scope; another country or organisation is refused.
  ...returnsRoutes([
    '/returns',
    '/returns/by-origin-and-host.csv',
    '/returns/by-month-and-host.csv',
    ...['country', 'region', 'sex', 'age-band'].flatMap((dimension) => [`/reintegration/${dimension}`, `/reintegration/${dimension}/table.csv`]),
  ]),
];

function returnsRoutes(paths: string[]) {
  return paths.flatMap((path) => [
    { path, allowed: [...ROLES] },
    {
      path: `${path}?country=ML&partner=IOM`,
      allowed: [...ROLES],
      outOfScope: [
        { path: `${path}?country=NE`, role: 'delegation-officer' as const },
        { path: `${path}?partner=GIZ`, role: 'implementing-partner' as const },
      ],
    },
  ]);
}

beforeAll(async () => {
  const { mongodb } = await requireInfrastructure(['kafka', 'mongodb']);
  const mongoUrl = new URL(mongodb);
  mongoUrl.pathname = `/access_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const config = loadConfig(environment, { ...process.env, MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-access-${randomUUID()}` });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
});

afterAll(async () => app?.close());

describe('every read route of the reporting service', () => {
  it.each(routes)('$path: 401 without a token, 2xx for the roles it serves, 403 for the others and out of scope', async (route) => {
    const get = async (path: string, role?: Role) => {
      const pending = request(app.getHttpServer()).get(path);
      return (role ? pending.set('Authorization', `Bearer ${await tokenFor(role)}`) : pending).then((response) => response.status);
    };
    expect(await get(route.path)).toBe(401);
    for (const role of ROLES) {
      expect([role, await get(route.path, role)]).toEqual([role, route.allowed.includes(role) ? 200 : 403]);
    }
    for (const outOfScope of [route.outOfScope ?? []].flat()) expect([outOfScope.path, await get(outOfScope.path, outOfScope.role)]).toEqual([outOfScope.path, 403]);
  });

  it('answers an unknown project 404, whoever asks', async () => {
    const response = await request(app.getHttpServer()).get('/projects/T05-EUTF-SAH-ML-99').set('Authorization', `Bearer ${await tokenFor('hq-analyst')}`);
    expect(response.status).toBe(404);
  });

  it('answers a malformed country or period 400 naming it', async () => {
    const analyst = await tokenFor('hq-analyst');
    const badCountry = await request(app.getHttpServer()).get('/countries/mali/factsheet').set('Authorization', `Bearer ${analyst}`);
    expect(badCountry.status).toBe(400);
    expect(badCountry.body.errors[0].field).toBe('params');
    const badPeriod = await request(app.getHttpServer()).get('/countries/ML/factsheet?from=2018-01-01&to=2017-01-01').set('Authorization', `Bearer ${analyst}`);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('query.from');
  });

  it('answers an unknown reintegration dimension or a malformed country 400 naming it', async () => {
    const analyst = await tokenFor('hq-analyst');
    const badDimension = await request(app.getHttpServer()).get('/reintegration/religion').set('Authorization', `Bearer ${analyst}`);
    expect([badDimension.status, badDimension.body.errors[0].field]).toEqual([400, 'params.dimension']);
    const badCountry = await request(app.getHttpServer()).get('/returns?country=mali').set('Authorization', `Bearer ${analyst}`);
    expect([badCountry.status, badCountry.body.errors[0].field]).toEqual([400, 'query.country']);
  });
});
