import { Workbook } from 'exceljs';
import { Pool } from 'pg';
import request from 'supertest';
import { capturedLogs } from '../test-support/captured-logs';
import { PersonalDataGenerator } from '../test-support/personal-data.generator';
import { partner, returnsAppForSpec } from '../test-support/returns-app';
import { CSV, XLSX } from './spreadsheet';

const service = returnsAppForSpec('sheetpii', { logLevel: 'debug' });
const logs = capturedLogs();
const PROJECT = 'ml-eu-iom-joint-initiative';
const SEED = Number(process.env['EUTF_TEST_SEED'] ?? 20_201_023);

/** Each kind of file: its route, its header, a valid row for the n-th upload (its own ids and month), and its id column. */
const FILES = [
  {
    path: `/returns/projects/${PROJECT}/monthly-returns-spreadsheet`,
    header: ['reportId', 'hostCountry', 'countryOfOrigin', 'month', 'count', 'valueQualifier', 'female/25-34', 'male/18-24'],
    row: (n: number) => [`rep-${n}`, 'LY', 'ML', `${2000 + Math.floor(n / 12)}-${String(1 + (n % 12)).padStart(2, '0')}`, '30', 'exact', '10', '20'],
    idColumn: 'reportId',
  },
  {
    path: `/reintegration/projects/${PROJECT}/cases-spreadsheet`,
    header: ['caseId', 'countryOfReturn', 'regionOfReturn', 'sex', 'ageBand', 'registeredOn'],
    row: (n: number) => [`case-${n}`, 'ML', 'ML-4', 'female', '18-24', '2019-06-01'],
    idColumn: 'caseId',
  },
];

const csvOf = (lines: string[][]) => Buffer.from(lines.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n'), 'utf8');

async function xlsxOf(lines: string[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const cells of lines) sheet.addRow(cells);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('no name, document number or phone number in a spreadsheet reaches an event, the view or a log', () => {
  beforeAll(async () => {
    await service.projectSeen(PROJECT, ['IOM']);
  });

  it(`refuses every file with one in a cell (or stores a partner's id only hashed), in CSV and XLSX, and the text is found nowhere (seed ${SEED})`, async () => {
    const generator = new PersonalDataGenerator(SEED);
    const token = await partner('IOM');
    const outcomes: string[] = [];
    let n = 0;
    for (const file of FILES) {
      for (const [format, mediaType] of [['csv', CSV], ['xlsx', XLSX]] as const) {
        const send = async (lines: string[][]) =>
          request(service.app.getHttpServer())
            .post(file.path)
            .set('Authorization', `Bearer ${token}`)
            .set('Content-Type', mediaType)
            .send(format === 'csv' ? csvOf(lines) : await xlsxOf(lines));
        // Each column of a valid row in turn, and a column no file has (header and cell), and a cell beyond the header.
        const placements = [
          ...file.header.map((column, index) => ({ where: column, lines: (text: string) => [file.header, file.row(n).map((cell, at) => (at === index ? text : cell))] })),
          { where: 'an unknown column', lines: (text: string) => [[...file.header, text], [...file.row(n), text]] },
          { where: 'a cell beyond the header', lines: (text: string) => [file.header, [...file.row(n), text]] },
        ];
        for (const placement of placements) {
          for (const kind of ['name', 'passport', 'phone'] as const) {
            n += 1;
            const text = generator[kind]();
            const response = await send(placement.lines(text));
            // The answer names the row and the column, never the text.
            expect(response.text).not.toContain(text);
            const accepted = response.status === 201;
            // Only a partner's own id may take it (when it fits an id's characters): it is stored as its keyed hash.
            if (accepted && placement.where !== file.idColumn) outcomes.push(`${file.path} ${format} ${placement.where} ${kind}: accepted`);
            if (!accepted && response.status !== 400) outcomes.push(`${file.path} ${format} ${placement.where} ${kind}: ${response.status}`);
          }
        }
      }
    }
    expect(outcomes).toEqual([]);

    const events = await service.allEvents();
    // Some files were recorded (an id that fits): the search below is what proves their ids hashed.
    expect(events.length).toBeGreaterThan(0);
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    const stored: string[] = [];
    try {
      const tables = await pool.query<{ table_schema: string; table_name: string }>('SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1::text[])', [service.schemas]);
      for (const { table_schema, table_name } of tables.rows) {
        const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table_schema}"."${table_name}" t`);
        stored.push(...rows.rows.map((row) => row.row));
      }
    } finally {
      await pool.end();
    }
    const everything = {
      events: JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
      tables: stored.join('\n'),
      logs: logs.text(),
    };
    expect(everything.logs).toContain('request completed');
    const found = generator.produced.flatMap((text) => Object.entries(everything).filter(([, haystack]) => haystack.includes(text)).map(([where]) => `${where}: ${text}`));
    expect(found).toEqual([]);
  }, 120_000);
});
