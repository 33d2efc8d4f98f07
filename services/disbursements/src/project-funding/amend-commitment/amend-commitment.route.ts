import { CommitmentAmended, commitmentAmendmentData, FreeTextBatch } from '@eutf/event-catalog';
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
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: fundingParams,
    body: commitmentAmendmentData,
    example: { ...CommitmentAmended.example, reason: 'Operational committee decision to extend the action' },
    rules: documentedFundingRules('project-unknown', 'commitment-not-recorded', 'decommitment-below-contracted'),
    ...FUNDING_ROUTE,
  })
  amend(@CommandRequest() { params, body, ...input }: CommandInput<FundingParams, z.infer<typeof commitmentAmendmentData>>) {
    const texts = new FreeTextBatch();
    return this.funding.run(params.projectId, { type: 'AmendCommitment', ...body, reason: texts.text('reason', body.reason) }, input, texts);
  }
}
