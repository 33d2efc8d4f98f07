import { Inject } from '@nestjs/common';
import { ReturnOperationCancelled, returnOperationCancelledData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { RETURNS_EXAMPLE, ReturnsRoute } from '../project-returns.route';

const cancelOperationBody = returnOperationCancelledData.extend({ operationId: partnerId });
type CancelOperationRequest = z.infer<typeof cancelOperationBody>;

@ReturnsRoute()
export class CancelReturnOperationRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/cancellations',
    status: 200,
    role: 'implementing-partner',
    summary: 'Cancel a registered return operation, with a coded reason',
    params: projectParams,
    body: cancelOperationBody,
    example: { ...ReturnOperationCancelled.example, operationId: 'ly-ml-2017-05-charter-1' },
    rules: documentedRules('partner-only', 'project-not-known', 'operation-not-registered', 'operation-cancelled', 'operation-already-arrived', 'date-in-the-future'),
    ...RETURNS_EXAMPLE,
  })
  cancel(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, CancelOperationRequest>) {
    const operationId = this.keys.keyOf(organisationOf(input), 'operation', body.operationId);
    return this.partnerStreams.returns(params.projectId, { type: 'CancelReturnOperation', ...body, operationId }, input);
  }
}
