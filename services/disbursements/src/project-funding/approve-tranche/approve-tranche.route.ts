import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, FundingRoute, trancheParams, type TrancheParams } from '../project-funding.route';

@FundingRoute()
export class ApproveTrancheRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/tranches/:trancheId/approval',
    status: 200,
    role: 'delegation-officer',
    summary: "Approve a tranche request, for the amount requested (the officer of the project's country)",
    params: trancheParams,
    rules: documentedFundingRules('project-unknown', 'officer-not-lead-country', 'tranche-unknown', 'tranche-not-pending', 'commitment-not-recorded'),
    ...FUNDING_ROUTE,
  })
  approve(@CommandRequest() { params: { projectId, ...tranche }, ...input }: CommandInput<TrancheParams, undefined>) {
    return this.funding.run(projectId, { type: 'ApproveTranche', ...tranche }, input);
  }
}
