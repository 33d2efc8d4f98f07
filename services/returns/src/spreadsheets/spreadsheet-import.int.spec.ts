import { Workbook } from 'exceljs';
import { mintDevelopmentToken, ROLES, type Role } from '@eutf/identity';
import request from 'supertest';
import { partner, returnsAppForSpec, tokenAs } from '../test-support/returns-app';
import { CSV, XLSX } from './spreadsheet';

const service = returnsAppForSpec('imports');
const PROJECT = 'ml-eu-iom-joint-initiative';
const MONTHLY = `/returns/projects/${PROJECT}/monthly-returns-spreadsheet`;
const CASES = `/reintegration/projects/${PROJECT}/cases-spreadsheet`;

const upload = async (path: string, bearer: string | undefined, mediaType: string, file: Buffer | string, headers: Record<string, string> = {}) => {
  let call = request(service.app.getHttpServer()).post(path).set('Content-Type', mediaType).set(headers);
  if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
  return call.send(typeof file === 'string' ? Buffer.from(file, 'utf8') : file);
};

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function xlsx(rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('cases');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const monthlyHeader = 'reportId,hostCountry,countryOfOrigin,month,count,valueQualifier,female/18-24,male/18-24';
const monthly = (third: string) =>
  csv(monthlyHeader, 'ly-ml-2019-01,LY,ML,2019-01,140,exact,35,105', third, 'ne-all-2019-01,NE,,2019-01,210,around,,', 'ly-ml-2019-03,LY,ML,2019-03,77,exact,,');

/** Events as text, to search: stream versions and positions are bigints. */
const asText = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));

const eventCount = async () => (await service.allEvents()).length;

describe("a partner's spreadsheet of monthly returns, over HTTP on the real PostgreSQL and Kafka", () => {
  beforeAll(async () => {
    await service.projectSeen(PROJECT, ['IOM']);
  });

  it('refuses a file with one bad row whole, naming its row and column; takes the fixed file; changes nothing when it comes again', async () => {
    const iom = await partner('IOM');
    const before = await eventCount();

    const bad = await upload(MONTHLY, iom, CSV, monthly('ly-ml-2019-02,LY,ML,2019-02,ninety-six,exact,,'));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'count', field: 'rows[3].count' })]);
    expect(bad.body.detail).toMatch(/^row 3, column count: /);
    expect(await eventCount()).toBe(before);

    const fixed = monthly('ly-ml-2019-02,LY,ML,2019-02,96,exact,,');
    const accepted = await upload(MONTHLY, iom, CSV, fixed);
    expect(accepted.status).toBe(201);
    expect(accepted.body.eventIds).toHaveLength(4);
    const recorded = (await service.allEvents()).slice(before);
    expect(recorded.map((event) => event.type)).toEqual(['PeriodReturnsReported', 'PeriodReturnsReported', 'PeriodReturnsReported', 'PeriodReturnsReported']);
    expect(recorded[0]?.data).toEqual(expect.objectContaining({ hostCountry: 'LY', countryOfOrigin: 'ML', period: { from: '2019-01', to: '2019-01' }, count: 140, breakdown: [{ sex: 'female', ageBand: '18-24', count: 35 }, { sex: 'male', ageBand: '18-24', count: 105 }] }));
    expect(recorded[2]?.data).toEqual(expect.objectContaining({ hostCountry: 'NE', countryOfOrigin: null, valueQualifier: 'around' }));
    // The partner's report ids are stored only as keyed hashes.
    expect(asText(recorded)).not.toContain('ly-ml-2019-01');

    const again = await upload(MONTHLY, iom, CSV, fixed);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(expect.objectContaining({ replayed: true, eventIds: accepted.body.eventIds }));
    // Another of the partner's staff, with an Idempotency-Key of their own: still the same file.
    const colleagueToken = await mintDevelopmentToken({ subject: 'iom-colleague', roles: ['implementing-partner'], org: 'IOM' }, process.env['EUTF_DEV_JWT_SECRET'] as string);
    const colleague = await upload(MONTHLY, colleagueToken, CSV, fixed, { 'Idempotency-Key': 'my-own-key-123' });
    expect(colleague.body.replayed).toBe(true);
    expect(await eventCount()).toBe(before + 4);
  });

  it('refuses a row that breaks a rule, naming the rule, its row and column: two rows counting one month (returns-counted-twice)', async () => {
    const before = await eventCount();
    const response = await upload(MONTHLY, await partner('IOM'), CSV, csv(monthlyHeader, 'ly-ml-2020-01,LY,ML,2020-01,10,exact,,', 'ly-ml-2020-01-bis,LY,ML,2020-01,12,exact,,'));
    expect(response.status).toBe(409);
    expect(response.body).toEqual(expect.objectContaining({ rule: 'returns-counted-twice', row: 3, column: 'month' }));
    expect(await eventCount()).toBe(before);
  });

  it('refuses every problem of the header: an unknown column (by its letter), a column twice, a missing one', async () => {
    const iom = await partner('IOM');
    const unknown = await upload(MONTHLY, iom, CSV, csv(`${monthlyHeader},remarks`, 'ly-ml-2021-01,LY,ML,2021-01,10,exact,,,'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'I', message: expect.stringContaining('is not a column of this file') })]);
    const twice = await upload(MONTHLY, iom, CSV, csv('reportId,hostCountry,countryOfOrigin,month,count,valueQualifier,count', 'r,LY,ML,2021-01,10,exact,10'));
    expect(twice.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'count', message: 'is given twice (columns E and G)' })]);
    const missing = await upload(MONTHLY, iom, CSV, csv('reportId,hostCountry,month,count,valueQualifier', 'r,LY,2021-01,10,exact'));
    expect(missing.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'countryOfOrigin', message: 'is missing' })]);
  });

  it('answers 415 for another media type, 400 for an unreadable file, 401 without a token, 403 for every other role and for another partner', async () => {
    const file = monthly('ly-ml-2019-02,LY,ML,2019-02,96,exact,,');
    expect((await upload(MONTHLY, await partner('IOM'), 'application/json', '{"reports":[]}')).status).toBe(415);
    expect((await upload(MONTHLY, await partner('IOM'), XLSX, 'not a workbook')).body).toEqual(expect.objectContaining({ status: 400, detail: 'The file is not a readable XLSX workbook' }));
    expect((await upload(MONTHLY, await partner('IOM'), CSV, Buffer.from([0x72, 0xff, 0x2c]))).status).toBe(400);
    expect((await upload(MONTHLY, await partner('IOM'), CSV, Buffer.alloc(5 * 1024 * 1024 + 1, 'a'))).status).toBe(413);
    for (const path of [MONTHLY, CASES]) {
      expect((await upload(path, undefined, CSV, file)).status).toBe(401);
      for (const role of ROLES.filter((other) => other !== 'implementing-partner')) expect([path, role, (await upload(path, await tokenAs(role as Role), CSV, file)).status]).toEqual([path, role, 403]);
      const giz = await upload(path, await partner('GIZ'), CSV, path === MONTHLY ? file : csv('caseId,countryOfReturn,sex,ageBand,registeredOn', 'c-1,ML,male,18-24,2019-01-02'));
      // A partner that does not implement the project gets what an unknown project gets: no existence oracle.
      expect([path, giz.status, giz.body.rule]).toEqual([path, 422, 'project-not-known']);
    }
  });
});

describe("a partner's spreadsheet of reintegration cases (XLSX)", () => {
  const header = ['caseId', 'countryOfReturn', 'regionOfReturn', 'sex', 'ageBand', 'registeredOn'];
  const rows = (second: Array<string | Date | null>) => [
    header,
    ['IOM-ML-2019-000001', 'ML', 'ML-4', 'male', '18-24', new Date(Date.UTC(2019, 1, 12))],
    second,
    ['IOM-ML-2019-000003', 'ML', null, 'female', '35-59', '2019-02-14'],
  ];

  it('refuses a file whose second case breaks a rule, naming row and column; registers the fixed file whole; changes nothing when it comes again', async () => {
    const iom = await partner('IOM');
    const before = await eventCount();
    const bad = await upload(CASES, iom, XLSX, await xlsx(rows(['IOM-ML-2019-000002', 'ML', 'NE-1', 'female', '25-34', '2019-02-13'])));
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual(expect.objectContaining({ rule: 'region-not-in-country', row: 3, column: 'regionOfReturn' }));
    const invalid = await upload(CASES, iom, XLSX, await xlsx(rows(['IOM-ML-2019-000002', 'ML', 'ML-1', 'F', '25-34', '13/02/2019'])));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { row: number; column: string }) => `${error.row}/${error.column}`)).toEqual(['3/sex', '3/registeredOn']);
    expect(await eventCount()).toBe(before);

    const fixed = await xlsx(rows(['IOM-ML-2019-000002', 'ML', 'ML-1', 'female', '25-34', '2019-02-13']));
    const accepted = await upload(CASES, iom, XLSX, fixed);
    expect(accepted.status).toBe(201);
    const recorded = (await service.allEvents()).slice(before);
    expect(recorded.map((event) => [event.type, (event.data as { registeredOn: string }).registeredOn])).toEqual([
      ['ReintegrationCaseRegistered', '2019-02-12'],
      ['ReintegrationCaseRegistered', '2019-02-13'],
      ['ReintegrationCaseRegistered', '2019-02-14'],
    ]);
    expect(asText(recorded)).not.toContain('IOM-ML-2019');

    expect((await upload(CASES, iom, XLSX, fixed)).body.replayed).toBe(true);
    expect(await eventCount()).toBe(before + 3);
  });

  it('refuses a formula where a value belongs', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('cases');
    sheet.addRow(header);
    sheet.addRow(['IOM-ML-2019-000009', 'ML', null, 'male', '18-24', '2019-03-01']);
    sheet.getCell('B2').value = { formula: 'CONCAT("M","L")', result: 'ML', date1904: false };
    const response = await upload(CASES, await partner('IOM'), XLSX, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'countryOfReturn', message: 'holds a formula: enter the value itself' })]);
  });
});
