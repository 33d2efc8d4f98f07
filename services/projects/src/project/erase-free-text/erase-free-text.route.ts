import { erasureReasonCode } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute } from '../project.route';

const freeTextParams = projectParams.extend({ textId: z.uuid() });
const eraseFreeTextBody = z.strictObject({ reasonCode: erasureReasonCode });

@ProjectRoute()
export class EraseFreeTextRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/free-texts/:textId/erasure',
    status: 200,
    role: 'admin',
    summary: 'Erase a free text of the project (a narrative, a reason, evidence links), for good',
    description:
      "The text is emptied in the free-text store in the transaction that appends `FreeTextErased` (the text's id, field and the reason code, never the text); " +
      "reports then show it as erased. The ids are in the project's history (`texts`). An older event that held its text inline cannot be erased.",
    params: freeTextParams,
    body: eraseFreeTextBody,
    example: { reasonCode: 'data-subject-request' },
    rules: documentedRules('admin-only', 'free-text-not-found', 'free-text-already-erased'),
    ...PROJECT_EXAMPLE,
    paramExamples: { ...PROJECT_EXAMPLE.paramExamples, textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' },
  })
  erase(@CommandRequest() { params, body, ...input }: CommandInput<z.infer<typeof freeTextParams>, z.infer<typeof eraseFreeTextBody>>) {
    return this.projects.erase(params.projectId, params.textId, body.reasonCode, input);
  }
}
