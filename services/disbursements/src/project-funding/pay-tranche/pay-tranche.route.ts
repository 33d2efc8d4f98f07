import { TranchePaid, paymentData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, FundingRoute, trancheParams, type TrancheParams } from '../project-funding.route';

const payTrancheBody = paymentData.omit({ contractId: true, trancheId: true });
const { contractId: _contractId, trancheId: _trancheId, ...example } = TranchePaid.example;

@FundingRoute()
export class PayTrancheRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/tranches/:trancheId/payment',
    status: 200,
    role: 'hq-finance',
    summary: 'Record the payment of an approved tranche, exactly its approved amount, once (IATI disbursement)',
    params: trancheParams,
    body: payTrancheBody,
    example,
    rules: documentedFundingRules('project-unknown', 'tranche-unknown', 'tranche-not-approved', 'tranche-already-paid', 'payment-not-approved-amount', 'commitment-not-recorded'),
    ...FUNDING_ROUTE,
  })
  pay(@CommandRequest() { params: { projectId, ...tranche }, body, ...input }: CommandInput<TrancheParams, z.infer<typeof payTrancheBody>>) {
    return this.funding.run(projectId, { type: 'PayTranche', ...tranche, ...body }, input);
  }
}
