import type { INestApplication } from '@nestjs/common';
import { IndicatorDefined, ProjectRegistered, projectStream, ResultSubmitted } from '@eutf/event-catalog';
import { mintDevelopmentToken } from '@eutf/identity';
import request from 'supertest';

/** The part of the consolidated report the time-travel specs compare. */
export type ConsolidatedReportBody = {
  restatements?: Array<{ basis: string; restates: { closureId: string; period: { from: string; to: string } }; country: string | null; figure: string; frozenValue: number | null; restatedValue: number | null }>;
  countries: Array<{ country: { code: string }; results: { byEutfIndicator: Array<{ code: string; total: number | null }>; pendingApproval: { results: number } } }>;
};

export const FIRST_YEAR = '/reports/consolidated?from=2016-06-01&to=2017-06-30';

/** Mali's total for EUTF indicator 3.4 (returns), the figure these specs move in time. */
export const maliReturnsTotal = (report: ConsolidatedReportBody) =>
  report.countries.find((section) => section.country.code === 'ML')?.results.byEutfIndicator.find((total) => total.code === '3.4')?.total ?? null;

/** A project in Mali, implementing, with a per-period returns indicator: results for different quarters add up. */
export function maliReturnsProject(projectId: string) {
  const streamId = projectStream.id(projectId);
  return {
    streamId,
    opened: [
      { streamId, type: 'ProjectRegistered', data: { ...ProjectRegistered.example, projectId, reference: null } },
      { streamId, type: 'ProjectImplementationStarted', data: { startedOn: '2017-04-01' } },
      { streamId, type: 'IndicatorDefined', data: { ...IndicatorDefined.example, measurement: 'per-period' } },
    ],
    submitted: (resultId: string, value: number, from: string, to: string) => ({
      streamId,
      type: 'ResultSubmitted',
      data: { ...ResultSubmitted.example, resultId, value, period: { from, to }, disaggregation: [] },
    }),
    approved: (resultId: string) => ({ streamId, type: 'ResultApproved', data: { resultId } }),
  };
}

/** A GET as headquarters' analyst. */
export async function getAsAnalyst(app: INestApplication, path: string, subject: string) {
  const bearer = await mintDevelopmentToken({ subject, roles: ['hq-analyst'] }, process.env['EUTF_DEV_JWT_SECRET'] as string);
  return request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${bearer}`);
}
