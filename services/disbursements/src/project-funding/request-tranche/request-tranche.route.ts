import { TrancheRequested, trancheRequestData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { contractParams, FUNDING_ROUTE, FundingRoute, type ContractParams } from '../project-funding.route';

const requestTrancheBody = trancheRequestData.omit({ contractId: true });
const { contractId: _contractId, ...example } = TrancheRequested.example;

@FundingRoute()
export class RequestTrancheRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/tranches',
    status: 201,
    role: 'implementing-partner',
    summary: 'Request a tranche under one’s own contract: amount, period covered, justification code',
    description: 'The justification is a code of the EU contract payment terms: a request carries no free text about people.',
    params: contractParams,
    body: requestTrancheBody,
    example,
    rules: documentedFundingRules(
      'project-unknown',
      'partner-not-contractor',
      'contract-unknown',
      'project-not-open',
      'tranche-already-requested',
      'period-inverted',
      'requests-exceed-contract',
      'commitment-not-recorded',
    ),
    ...FUNDING_ROUTE,
  })
  request(@CommandRequest() { params, body, ...input }: CommandInput<ContractParams, z.infer<typeof requestTrancheBody>>) {
    input.setLocation(`/projects/${params.projectId}/contracts/${params.contractId}/tranches/${body.trancheId}`);
    return this.funding.run(params.projectId, { type: 'RequestTranche', contractId: params.contractId, ...body }, input);
  }
}
