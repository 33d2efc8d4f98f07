import { FreeTextBatch, FundsRecovered, recoveryData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { contractParams, FUNDING_ROUTE, FundingRoute, type ContractParams } from '../project-funding.route';

const recoverFundsBody = recoveryData.omit({ contractId: true });
const { contractId: _contractId, ...recovered } = FundsRecovered.example;
const example = { ...recovered, reason: 'Unspent balance at closure' };

@FundingRoute()
export class RecoverFundsRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/recoveries',
    status: 201,
    role: 'hq-finance',
    summary: 'Record money recovered under a contract, never more than was paid under it',
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: contractParams,
    body: recoverFundsBody,
    example,
    rules: documentedFundingRules('project-unknown', 'contract-unknown', 'recovery-already-recorded', 'recovery-exceeds-paid', 'commitment-not-recorded'),
    ...FUNDING_ROUTE,
  })
  recover(@CommandRequest() { params, body, ...input }: CommandInput<ContractParams, z.infer<typeof recoverFundsBody>>) {
    const texts = new FreeTextBatch();
    return this.funding.run(params.projectId, { type: 'RecoverFunds', contractId: params.contractId, ...body, reason: texts.text('reason', body.reason) }, input, texts);
  }
}
