import { CommitmentAmended, commitmentAmendmentData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, fundingParams, FundingRoute, type FundingParams } from '../project-funding.route';

@FundingRoute()
export class AmendCommitmentRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/commitment/amendments',
    status: 201,
    role: 'hq-finance',
    summary: 'Top up or de-commit the commitment, saying why',
    params: fundingParams,
    body: commitmentAmendmentData,
    example: CommitmentAmended.example,
    rules: documentedFundingRules('project-unknown', 'commitment-not-recorded', 'decommitment-below-contracted'),
    ...FUNDING_ROUTE,
  })
  amend(@CommandRequest() { params, body, ...input }: CommandInput<FundingParams, z.infer<typeof commitmentAmendmentData>>) {
    return this.funding.run(params.projectId, { type: 'AmendCommitment', ...body }, input);
  }
}
