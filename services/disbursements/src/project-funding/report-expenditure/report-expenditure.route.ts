import { ExpenditureReported, expenditureData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { contractParams, FUNDING_ROUTE, FundingRoute, type ContractParams } from '../project-funding.route';

const reportExpenditureBody = expenditureData.omit({ contractId: true });
const { contractId: _contractId, ...example } = ExpenditureReported.example;

@FundingRoute()
export class ReportExpenditureRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/expenditures',
    status: 201,
    role: 'implementing-partner',
    summary: 'Report what was spent under one’s own contract in a period, by budget heading (IATI expenditure)',
    params: contractParams,
    body: reportExpenditureBody,
    example,
    rules: documentedFundingRules('project-unknown', 'partner-not-contractor', 'contract-unknown', 'expenditure-already-reported', 'period-inverted', 'commitment-not-recorded'),
    ...FUNDING_ROUTE,
  })
  report(@CommandRequest() { params, body, ...input }: CommandInput<ContractParams, z.infer<typeof reportExpenditureBody>>) {
    return this.funding.run(params.projectId, { type: 'ReportExpenditure', contractId: params.contractId, ...body }, input);
  }
}
