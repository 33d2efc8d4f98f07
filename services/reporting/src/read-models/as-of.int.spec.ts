import { HighLevelEngagementRecorded } from '@eutf/event-catalog';
import { eventually, reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';
import { FIRST_YEAR, getAsAnalyst, maliReturnsProject, maliReturnsTotal as returnsTotal, type ConsolidatedReportBody as Report } from '../test-support/mali-returns-indicator';

const reporting = reportingWithRecorderForSpec('as-of');
const { run, projectsTopic } = reporting;

const FACTSHEET = '/countries/ML/factsheet?from=2016-06-01&to=2017-06-30';
const get = (path: string) => getAsAnalyst(reporting.app(), path, 'hq-analyst-as-of');
async function reportAt(path: string): Promise<Report> {
  const response = await get(path);
  expect(response.status).toBe(200);
  return response.body as Report;
}

// The engagements are on a stream of their own, which reaches reporting in its own time: the waits count them too.
const engagements = (report: Report) =>
  (report as { countries: Array<{ country: { code: string }; highLevelEngagement?: { count: number } | null }> }).countries.find((section) => section.country.code === 'ML')?.highLevelEngagement?.count;

const project = maliReturnsProject(`ML-AS-OF-${run}`);

describe('a report as of a past instant', () => {
  it('equals, to the event, the report the system gave at that instant, whatever was recorded after it', async () => {
    // 1. What the system knows first: a project in Mali, its returns indicator, a result approved, an engagement.
    await reporting.recorder().record(projectsTopic, [
      ...project.opened,
      project.submitted('r1', 1_000, '2017-01-01', '2017-03-31'),
      project.approved('r1'),
      { streamId: 'country-partnership-ML', type: 'HighLevelEngagementRecorded', data: HighLevelEngagementRecorded.example },
    ]);
    const before = await eventually('the first result in the report', () => reportAt(FIRST_YEAR), (report) => returnsTotal(report) === 1_000 && engagements(report) === 1);
    const factsheetBefore = (await get(FACTSHEET)).body as unknown;
    const instant = new Date().toISOString();
    // `asOf` includes its own millisecond: what follows is recorded after it.
    while (Date.now() <= Date.parse(instant)) await new Promise((done) => setTimeout(done, 1));

    // 2. What it learns afterwards: a second result approved, a third waiting, a second engagement.
    const later = await reporting.recorder().record(projectsTopic, [
      project.submitted('r2', 500, '2017-04-01', '2017-06-30'),
      project.approved('r2'),
      project.submitted('r3', 250, '2017-04-01', '2017-06-30'),
      { streamId: 'country-partnership-ML', type: 'HighLevelEngagementRecorded', data: { ...HighLevelEngagementRecorded.example, entryId: 'visit-2017-05', date: '2017-05-02' } },
    ]);
    const after = await eventually('the later results in the report', () => reportAt(FIRST_YEAR), (report) => returnsTotal(report) === 1_500 && report.countries[1]?.results.pendingApproval.results === 1 && engagements(report) === 2);
    expect(after).not.toEqual(before);

    // 3. Asked as of the instant between the two: the report of then, equal in every field.
    expect(await reportAt(`${FIRST_YEAR}&asOf=${instant}`)).toEqual(before);
    expect((await get(`${FACTSHEET}&asOf=${instant}`)).body).toEqual(factsheetBefore);
    // As of now, the live report.
    expect(await reportAt(`${FIRST_YEAR}&asOf=${new Date().toISOString()}`)).toEqual(after);

    // 4. To the event: the approval of r2 counts from the instant it was recorded, not a millisecond before.
    const approval = later[1];
    const recordedAt = Date.parse(approval?.recordedAt ?? '');
    expect(returnsTotal(await reportAt(`${FIRST_YEAR}&asOf=${new Date(recordedAt).toISOString()}`))).toBe(1_500);
    expect(returnsTotal(await reportAt(`${FIRST_YEAR}&asOf=${new Date(recordedAt - 1).toISOString()}`))).toBe(1_000);
    // An instant with its offset reads the same.
    const inParis = new Date(recordedAt + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(returnsTotal(await reportAt(`${FIRST_YEAR}&asOf=${encodeURIComponent(inParis)}`))).toBe(1_500);
  }, 120_000);

  it('refuses an instant in the future or not an instant, naming asOf', async () => {
    for (const asOf of [new Date(Date.now() + 3_600_000).toISOString(), '2017-07-01', 'yesterday']) {
      const response = await get(`${FIRST_YEAR}&asOf=${asOf}`);
      expect([asOf, response.status]).toEqual([asOf, 400]);
      expect(JSON.stringify(response.body)).toContain('asOf');
    }
  });
});
