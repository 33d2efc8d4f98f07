import { Inject } from '@nestjs/common';
import { ReturnArrivalConfirmed, returnArrivalConfirmedData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { z } from 'zod';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, partnerId, projectParams, type ProjectParams } from '../../partner-request';
import { RETURNS_EXAMPLE, ReturnsRoute } from '../project-returns.route';

const confirmArrivalBody = returnArrivalConfirmedData.extend({ operationId: partnerId });
type ConfirmArrivalRequest = z.infer<typeof confirmArrivalBody>;

@ReturnsRoute()
export class ConfirmReturnArrivalRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/arrivals',
    status: 200,
    role: 'implementing-partner',
    summary: 'Confirm that a return operation arrived, with how many arrived',
    params: projectParams,
    body: confirmArrivalBody,
    example: { ...ReturnArrivalConfirmed.example, operationId: 'ly-ml-2017-05-charter-1' },
    rules: documentedRules('partner-only', 'project-not-known', 'operation-not-registered', 'operation-cancelled', 'operation-already-arrived', 'arrived-exceeds-departed', 'arrival-before-departure', 'date-in-the-future'),
    ...RETURNS_EXAMPLE,
  })
  confirm(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, ConfirmArrivalRequest>) {
    const operationId = this.keys.keyOf(organisationOf(input), 'operation', body.operationId);
    return this.partnerStreams.returns(params.projectId, { type: 'ConfirmReturnArrival', ...body, operationId }, input);
  }
}
