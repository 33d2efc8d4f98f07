import { Inject } from '@nestjs/common';
import { PeriodReturnsReported, periodReturnsReportedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { RETURNS_EXAMPLE, ReturnsRoute } from '../project-returns.route';

export const reportPeriodReturnsBody = periodReturnsReportedData.omit({ projectId: true, partner: true }).extend({
  reportId: partnerId,
  breakdown: periodReturnsReportedData.shape.breakdown.default([]),
  source: periodReturnsReportedData.shape.source.default(null),
});
export type ReportPeriodReturnsRequest = z.infer<typeof reportPeriodReturnsBody>;

const { projectId: _projectId, partner: _partner, ...example } = PeriodReturnsReported.example;

@ReturnsRoute()
export class ReportPeriodReturnsRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/period-reports',
    status: 201,
    role: 'implementing-partner',
    summary: 'Report how many returned over a period (host country, country of origin, period as precise as known, count and qualifier)',
    description:
      'A month of returns on a route is counted either by operations or by one period report: a report over months that operations (or another report) already count on an overlapping route is refused, `returns-counted-twice`.',
    params: projectParams,
    body: reportPeriodReturnsBody,
    example: { ...example, reportId: 'ml-2017-05-2020-10' },
    rules: documentedRules('partner-only', 'project-not-known', 'project-closed', 'period-inverted', 'host-is-origin', 'cell-repeated', 'breakdown-does-not-add-up', 'date-in-the-future', 'report-id-reused', 'returns-counted-twice'),
    ...RETURNS_EXAMPLE,
  })
  report(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, ReportPeriodReturnsRequest>) {
    const reportId = this.keys.keyOf(organisationOf(input), 'returns-report', body.reportId);
    return this.partnerStreams.returns(params.projectId, { type: 'ReportPeriodReturns', ...body, reportId }, input);
  }
}
