import { Inject } from '@nestjs/common';
import { ReintegrationAbandoned, reintegrationAbandonedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import type { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { EXAMPLE_CASE_ID, REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';

const abandonBody = reintegrationAbandonedData.omit({ caseKey: true }).extend({ caseId: partnerId });
type AbandonRequest = z.infer<typeof abandonBody>;

@ReintegrationRoute()
export class AbandonReintegrationRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/abandonments',
    status: 200,
    role: 'implementing-partner',
    summary: 'Record that a case closed without completing its plan',
    params: projectParams,
    body: abandonBody,
    example: { caseId: EXAMPLE_CASE_ID, abandonedOn: ReintegrationAbandoned.example.abandonedOn },
    rules: documentedRules('partner-only', 'project-not-known', 'case-not-registered', 'case-closed', 'date-in-the-future', 'reintegration-counted-twice'),
    ...REINTEGRATION_EXAMPLE,
  })
  abandon(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, AbandonRequest>) {
    const caseKey = this.keys.keyOf(organisationOf(input), 'case', body.caseId);
    return this.partnerStreams.caseload(params.projectId, { type: 'AbandonReintegration', caseKey, abandonedOn: body.abandonedOn }, input);
  }
}
