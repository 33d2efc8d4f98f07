import { HighLevelEngagementRecorded } from '@eutf/event-catalog';
import { mintDevelopmentToken } from '@eutf/identity';
import { binaryBody, readPdf } from '@eutf/testing';
import request from 'supertest';
import { FIRST_YEAR, getAsAnalyst, maliReturnsProject, maliReturnsTotal as returnsTotal, type ConsolidatedReportBody as Report } from '../test-support/mali-returns-indicator';
import { eventually, reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';
import { canonicalJson, sha256Hex } from './canonical-json';

const reporting = reportingWithRecorderForSpec('period-close');
const { run, projectsTopic } = reporting;

const NEXT_HALF = '/reports/consolidated?from=2017-07-01&to=2017-12-31';

const analyst = () => mintDevelopmentToken({ subject: 'hq-analyst-closing', roles: ['hq-analyst'] }, process.env['EUTF_DEV_JWT_SECRET'] as string);
const get = (path: string) => getAsAnalyst(reporting.app(), path, 'hq-analyst-closing');
/** The body exactly as sent, byte for byte. */
async function bytesOf(path: string): Promise<{ text: string; closure: unknown }> {
  const response = await request(reporting.app().getHttpServer())
    .get(path)
    .set('Authorization', `Bearer ${await analyst()}`)
    .buffer(true)
    .parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  expect(response.status).toBe(200);
  return { text: response.body as string, closure: response.headers['x-report-closure'] };
}
async function close(body: object, bearer?: string) {
  return request(reporting.app().getHttpServer()).post('/reports/consolidated/closures').set('Authorization', `Bearer ${bearer ?? (await analyst())}`).send(body);
}
async function reportAt(path: string): Promise<Report> {
  const response = await get(path);
  expect(response.status).toBe(200);
  return response.body as Report;
}

const project = maliReturnsProject(`ML-CLOSE-${run}`);

describe('closing a reporting period', () => {
  it('freezes the report: served byte for byte after later events, reproducible as of its close, restated only in the next report', async () => {
    // 1. Before the close: one result approved for the first quarter of 2017, one waiting for the second.
    await reporting.recorder().record(projectsTopic, [
      ...project.opened,
      project.submitted('r1', 1_000, '2017-01-01', '2017-03-31'),
      project.approved('r1'),
      project.submitted('r2', 500, '2017-04-01', '2017-06-30'),
      { streamId: 'country-partnership-ML', type: 'HighLevelEngagementRecorded', data: HighLevelEngagementRecorded.example },
    ]);
    await eventually('the first result in the report', () => reportAt(FIRST_YEAR), (report) => returnsTotal(report) === 1_000);

    // 2. The analyst closes June 2016 – June 2017.
    const closed = await close({ from: '2016-06-01', to: '2017-06-30' });
    expect(closed.status).toBe(201);
    const closure = closed.body as { closureId: string; version: number; closedAt: string; contentHash: string; closedBy: { subject: string }; reason: string | null };
    expect(closure).toMatchObject({ closureId: '2016-06-01_2017-06-30_v1', version: 1, reason: null, closedBy: { subject: 'hq-analyst-closing', role: 'hq-analyst' } });
    const frozen = await bytesOf(FIRST_YEAR);
    expect(frozen.closure).toBe(closure.closureId);
    expect(sha256Hex(frozen.text)).toBe(closure.contentHash);
    expect(returnsTotal(JSON.parse(frozen.text) as Report)).toBe(1_000);

    // 3. Reproducible: the report as of the close instant has the same hash, and the service says so.
    expect(sha256Hex(canonicalJson(await reportAt(`${FIRST_YEAR}&asOf=${closure.closedAt}`)))).toBe(closure.contentHash);
    expect((await get(`/reports/consolidated/closures/${closure.closureId}/verification`)).body).toMatchObject({ contentHash: closure.contentHash, recomputedHash: closure.contentHash, reproducible: true });

    // 4. After the close: r2 approved late for the closed period, and a result of the next half-year.
    await reporting.recorder().record(projectsTopic, [
      project.approved('r2'),
      project.submitted('r4', 300, '2017-07-01', '2017-09-30'),
      project.approved('r4'),
    ]);
    const next = await eventually('the next half-year in the report', () => reportAt(NEXT_HALF), (report) => returnsTotal(report) === 300 && (report.restatements?.length ?? 0) > 0);
    // The late approval shows in the next report, labelled as a restatement of the closed period.
    expect(next.restatements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ basis: 'restatement', restates: expect.objectContaining({ closureId: closure.closureId, period: { from: '2016-06-01', to: '2017-06-30' } }), country: 'ML', figure: 'EUTF 3.4 (2021) approved', frozenValue: 1_000, restatedValue: 1_500 }),
      ]),
    );
    // ... and never in the frozen one: the same bytes as before.
    expect((await bytesOf(FIRST_YEAR)).text).toBe(frozen.text);
    // Its PDF too: dated as of the close, not of the request, it is the same bytes whenever it is asked for.
    const pdfOf = async () => (await request(reporting.app().getHttpServer()).get(`${FIRST_YEAR}&format=pdf`).set('Authorization', `Bearer ${await analyst()}`).buffer(true).parse(binaryBody)).body as Buffer;
    const [pdf, pdfAgain] = [await pdfOf(), await pdfOf()];
    expect(pdf.equals(pdfAgain)).toBe(true);
    expect((await readPdf(pdf)).creationDate).toBe(`D:${closure.closedAt.slice(0, 19).replace(/[-:T]/g, '')}Z`);
    // The next report's CSV ends with the restatement: today's value, the closure and the value frozen in it.
    expect((await bytesOf(`${NEXT_HALF}&format=csv`)).text).toContain(`country,ML,country-ML,EUTF 3.4 (2021) approved,restatement,1500,,people,2016-06-01,2017-06-30,no,,,,,${closure.closureId},1000\r\n`);
    // An officer of Mali reads Mali's section of the frozen report; computed, it would count r2.
    const officerMl = await mintDevelopmentToken({ subject: 'officer-ml', roles: ['delegation-officer'], country: 'ML' }, process.env['EUTF_DEV_JWT_SECRET'] as string);
    const officersView = (await request(reporting.app().getHttpServer()).get(FIRST_YEAR).set('Authorization', `Bearer ${officerMl}`)).body as Report & { totals: unknown; audience: unknown };
    expect([officersView.countries.map((section) => section.country.code), returnsTotal(officersView), officersView.totals, officersView.audience]).toEqual([['ML'], 1_000, null, { countries: ['ML'], partner: null, whole: false }]);
    expect(officersView.countries).toEqual((JSON.parse(frozen.text) as Report).countries.filter((section) => section.country.code === 'ML'));
    // The period computed as of now does count it.
    expect(returnsTotal(await reportAt(`${FIRST_YEAR}&asOf=${new Date().toISOString()}`))).toBe(1_500);

    // 5. Reopening is refused; closing again needs a reason; an overlapping period cannot be closed.
    const reopened = await request(reporting.app().getHttpServer()).delete(`/reports/consolidated/closures/${closure.closureId}`).set('Authorization', `Bearer ${await analyst()}`);
    expect([reopened.status, reopened.body.rule]).toEqual([409, 'closed-period-never-reopens']);
    const again = await close({ from: '2016-06-01', to: '2017-06-30' });
    expect([again.status, again.body.rule]).toEqual([409, 'period-already-closed']);
    const overlapping = await close({ from: '2017-01-01', to: '2017-12-31' });
    expect([overlapping.status, overlapping.body.rule]).toEqual([409, 'closed-periods-overlap']);
    const running = await close({ from: '2017-07-01', to: new Date().toISOString().slice(0, 10) });
    expect([running.status, running.body.rule]).toEqual([422, 'period-not-over']);
    expect((await close({ from: '2018-01-01', to: '2018-06-30' }, officerMl)).status).toBe(403);

    // 6. A new version with a reason: it holds the late approval; the first stays readable as it was.
    const second = await close({ from: '2016-06-01', to: '2017-06-30', reason: 'IOM results for April–June 2017 approved after the close' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ closureId: '2016-06-01_2017-06-30_v2', version: 2, reason: 'IOM results for April–June 2017 approved after the close' });
    expect(second.body.contentHash).not.toBe(closure.contentHash);
    const latest = await bytesOf(FIRST_YEAR);
    expect([latest.closure, sha256Hex(latest.text), returnsTotal(JSON.parse(latest.text) as Report)]).toEqual(['2016-06-01_2017-06-30_v2', second.body.contentHash, 1_500]);
    expect((await bytesOf(`${FIRST_YEAR}&version=1`)).text).toBe(frozen.text);
    const listed = (await get('/reports/consolidated/closures')).body as { closures: Array<{ closureId: string }> };
    expect(listed.closures.map((entry) => entry.closureId)).toEqual(['2016-06-01_2017-06-30_v1', '2016-06-01_2017-06-30_v2']);
  }, 120_000);
});
