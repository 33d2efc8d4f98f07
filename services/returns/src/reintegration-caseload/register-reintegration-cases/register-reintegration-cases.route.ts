import { Inject } from '@nestjs/common';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, projectParams, type ProjectParams } from '../../partner-request';
import { REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';
import { REGISTER_REINTEGRATION_CASES_EXAMPLE, registerReintegrationCasesBody, type RegisterReintegrationCasesRequest } from './register-reintegration-cases.request';

@ReintegrationRoute()
export class RegisterReintegrationCasesRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/cases',
    status: 201,
    role: 'implementing-partner',
    summary: 'Register reintegration cases, many at once: all of them or none',
    description: 'Each case id is stored only as a keyed hash (HMAC under the deployment secret); the same cases sent again change nothing.',
    params: projectParams,
    body: registerReintegrationCasesBody,
    example: REGISTER_REINTEGRATION_CASES_EXAMPLE,
    rules: documentedRules('partner-only', 'project-not-known', 'project-closed', 'case-repeated-in-batch', 'case-already-registered', 'region-not-in-country', 'date-in-the-future', 'reintegration-counted-twice'),
    ...REINTEGRATION_EXAMPLE,
  })
  register(@CommandRequest() { params, body, ...input }: CommandInput<ProjectParams, RegisterReintegrationCasesRequest>) {
    const org = organisationOf(input);
    const cases = body.cases.map(({ caseId, ...facts }) => ({ ...facts, caseKey: this.keys.keyOf(org, 'case', caseId) }));
    return this.partnerStreams.caseload(params.projectId, { type: 'RegisterReintegrationCases', cases }, input);
  }
}
