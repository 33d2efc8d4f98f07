import { FreeTextBatch } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, FundingRoute, trancheParams, type TrancheParams } from '../project-funding.route';

const rejectTrancheBody = z.object({ reason: z.string().min(1).max(500) });

@FundingRoute()
export class RejectTrancheRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/contracts/:contractId/tranches/:trancheId/rejection',
    status: 200,
    role: 'delegation-officer',
    summary: 'Reject a tranche request, saying why: its amount no longer counts against the contract',
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: trancheParams,
    body: rejectTrancheBody,
    example: { reason: 'The interim report is missing' },
    rules: documentedFundingRules('project-unknown', 'officer-not-lead-country', 'tranche-unknown', 'tranche-not-pending', 'commitment-not-recorded'),
    ...FUNDING_ROUTE,
  })
  reject(@CommandRequest() { params: { projectId, ...tranche }, body, ...input }: CommandInput<TrancheParams, z.infer<typeof rejectTrancheBody>>) {
    const texts = new FreeTextBatch();
    return this.funding.run(projectId, { type: 'RejectTranche', ...tranche, reason: texts.text('reason', body.reason) }, input, texts);
  }
}
