import { Inject } from '@nestjs/common';
import { ReintegrationPlanApproved, reintegrationPlanApprovedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import type { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { EXAMPLE_CASE_ID, REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';

const approvePlanBody = reintegrationPlanApprovedData.omit({ caseKey: true }).extend({ caseId: partnerId });
type ApprovePlanRequest = z.infer<typeof approvePlanBody>;
const { caseKey: _caseKey, ...example } = ReintegrationPlanApproved.example;

@ReintegrationRoute()
export class ApproveReintegrationPlanRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/plan-approvals',
    status: 200,
    role: 'implementing-partner',
    summary: "Approve a case's reintegration plan: its areas and its level",
    params: projectParams,
    body: approvePlanBody,
    example: { caseId: EXAMPLE_CASE_ID, ...example },
    rules: documentedRules('partner-only', 'project-not-known', 'case-not-registered', 'case-closed', 'plan-already-approved', 'date-in-the-future'),
    ...REINTEGRATION_EXAMPLE,
  })
  approve(@CommandRequest() { params, body: { caseId, ...plan }, ...input }: CommandInput<ProjectParams, ApprovePlanRequest>) {
    const caseKey = this.keys.keyOf(organisationOf(input), 'case', caseId);
    return this.partnerStreams.caseload(params.projectId, { type: 'ApproveReintegrationPlan', ...plan, caseKey }, input);
  }
}
