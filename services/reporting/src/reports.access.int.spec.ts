import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mintDevelopmentToken, ReportLinks, ROLES, type Role } from '@eutf/identity';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { loadConfig } from '@eutf/service-runtime';
import { binaryBody, readPdf, requireInfrastructure } from '@eutf/testing';
import ExcelJS from 'exceljs';
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
  { path: '/countries/ML/factsheet.pdf', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet.pdf', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet.xlsx', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet.xlsx', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet/results.csv', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet/results.csv', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet/projects.csv', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet/projects.csv', role: 'delegation-officer' } },
  { path: '/countries/ML/factsheet/led-by-another-country.csv', allowed: ['delegation-officer', ...HEADQUARTERS], outOfScope: { path: '/countries/NE/factsheet/led-by-another-country.csv', role: 'delegation-officer' } },
  // The consolidated report serves everyone, narrowed to their scope (see below): in every format, by Accept or ?format=.
  ...[
    '/reports/consolidated',
    '/reports/consolidated?format=html',
    '/reports/consolidated?format=csv',
    '/reports/consolidated?format=xlsx',
    '/reports/consolidated?format=pdf',
    '/reports/consolidated.html',
    '/reports/consolidated.csv',
    '/reports/consolidated.xlsx',
    '/reports/consolidated.pdf',
    '/reports/consolidated?from=2016-06-01&to=2017-06-30',
  ].map(
    (path) => ({ path, allowed: [...ROLES] }),
  ),
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

  it('gives each role exactly its part of the consolidated report: headquarters all of it, an officer their country, a partner its own projects', async () => {
    const reportAs = async (roles: Role[], scope: { country?: string; org?: string }) => {
      const bearer = await mintDevelopmentToken({ subject: `${roles[0]}-consolidated`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
      const response = await request(app.getHttpServer()).get('/reports/consolidated?from=2016-06-01&to=2017-06-30').set('Authorization', `Bearer ${bearer}`);
      expect(response.status).toBe(200);
      const body = response.body as { audience: unknown; countries: Array<{ country: { code: string }; highLevelEngagement: unknown }>; totals: unknown; regional: unknown; otherCountries: unknown };
      return { audience: body.audience, countries: body.countries.map((section) => section.country.code), partnership: body.countries.map((section) => section.highLevelEngagement !== null), whole: [body.totals !== null, body.regional !== null, body.otherCountries !== null] };
    };
    const everything = { countries: ['NE', 'ML', 'NG', 'SN', 'ET'], partnership: [true, true, true, true, true], whole: [true, true, true] };
    for (const role of HEADQUARTERS) {
      expect([role, await reportAs([role], {})]).toEqual([role, { audience: { countries: everything.countries, partner: null, whole: true }, ...everything }]);
    }
    expect(await reportAs(['delegation-officer'], { country: 'ML' })).toEqual({ audience: { countries: ['ML'], partner: null, whole: false }, countries: ['ML'], partnership: [true], whole: [false, false, false] });
    // An officer of a country outside the five reads no section.
    expect(await reportAs(['delegation-officer'], { country: 'LY' })).toEqual({ audience: { countries: [], partner: null, whole: false }, countries: [], partnership: [], whole: [false, false, false] });
    // A partner with no project reads no section (the e2e suite shows a partner its own projects' sections).
    const org = `ORG${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    expect(await reportAs(['implementing-partner'], { org })).toEqual({ audience: { countries: [], partner: org, whole: false }, countries: [], partnership: [], whole: [false, false, false] });
  });

  it('answers the consolidated report in the format asked for: ?format= first, else Accept, else JSON', async () => {
    const analyst = await tokenFor('hq-analyst');
    const get = (path: string, accept?: string) => {
      const pending = request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${analyst}`);
      return accept ? pending.set('Accept', accept) : pending;
    };
    const typeOf = async (path: string, accept?: string) => String((await get(path, accept)).headers['content-type']).split(';')[0];
    expect(await typeOf('/reports/consolidated')).toBe('application/json');
    expect(await typeOf('/reports/consolidated', 'text/html')).toBe('text/html');
    expect(await typeOf('/reports/consolidated', 'text/csv')).toBe('text/csv');
    expect(await typeOf('/reports/consolidated?format=json', 'text/html')).toBe('application/json');
    expect(await typeOf('/reports/consolidated?format=html')).toBe('text/html');
    expect(await typeOf('/reports/consolidated.csv')).toBe('text/csv');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(await typeOf('/reports/consolidated', xlsx)).toBe(xlsx);
    expect(await typeOf('/reports/consolidated.xlsx')).toBe(xlsx);
    expect((await get('/reports/consolidated?format=xlsx&from=2016-06-01&to=2017-06-30')).headers['content-disposition']).toBe('attachment; filename="consolidated-report-2016-06-01-2017-06-30.xlsx"');
    const html = await get('/reports/consolidated?format=html&from=2016-06-01&to=2017-06-30');
    expect(html.text).toContain('<h2>Overview and totals</h2>');
    expect(html.text).toContain('1 June 2016 – 30 June 2017');
    expect(await typeOf('/reports/consolidated', 'application/pdf')).toBe('application/pdf');
    const pdf = await get('/reports/consolidated.pdf?from=2016-06-01&to=2017-06-30').buffer(true).parse(binaryBody);
    expect([pdf.status, pdf.headers['content-type'], pdf.headers['content-disposition']]).toEqual([200, 'application/pdf', 'attachment; filename="consolidated-report-2016-06-01-2017-06-30.pdf"']);
    const printed = await readPdf(pdf.body as Buffer);
    for (const heading of ['Overview and totals', 'Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia', 'Regional cooperation', 'Regional dialogue']) expect(printed.text).toContain(`\n${heading}\n`);
    expect(printed.flat).toContain('1 June 2016 – 30 June 2017');
    const badFormat = await get('/reports/consolidated?format=docx');
    expect([badFormat.status, badFormat.body.errors[0].field]).toEqual([400, 'query.format']);
    const badPeriod = await get('/reports/consolidated?from=2018-01-01&to=2017-01-01');
    expect([badPeriod.status, badPeriod.body.errors[0].field]).toEqual([400, 'query.from']);
  });

  it("answers a country's factsheet as a PDF with the sections of the page, and as a workbook", async () => {
    const officer = await mintDevelopmentToken({ subject: 'officer-factsheet', roles: ['delegation-officer'], country: 'ML' }, process.env['EUTF_DEV_JWT_SECRET'] as string);
    const download = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${officer}`).buffer(true).parse(binaryBody);
    const pdf = await download('/countries/ML/factsheet.pdf?from=2016-06-01&to=2017-03-31&asOf=2026-01-01T00:00:00Z');
    expect([pdf.status, pdf.headers['content-type'], pdf.headers['content-disposition']]).toEqual([200, 'application/pdf', 'attachment; filename="factsheet-ML-2016-06-01-2017-03-31.pdf"']);
    const printed = await readPdf(pdf.body as Buffer);
    for (const heading of ['High level engagement', 'Key progress by national authorities', 'EU support', 'Results', 'Next steps']) expect(printed.text).toContain(`\n${heading}\n`);
    expect([printed.title, printed.creationDate]).toEqual(['Mali — action and progress under the Migration Partnership Framework', 'D:20260101000000Z']);
    const xlsx = await download('/countries/ML/factsheet.xlsx?from=2016-06-01&to=2017-03-31');
    expect([xlsx.status, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Results');
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

  it('refuses ?access_token= on every route, even with a valid token', async () => {
    const analyst = await tokenFor('hq-analyst');
    for (const route of routes) {
      const response = await request(app.getHttpServer()).get(`${route.path}${route.path.includes('?') ? '&' : '?'}access_token=${analyst}`);
      expect([route.path, response.status, response.body.detail]).toEqual([route.path, 401, expect.stringMatching(/not taken in URLs/)]);
    }
  });
});

describe('report links', () => {
  const factsheet = '/countries/ML/factsheet.html?from=2016-06-01&to=2017-03-31';
  const linkFor = async (role: Role, path: string) =>
    request(app.getHttpServer()).post('/report-links').set('Authorization', `Bearer ${await tokenFor(role)}`).send({ path });

  it('are given to every role, for a report a person opens, and open it as the role would', async () => {
    expect((await request(app.getHttpServer()).post('/report-links').send({ path: factsheet })).status).toBe(401);
    for (const role of ROLES) {
      const answer = await linkFor(role, factsheet);
      expect([role, answer.status]).toEqual([role, 200]);
      expect(answer.body.url).toMatch(/^\/countries\/ML\/factsheet\.html\?from=2016-06-01&to=2017-03-31&link=[\w-]+\.[\w-]+\.[\w-]+$/);
      const lasts = Date.parse(answer.body.expiresAt) - Date.now();
      expect(lasts).toBeGreaterThan(9 * 60_000);
      expect(lasts).toBeLessThanOrEqual(10 * 60_000);
      const opened = await request(app.getHttpServer()).get(answer.body.url);
      expect([role, opened.status]).toEqual([role, ['delegation-officer', ...HEADQUARTERS].includes(role) ? 200 : 403]);
    }
    for (const path of ['/returns/by-origin-and-host.csv?country=ML', '/finance/country/rows.csv', '/reintegration/sex/table.csv', '/countries/ML/factsheet/projects.csv', '/reports/consolidated?format=html', '/reports/consolidated.csv', '/reports/consolidated.xlsx', '/reports/consolidated.pdf']) {
      const answer = await linkFor('implementing-partner', path);
      expect([path, answer.status]).toEqual([path, 200]);
      const opened = await request(app.getHttpServer()).get(answer.body.url);
      expect([path, opened.status]).toEqual([path, path.includes('factsheet') ? 403 : 200]);
    }
  });

  it('are asked for in JSON: a body in another media type gets 415, as on the period closes', async () => {
    const analyst = await tokenFor('hq-analyst');
    for (const path of ['/report-links', '/reports/consolidated/closures']) {
      const sent = await request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${analyst}`).set('Content-Type', 'text/plain').send(`path=${factsheet}`);
      expect([path, sent.status, sent.body.type]).toEqual([path, 415, expect.stringContaining('unsupported-media-type')]);
    }
  });

  it('are refused for a route that renders no report, or a path that is not one', async () => {
    for (const path of ['/projects', '/countries/ML/factsheet', '/report-links', 'https://elsewhere.example/countries/ML/factsheet.html', '/health/live']) {
      const answer = await linkFor('hq-analyst', path);
      expect([path, answer.status, answer.body.errors?.[0]?.field]).toEqual([path, 400, 'body.path']);
    }
    expect((await linkFor('hq-analyst', '')).status).toBe(400);
  });

  it('open only their own report: another path or query is 401, and so is an expired link', async () => {
    const { url } = (await linkFor('delegation-officer', factsheet)).body as { url: string };
    const link = new URL(url, 'http://x').searchParams.get('link') as string;
    expect((await request(app.getHttpServer()).get(url)).status).toBe(200);
    for (const other of [
      `/countries/ML/factsheet.html?from=2016-06-01&link=${link}`,
      `/countries/ML/factsheet.html?from=2016-06-01&to=2018-03-31&link=${link}`,
      `/countries/ML/factsheet/results.csv?from=2016-06-01&to=2017-03-31&link=${link}`,
      `/countries/ML/factsheet?from=2016-06-01&to=2017-03-31&link=${link}`,
      `/projects?link=${link}`,
    ]) {
      expect([other, (await request(app.getHttpServer()).get(other)).status]).toEqual([other, 401]);
    }
    const signer = app.get(ReportLinks).signer;
    const expired = await signer?.sign({ subject: 'hq-1', roles: ['hq-analyst'] }, factsheet, { now: new Date(Date.now() - 11 * 60_000) });
    const refused = await request(app.getHttpServer()).get(`${factsheet}&link=${expired?.token}`);
    expect([refused.status, refused.body.detail]).toEqual([401, expect.stringMatching(/expired/)]);
  });
});
