import type { INestApplication } from '@nestjs/common';
import { mintDevelopmentToken } from '@eutf/identity';
import request from 'supertest';
import { ReadModelVersions } from '../read-models/read-model-versions';
import { ConsolidatedReportHttpController } from './consolidated-report.http.controller';
import { eventually, reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';
import { FIRST_YEAR, maliReturnsProject, maliReturnsTotal, type ConsolidatedReportBody as Report } from '../test-support/mali-returns-indicator';

// Two replicas on one database and the same consumer groups: Kafka gives each partition of a
// projection's topics to one of them, so a batch is written by one replica and not the other.
const reporting = reportingWithRecorderForSpec('report-cache', { replicas: 2 });
const { run, projectsTopic } = reporting;
const project = maliReturnsProject(`ML-CACHE-${run}`);

const READERS = {
  analyst: { subject: 'hq-analyst-cache', roles: ['hq-analyst' as const] },
  officer: { subject: 'officer-ml-cache', roles: ['delegation-officer' as const], country: 'ML' },
};

async function reportAs(app: INestApplication, reader: keyof typeof READERS): Promise<Report> {
  const bearer = await mintDevelopmentToken(READERS[reader], process.env['EUTF_DEV_JWT_SECRET'] as string);
  const response = await request(app.getHttpServer()).get(FIRST_YEAR).set('Authorization', `Bearer ${bearer}`);
  expect(response.status).toBe(200);
  return response.body as Report;
}

describe('the consolidated report, kept by the read models’ versions', () => {
  it('shows an event as soon as it is applied, on every replica and to every reader, though the report before it was kept', async () => {
    await reporting.recorder().record(projectsTopic, [...project.opened, project.submitted('r1', 1_000, '2017-01-01', '2017-03-31'), project.approved('r1')]);
    await eventually('the first result on the first replica', () => reportAs(reporting.app(0), 'analyst'), (report) => maliReturnsTotal(report) === 1_000);
    // Every replica and reader asks twice, so each has the report before the next event computed and kept.
    for (const replica of [0, 1]) {
      for (const reader of ['analyst', 'officer'] as const) {
        const first = await reportAs(reporting.app(replica), reader);
        expect([replica, reader, maliReturnsTotal(first)]).toEqual([replica, reader, 1_000]);
        expect(await reportAs(reporting.app(replica), reader)).toEqual(first);
      }
    }
    // The officer reads Mali's section only, the analyst every section: kept apart.
    expect((await reportAs(reporting.app(1), 'officer')).countries.map((section) => section.country.code)).toEqual(['ML']);
    expect((await reportAs(reporting.app(1), 'analyst')).countries.length).toBeGreaterThan(1);

    await reporting.recorder().record(projectsTopic, [project.submitted('r2', 500, '2017-04-01', '2017-06-30'), project.approved('r2')]);
    // Once one replica's report shows it, the read models hold it, whichever replica wrote it:
    // from then on every replica's report shows it at once, not some time later.
    await eventually('the second result on the first replica', () => reportAs(reporting.app(0), 'analyst'), (report) => maliReturnsTotal(report) === 1_500);
    for (const replica of [0, 1]) {
      for (const reader of ['analyst', 'officer'] as const) expect([replica, reader, maliReturnsTotal(await reportAs(reporting.app(replica), reader))]).toEqual([replica, reader, 1_500]);
    }
  }, 120_000);

  it('computes a report asked by many at once once, and answers each of them', async () => {
    const app = reporting.app(1);
    const controller = app.get(ConsolidatedReportHttpController);
    const versions = app.get(ReadModelVersions);
    const bearer = await mintDevelopmentToken(READERS.analyst, process.env['EUTF_DEV_JWT_SECRET'] as string);
    // A projection still applying the events above moves the versions, and a moved version is a new computation: then again, for a period not asked yet.
    for (const day of [31, 30, 29, 28, 27]) {
      const [before, readModels] = [controller.answerCounts().live.computed, await versions.current()];
      const answers = await Promise.all(Array.from({ length: 8 }, () => request(app.getHttpServer()).get(`/reports/consolidated?from=2016-06-01&to=2017-12-${day}`).set('Authorization', `Bearer ${bearer}`)));
      if ((await versions.current()) !== readModels) continue;
      for (const answer of answers) expect([answer.status, answer.body]).toEqual([200, answers[0]?.body]);
      expect(controller.answerCounts().live.computed - before).toBe(1);
      return;
    }
    throw new Error('the read models kept moving while the same report was asked');
  });
});
