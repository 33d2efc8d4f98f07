import { CommitmentRecorded, commitmentData } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import type { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, fundingParams, FundingRoute, type FundingParams } from '../project-funding.route';

@FundingRoute()
export class RecordCommitmentRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/commitment',
    status: 201,
    role: 'hq-finance',
    summary: "Record the EUTF's commitment to the project: the amount of its decision (IATI outgoing commitment)",
    description: 'Amounts are whole euro cents: `1.5`, `1e21` and strings are refused (400).',
    params: fundingParams,
    body: commitmentData,
    example: CommitmentRecorded.example,
    rules: documentedFundingRules('project-unknown', 'commitment-already-recorded'),
    ...FUNDING_ROUTE,
  })
  record(@CommandRequest() { params, body, ...input }: CommandInput<FundingParams, z.infer<typeof commitmentData>>) {
    return this.funding.run(params.projectId, { type: 'RecordCommitment', ...body }, input);
  }
}
