import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Role } from '@eutf/identity';
import ExcelJS from 'exceljs';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { binaryBody, readPdf, requireInfrastructure, validateIatiActivities } from '@eutf/testing';
import { createConnection } from 'mongoose';
import { Pool } from 'pg';
import request from 'supertest';
import { eventually, openThroughReportLink, ServiceProcesses, token, type Scope } from './e2e-support';

const root = resolve(__dirname, '../../..');
// Topics, schema and database of this run only: the seeded ids are the same in every run.
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const topics = `e2e-consolidated-${run}`;
let brokers: string;
let projects: string;
let reporting: string;
const services = new ServiceProcesses();

type Figure = { basis: string; figureId: string; description: string; value: number; valueQualifier: string | null; period: { from: string | null; to: string | null }; reportedBy: string; source: { document: string; quote: string } };
type Placed = { inPeriod: Figure[]; otherPeriods: Figure[] };
type Section = {
  country: { code: string };
  euSupport: { projects: { approved: number }; euContribution: { committedCents: number | null; paidCents: number | null }; measures: Array<{ entryId: string; date: string | null }> | null; reported: Placed; ledByAnotherCountry: Array<{ projectId: string; leadCountry: { code: string } }> };
  results: { reported: Placed };
  returnsAndReintegration: { byOriginAndHost: unknown; reported: Placed };
  highLevelEngagement: { count: number } | null;
};
type Report = { countries: Section[]; totals: { euSupport: { reported: Placed } } | null; regional: { cooperation: Placed; regionalDialogue: Placed } | null; otherCountries: Array<{ country: { code: string }; reported: Placed }> | null };

const TO_DATE = '/reports/consolidated?from=2016-06-01';
/** Reporting's database of this run. */
let mongoUrl: URL;
const FIRST_YEAR = '/reports/consolidated?from=2016-06-01&to=2017-06-30';

async function reportAs(path: string, roles: Role[], scope: Scope = {}): Promise<Report> {
  const response = await request(reporting).get(path).set('Authorization', `Bearer ${await token(roles, scope)}`);
  expect(response.status).toBe(200);
  return response.body as Report;
}

const figureIds = (placed: Placed | undefined) => ({ inPeriod: placed?.inPeriod.map((figure) => figure.figureId), otherPeriods: placed?.otherPeriods.map((figure) => figure.figureId) });
const mali = (report: Report) => report.countries.find((section) => section.country.code === 'ML');

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka', 'mongodb']);
  brokers = endpoints.kafka;
  await createTopicNamespace(brokers, topics);
  mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_consolidated_${run}`;
  [projects, reporting] = await Promise.all([
    services.start('projects', { DATABASE_SCHEMA: `e2e_consolidated_${run}`, EUTF_TOPIC_NAMESPACE: topics }),
    services.start('reporting', { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-consolidated-${run}`, EUTF_TOPIC_NAMESPACE: topics }),
  ]);
  const output = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'infra', 'bin', 'seed.mjs'), projects], { cwd: root, env: process.env });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? done(log) : fail(new Error(`the seed loader exited with ${code}: ${log}`))));
  });
  expect(output).toMatch(/demo data: reported figures: 22 recorded, 0 already there/);
  // Each scope is a stream of its own, and streams reach reporting in no set order: it has caught up
  // once its read model holds every figure the loader recorded, and Mali's section shows.
  await eventually('the 22 seeded figures in reporting\'s read model', figuresInReadModel, (count) => count === 22, 60);
  await eventually(
    'the seeded figures in the consolidated report',
    () => reportAs(TO_DATE, ['hq-analyst']),
    (report) => (mali(report)?.results.reported.otherPeriods.length ?? 0) + (mali(report)?.results.reported.inPeriod.length ?? 0) === 5 && (mali(report)?.euSupport.projects.approved ?? 0) === 6,
    60,
  );
}, 240_000);

/** How many figures reporting's read model holds, every scope together. */
async function figuresInReadModel(): Promise<number> {
  const connection = await createConnection(mongoUrl.toString()).asPromise();
  try {
    // Stored as text (`_doc`), as reporting stores its read models.
    const documents = (await connection.db?.collection('reported_figures').find({}).toArray()) ?? [];
    return documents.reduce((sum, document) => sum + ((JSON.parse(String(document['_doc'])) as { figures: unknown[] }).figures.length), 0);
  } finally {
    await connection.close();
  }
}

afterAll(async () => {
  await services.stopAll();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "e2e_consolidated_${run}" CASCADE`);
  await pool.end();
  if (brokers) await deleteTopicNamespace(brokers, topics);
});

describe('the consolidated progress report over the seeded data, end to end through Kafka and MongoDB', () => {
  it("shows the Fourth Progress Report's programme figures as reported, with their sources, beside the computed ones", async () => {
    const report = await reportAs(FIRST_YEAR, ['hq-analyst']);
    const approved = report.totals?.euSupport.reported.inPeriod.find((figure) => figure.figureId === 'eutf-projects-approved');
    expect(approved).toEqual({
      basis: 'reported',
      figureId: 'eutf-projects-approved',
      scope: { level: 'programme' },
      section: 'eu-support',
      description: 'Projects approved so far under the EU Emergency Trust Fund for Africa',
      value: 118,
      valueQualifier: null,
      unit: 'projects',
      period: { from: null, to: '2017-06' },
      reportedBy: 'European Commission (Fourth Progress Report on the Partnership Framework)',
      source: { document: '002_21535fd7b2306ce6.txt', quote: '118 projects have so far been approved.' },
    });
    expect(report.totals?.euSupport.reported.inPeriod.find((figure) => figure.figureId === 'eutf-resources')).toMatchObject({ value: 280_000_000_000, valueQualifier: 'around', unit: 'EUR cents' });
    // Cooperation: liaison officers in 12 partner countries; the G5 Joint Force support announced on 5 June 2017.
    expect(figureIds(report.regional?.cooperation)).toEqual({ inPeriod: ['g5-joint-force-support', 'liaison-officers-countries'], otherPeriods: [] });
    expect(report.regional?.cooperation.inPeriod.find((figure) => figure.figureId === 'liaison-officers-countries')?.source.quote).toBe(
      'including through the presence of European Migration Liaison Officers in 12 partner countries.',
    );
    // The Rabat Process's figures cover 2015-2017: shown apart from the first year's, with their own period.
    expect(figureIds(report.regional?.regionalDialogue)).toEqual({
      inPeriod: [],
      otherPeriods: ['rabat-process-observer-consultation-roundtables', 'rabat-process-participants', 'rabat-process-recommendations-issued', 'rabat-process-thematic-meetings-held'],
    });
    expect(report.regional?.regionalDialogue.otherPeriods.find((figure) => figure.figureId === 'rabat-process-participants')).toMatchObject({ value: 550, valueQualifier: 'more-than', period: { from: '2015', to: '2017' } });
    // Libya, on the Central Mediterranean route. Its "more than 4,000 returned" is a period report of
    // the returns service (returns.json), shown in the returns by host country, never again as a stated figure.
    expect(report.otherCountries?.find((entry) => entry.country.code === 'LY')?.reported.inPeriod.map((figure) => [figure.figureId, figure.value, figure.valueQualifier])).toEqual([
      ['libya-package', 9_000_000_000, null],
      ['csdp-activities-libya', 3, null],
    ]);
  });

  it("shows Mali's section: its dated support measures, no ledger data, and the GCM review's figures where a reader looks for them", async () => {
    const firstYear = mali(await reportAs(FIRST_YEAR, ['hq-analyst']));
    expect(firstYear?.euSupport.measures?.find((measure) => measure.entryId === 'ml-support-emlo')?.date).toBe('2017-02');
    expect(firstYear?.euSupport.euContribution).toMatchObject({ committedCents: null, paidCents: null });
    expect(firstYear?.highLevelEngagement?.count).toBeGreaterThan(0);
    // 2019-2021 lies outside the first year: left out of it.
    expect(figureIds(firstYear?.results.reported)).toEqual({ inPeriod: [], otherPeriods: ['gcm-diaspora-community-projects', 'gcm-diaspora-intellectuals', 'gcm-diaspora-productive-investments', 'gcm-hcme-training-sessions'] });

    const toDate = mali(await reportAs(TO_DATE, ['hq-analyst']));
    expect(toDate?.results.reported.inPeriod).toEqual([
      expect.objectContaining({
        figureId: 'gcm-nationals-in-distress-assisted',
        value: 10_000,
        period: { from: '2019', to: '2021' },
        reportedBy: 'Government of Mali (national report for the first regional review of the Global Compact for Migration)',
        source: { document: '001_ce7e31efc7ac2b9a.txt', quote: 'Assistance to 10,000 Malian nationals in distress between 2019 and 2021' },
      }),
    ]);
    expect(toDate?.results.reported.otherPeriods.map((figure) => [figure.figureId, figure.value])).toEqual([
      ['gcm-diaspora-community-projects', 110],
      ['gcm-diaspora-intellectuals', 105],
      ['gcm-diaspora-productive-investments', 15],
      ['gcm-hcme-training-sessions', 5],
    ]);
    expect(toDate?.returnsAndReintegration.reported.otherPeriods.map((figure) => [figure.figureId, figure.value, figure.period])).toEqual([['gcm-returnees-reintegration-supported', 2_500, { from: null, to: null }]]);
  });

  it('gives each role its part: headquarters all, an officer their country, a partner the sections of its own projects', async () => {
    // The last column: the multi-country projects the country takes part in, led by another (listed, not counted).
    const sections = (report: Report) =>
      report.countries.map((section) => [section.country.code, section.euSupport.projects.approved, section.highLevelEngagement !== null, section.results.reported.inPeriod.length, section.euSupport.ledByAnotherCountry.length]);
    // The South-South Cooperation Action (MA, CI, ML, SN) counts in Mali, which leads it; Senegal lists it.
    expect(sections(await reportAs(TO_DATE, ['hq-analyst']))).toEqual([['NE', 0, true, 0, 0], ['ML', 6, true, 1, 0], ['NG', 0, true, 0, 0], ['SN', 0, true, 0, 1], ['ET', 0, true, 0, 0]]);
    const officer = await reportAs(TO_DATE, ['delegation-officer'], { country: 'ML' });
    expect([sections(officer), officer.totals, officer.regional, officer.otherCountries]).toEqual([[['ML', 6, true, 1, 0]], null, null, null]);
    expect(sections(await reportAs(TO_DATE, ['delegation-officer'], { country: 'NE' }))).toEqual([['NE', 0, true, 0, 0]]);
    const senegal = await reportAs(TO_DATE, ['delegation-officer'], { country: 'SN' });
    expect(senegal.countries[0]?.euSupport.ledByAnotherCountry.map((project) => [project.projectId, project.leadCountry.code])).toEqual([['south-south-cooperation-migration', 'ML']]);
    // Partners: their own projects only, none of the partnership record or the reported figures.
    expect(sections(await reportAs(TO_DATE, ['implementing-partner'], { org: 'IOM' }))).toEqual([['ML', 1, false, 0, 0]]);
    expect(sections(await reportAs(TO_DATE, ['implementing-partner'], { org: 'AECID' }))).toEqual([['ML', 1, false, 0, 0]]);
    expect(sections(await reportAs(TO_DATE, ['implementing-partner'], { org: 'GIZ' }))).toEqual([['ML', 1, false, 0, 0], ['SN', 0, false, 0, 1]]);
    expect((await reportAs(TO_DATE, ['implementing-partner'], { org: 'IOM' })).totals).toBeNull();
  });

  it("lists Senegal's multi-country project led by Mali in every export, of the report and of Senegal's factsheet, and counts it in none of Senegal's figures", async () => {
    const analyst = await token(['hq-analyst']);
    const download = (path: string) => request(reporting).get(path).set('Authorization', `Bearer ${analyst}`).buffer(true).parse(binaryBody);
    const csv = await request(reporting).get(`${TO_DATE}&format=csv`).set('Authorization', `Bearer ${analyst}`);
    const ledElsewhere = csv.text.split('\r\n').filter((line) => line.startsWith('led-by-another-country,'));
    expect(ledElsewhere).toHaveLength(1);
    expect(ledElsewhere[0]).toMatch(/^led-by-another-country,SN,country-SN,.*\(south-south-cooperation-migration\),computed,,,,2016-06-01,.*,no,,,,"led by Mali \(ML\); countries MA CI ML SN; pipeline; counted in the lead country's section, not here",,$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(`${TO_DATE}&format=xlsx`)).body as ArrayBuffer);
    const listed: unknown[] = [];
    workbook.getWorksheet('Senegal')?.eachRow((row) => (row.getCell(1).value === 'led-by-another-country' ? listed.push([row.getCell(4).value, row.getCell(6).value, row.getCell(11).value]) : undefined));
    expect(listed).toEqual([[expect.stringContaining('(south-south-cooperation-migration)'), null, 'no']]);
    const { text } = await readPdf((await download(`${TO_DATE}&format=pdf`)).body as Buffer);
    const at = text.indexOf('Multi-country projects led by another country');
    expect(at).toBeGreaterThan(text.indexOf('\nSenegal\n'));
    expect(at).toBeLessThan(text.indexOf('\nEthiopia\n'));
    const factsheetCsv = await request(reporting).get('/countries/SN/factsheet/led-by-another-country.csv').set('Authorization', `Bearer ${analyst}`);
    expect(factsheetCsv.text.split('\r\n').filter((line) => line.includes('south-south-cooperation-migration'))).toEqual([expect.stringMatching(/^SN,south-south-cooperation-migration,,.*,ML,Mali,MA CI ML SN,/)]);
    const factsheet = new ExcelJS.Workbook();
    await factsheet.xlsx.load((await download('/countries/SN/factsheet.xlsx')).body as ArrayBuffer);
    const sheetRows: unknown[] = [];
    factsheet.getWorksheet('Led by another country')?.eachRow((row, index) => (index > 1 ? sheetRows.push([row.getCell(1).value, row.getCell(4).value]) : undefined));
    expect(sheetRows).toEqual([['south-south-cooperation-migration', 'ML']]);
    const projectsRows: unknown[] = [];
    factsheet.getWorksheet('Projects')?.eachRow((row) => projectsRows.push(row.getCell(1).value));
    expect(projectsRows).not.toContain('south-south-cooperation-migration');
  });

  it("shows a partner its co-partners' approved results on a shared project, never their results waiting for approval", async () => {
    const submitted = await request(projects)
      .post('/projects/ml-aecid-information-sensibilisation/results/csos-2021/submission')
      .set('Authorization', `Bearer ${await token(['implementing-partner'], { org: 'AECID' })}`)
      .send({ indicatorId: 'csos-funded', period: { from: '2021-01-01', to: '2021-06-30' }, value: 12, valueQualifier: null, disaggregation: [], narrative: 'e2e', evidenceLinks: [] });
    expect(submitted.status).toBe(200);
    // Results waiting for approval are counted, per section and indicator, with the span of their own periods.
    type Pending = { countries: Array<{ country: { code: string }; results: { pendingApproval: { byEutfIndicator: Array<{ results: number; periods: { from: string | null; to: string } }> } } }> };
    const pendingAs = async (roles: Role[], scope: Scope) =>
      ((await reportAs(TO_DATE, roles, scope)) as unknown as Pending).countries.flatMap((section) => section.results.pendingApproval.byEutfIndicator.map((group) => [section.country.code, group.results, group.periods]));
    const submittedOne = ['ML', 1, { from: '2021-01-01', to: '2021-06-30' }];
    await eventually('the pending result in the report', () => pendingAs(['hq-analyst'], {}), (counts) => counts.some((count) => JSON.stringify(count) === JSON.stringify(submittedOne)));
    expect(await pendingAs(['implementing-partner'], { org: 'AECID' })).toEqual([submittedOne]);
    expect(await pendingAs(['implementing-partner'], { org: 'MMEIA' })).toEqual([]);
    expect(await pendingAs(['delegation-officer'], { country: 'ML' })).toEqual([submittedOne]);
  });

  it('downloads as XLSX that opens, with the numbers of the JSON in the sheet of each section', async () => {
    const analyst = await token(['hq-analyst']);
    const json = (await request(reporting).get(TO_DATE).set('Authorization', `Bearer ${analyst}`)).body as Report & { totals: { euSupport: { reported: Placed } } };
    const download = await request(reporting)
      .get(`${TO_DATE}&format=xlsx`)
      .set('Authorization', `Bearer ${analyst}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.body as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Report', 'Totals', 'Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia', 'Regional cooperation', 'Regional dialogue', 'Other countries']);
    const rowsOf = (sheet: string) => {
      const rows: Array<{ figure: unknown; value: unknown; unit: unknown }> = [];
      workbook.getWorksheet(sheet)?.eachRow((row, index) => (index > 1 ? rows.push({ figure: row.getCell(4).value, value: row.getCell(6).value, unit: row.getCell(8).value }) : undefined));
      return rows;
    };
    const inSheet = (sheet: string, figure: string) => rowsOf(sheet).find((row) => row.figure === figure);
    const resources = json.totals.euSupport.reported.inPeriod.find((figure) => figure.figureId === 'eutf-resources');
    expect(inSheet('Totals', 'Overall resources available across the three regions covered by the EUTF')).toEqual({ figure: expect.any(String), value: (resources?.value ?? Number.NaN) / 100, unit: 'EUR' });
    expect(inSheet('Mali', 'projects approved')?.value).toBe(mali(json)?.euSupport.projects.approved);
    expect(inSheet('Mali', 'EU contribution committed')?.value).toBeNull();
    const assisted = mali(json)?.results.reported.inPeriod[0];
    expect(inSheet('Mali', assisted?.description ?? '')?.value).toBe(10_000);
    expect(inSheet('Regional dialogue', 'Rabat Process: participants')?.value).toBe(550);
  });

  it('prints as a PDF with the seeded sections and figures, as the JSON has them, through a report link', async () => {
    const analyst = await token(['hq-analyst']);
    const json = (await request(reporting).get(FIRST_YEAR).set('Authorization', `Bearer ${analyst}`)).body as Report;
    const link = await request(reporting).post('/report-links').set('Authorization', `Bearer ${analyst}`).send({ path: '/reports/consolidated.pdf?from=2016-06-01&to=2017-06-30' });
    const pdf = await request(reporting).get(link.body.url).buffer(true).parse(binaryBody);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const { text, flat } = await readPdf(pdf.body as Buffer);
    for (const heading of ['Overview and totals', 'Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia', 'Regional cooperation', 'Regional dialogue', 'Other countries', 'Libya']) expect(text).toContain(`\n${heading}\n`);
    expect(flat).toContain('1 June 2016 – 30 June 2017');
    expect(flat).toContain('“118 projects have so far been approved.”');
    expect(flat).toContain('around €2.8 billion');
    expect(flat).toContain('more than 550 participants');
    expect(mali(json)?.euSupport.projects.approved).toBeGreaterThan(0);
    expect(flat).toContain('no data');
  });

  it('prints the page and the CSV with the reported figures and their sources, through a report link', async () => {
    const analyst = await token(['hq-analyst']);
    const page = await openThroughReportLink(reporting, `${FIRST_YEAR}&format=html`, analyst);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<h2>Regional dialogue</h2>');
    expect(page.text).toContain('“118 projects have so far been approved.”');
    expect(page.text).toContain('around €2.8 billion');
    expect(page.text).toContain('more than 550 participants');
    const csv = await openThroughReportLink(reporting, '/reports/consolidated.csv?from=2016-06-01&to=2017-06-30', analyst);
    expect(csv.text).toContain('eu-support,,programme,Projects approved so far under the EU Emergency Trust Fund for Africa,reported,118,,projects,,2017-06,yes,European Commission (Fourth Progress Report on the Partnership Framework),002_21535fd7b2306ce6.txt,118 projects have so far been approved.,');
    expect(csv.text).toContain('totals,,programme,EU contribution committed,computed,,,EUR cents,2016-06-01,2017-06-30,yes,,,,no data');
  });

  it('exports the seeded projects as IATI 2.03 activity files that validate against the official XSD, per country and per project', async () => {
    const analyst = await token(['hq-analyst']);
    const { projects: register } = (await request(reporting).get('/projects').set('Authorization', `Bearer ${analyst}`)).body as { projects: Array<{ projectId: string; countries: string[] }> };
    const countries = [...new Set(register.flatMap((project) => project.countries))].sort();
    expect(countries).toEqual(expect.arrayContaining(['LY', 'ML', 'SN']));
    const activitiesIn = (xml: string) => [...xml.matchAll(/<iati-identifier>/g)].length;
    const files = [
      ...countries.map((country) => ({ path: `/reports/countries/${country}/iati`, activities: register.filter((project) => project.countries.includes(country)).length })),
      ...register.map((project) => ({ path: `/reports/projects/${project.projectId}/iati`, activities: 1 })),
    ];
    const answers = [];
    for (const file of files) {
      const response = await request(reporting).get(file.path).set('Authorization', `Bearer ${analyst}`);
      answers.push({ path: file.path, status: response.status, activities: activitiesIn(response.text), ...(await validateIatiActivities(response.text)) });
    }
    expect(answers).toEqual(files.map((file) => ({ ...file, status: 200, valid: true, errors: [] })));
  });
});
