import { Inject } from '@nestjs/common';
import { ReintegrationCompleted, reintegrationCompletedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import type { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { EXAMPLE_CASE_ID, REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';

const completeBody = reintegrationCompletedData.omit({ caseKey: true }).extend({ caseId: partnerId });
type CompleteRequest = z.infer<typeof completeBody>;

@ReintegrationRoute()
export class CompleteReintegrationRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/completions',
    status: 200,
    role: 'implementing-partner',
    summary: 'Record that a case completed its reintegration plan',
    params: projectParams,
    body: completeBody,
    example: { caseId: EXAMPLE_CASE_ID, completedOn: ReintegrationCompleted.example.completedOn },
    rules: documentedRules('partner-only', 'project-not-known', 'case-not-registered', 'case-closed', 'plan-not-approved', 'completion-needs-assistance', 'date-in-the-future', 'reintegration-counted-twice'),
    ...REINTEGRATION_EXAMPLE,
  })
  complete(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, CompleteRequest>) {
    const caseKey = this.keys.keyOf(organisationOf(input), 'case', body.caseId);
    return this.partnerStreams.caseload(params.projectId, { type: 'CompleteReintegration', caseKey, completedOn: body.completedOn }, input);
  }
}
