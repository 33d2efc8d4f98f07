import { Inject } from '@nestjs/common';
import { ReintegrationAssistanceDelivered, reintegrationAssistanceDeliveredData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import type { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { EXAMPLE_CASE_ID, REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';

const recordAssistanceBody = reintegrationAssistanceDeliveredData.omit({ caseKey: true }).extend({ caseId: partnerId, assistanceId: partnerId });
type RecordAssistanceRequest = z.infer<typeof recordAssistanceBody>;
const { caseKey: _caseKey, ...example } = ReintegrationAssistanceDelivered.example;

@ReintegrationRoute()
export class RecordReintegrationAssistanceRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/assistance-deliveries',
    status: 201,
    role: 'implementing-partner',
    summary: 'Record assistance delivered to a case under its plan: kind, date, value in euro cents',
    params: projectParams,
    body: recordAssistanceBody,
    example: { ...example, caseId: EXAMPLE_CASE_ID, assistanceId: 'a-2018-04-10' },
    rules: documentedRules('partner-only', 'project-not-known', 'case-not-registered', 'case-closed', 'plan-not-approved', 'assistance-id-reused', 'date-in-the-future'),
    ...REINTEGRATION_EXAMPLE,
  })
  record(@CommandRequest() { params, body: { caseId, assistanceId, ...assistance }, ...input }: CommandInput<ProjectParams, RecordAssistanceRequest>) {
    const org = organisationOf(input);
    const ids = { caseKey: this.keys.keyOf(org, 'case', caseId), assistanceId: this.keys.keyOf(org, 'assistance', assistanceId) };
    return this.partnerStreams.caseload(params.projectId, { type: 'RecordReintegrationAssistance', ...assistance, ...ids }, input);
  }
}
