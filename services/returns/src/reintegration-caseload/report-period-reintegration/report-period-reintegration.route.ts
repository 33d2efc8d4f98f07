import { Inject } from '@nestjs/common';
import { PeriodReintegrationReported, periodReintegrationReportedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import type { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';

export const reportPeriodReintegrationBody = periodReintegrationReportedData.omit({ projectId: true, partner: true }).extend({
  reportId: partnerId,
  source: periodReintegrationReportedData.shape.source.default(null),
});
export type ReportPeriodReintegrationRequest = z.infer<typeof reportPeriodReintegrationBody>;
const { projectId: _projectId, partner: _partner, ...example } = PeriodReintegrationReported.example;

@ReintegrationRoute()
export class ReportPeriodReintegrationRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/period-reports',
    status: 201,
    role: 'implementing-partner',
    summary: 'Report how many returnees started, completed or abandoned reintegration over a period',
    description: 'A month of a stage in a country is counted either by cases or by one period report: overlaps are refused, `reintegration-counted-twice`.',
    params: projectParams,
    body: reportPeriodReintegrationBody,
    example: { ...example, reportId: 'ml-completed-2017-05-2020-10' },
    rules: documentedRules('partner-only', 'project-not-known', 'project-closed', 'period-inverted', 'date-in-the-future', 'report-id-reused', 'reintegration-counted-twice'),
    ...REINTEGRATION_EXAMPLE,
  })
  report(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, ReportPeriodReintegrationRequest>) {
    const reportId = this.keys.keyOf(organisationOf(input), 'reintegration-report', body.reportId);
    return this.partnerStreams.caseload(params.projectId, { type: 'ReportPeriodReintegration', ...body, reportId }, input);
  }
}
