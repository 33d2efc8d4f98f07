import { ContractSigned, contractData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, fundingParams, FundingRoute, type FundingParams } from '../project-funding.route';

@FundingRoute()
export class SignContractRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts',
    status: 201,
    role: 'hq-finance',
    summary: 'Sign a contract with an implementing partner of the project, within what is committed',
    params: fundingParams,
    body: contractData,
    example: ContractSigned.example,
    rules: documentedFundingRules(
      'project-unknown',
      'project-not-open',
      'commitment-not-recorded',
      'contract-already-signed',
      'contract-dates-inverted',
      'partner-not-implementing',
      'contracts-exceed-commitment',
    ),
    ...FUNDING_ROUTE,
  })
  sign(@CommandRequest() { params, body, ...input }: CommandInput<FundingParams, z.infer<typeof contractData>>) {
    input.setLocation(`/projects/${params.projectId}/contracts/${body.contractId}`);
    return this.funding.run(params.projectId, { type: 'SignContract', ...body }, input);
  }
}
