import { Inject } from '@nestjs/common';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, projectParams, type ProjectParams } from '../../partner-request';
import { RETURNS_EXAMPLE, ReturnsRoute } from '../project-returns.route';
import { REGISTER_RETURN_OPERATION_EXAMPLE, registerReturnOperationBody, type RegisterReturnOperationRequest } from './register-return-operation.request';

@ReturnsRoute()
export class RegisterReturnOperationRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/operations',
    status: 201,
    role: 'implementing-partner',
    summary: 'Register an assisted voluntary return, a charter or a convoy, counted by sex and age band',
    description: "The operation's id is the partner's own; only its keyed hash is stored. There is no field for a name, a document or a note.",
    params: projectParams,
    body: registerReturnOperationBody,
    example: REGISTER_RETURN_OPERATION_EXAMPLE,
    rules: documentedRules(
      'partner-only',
      'project-not-known',
      'project-closed',
      'host-is-origin',
      'cell-repeated',
      'operation-has-nobody',
      'vulnerability-exceeds-departed',
      'unaccompanied-minors-exceed-minors',
      'date-in-the-future',
      'operation-id-reused',
      'returns-counted-twice',
    ),
    ...RETURNS_EXAMPLE,
  })
  register(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, RegisterReturnOperationRequest>) {
    const operationId = this.keys.keyOf(organisationOf(input), 'operation', body.operationId);
    return this.partnerStreams.returns(params.projectId, { type: 'RegisterReturnOperation', ...body, operationId }, input);
  }
}
