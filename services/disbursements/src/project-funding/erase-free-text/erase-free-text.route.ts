import { erasureReasonCode } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedFundingRules } from '@eutf/disbursements-domain';
import { z } from 'zod';
import { ProjectFundingHandler } from '../project-funding.handler';
import { FUNDING_ROUTE, fundingParams, FundingRoute } from '../project-funding.route';

const freeTextParams = fundingParams.extend({ textId: z.uuid() });
const eraseFreeTextBody = z.strictObject({ reasonCode: erasureReasonCode });

@FundingRoute()
export class EraseFreeTextRoute {
  constructor(private readonly funding: ProjectFundingHandler) {}

  @CommandEndpoint({
    path: ':projectId/funding/free-texts/:textId/erasure',
    status: 200,
    role: 'admin',
    summary: 'Erase a free text of the funding ledger (the reason for an amendment, a rejection or a recovery), for good',
    description:
      "The text is emptied in the free-text store in the transaction that appends `FreeTextErased` (the text's id, field and reason code, never the text). " +
      'The ids are listed by `GET /projects/{projectId}/funding/free-texts`. An older event that held its text inline cannot be erased.',
    params: freeTextParams,
    body: eraseFreeTextBody,
    example: { reasonCode: 'data-subject-request' },
    rules: documentedFundingRules('admin-only', 'free-text-not-found', 'free-text-already-erased'),
    ...FUNDING_ROUTE,
    paramExamples: { ...FUNDING_ROUTE.paramExamples, textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' },
  })
  erase(@CommandRequest() { params, body, ...input }: CommandInput<z.infer<typeof freeTextParams>, z.infer<typeof eraseFreeTextBody>>) {
    return this.funding.erase(params.projectId, params.textId, body.reasonCode, input);
  }
}
