import { FreeTextBatch } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, ProjectRoute, resultParams, type ResultParams } from '../project.route';

const returnResultBody = z.object({ reason: z.string().min(1).max(1_000) });

@ProjectRoute()
export class ReturnResultRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/results/:resultId/return',
    status: 200,
    role: 'delegation-officer',
    summary: 'Return a submitted result to the partner for revision, saying why',
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: resultParams,
    body: returnResultBody,
    example: { reason: 'The disaggregation by sex does not add up to the total' },
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'result-not-pending', 'result-not-found'),
    ...PROJECT_EXAMPLE,
  })
  returnForRevision(@CommandRequest() { params, body, ...input }: CommandInput<ResultParams, z.infer<typeof returnResultBody>>) {
    const texts = new FreeTextBatch();
    return this.projects.run(params.projectId, { type: 'ReturnResultForRevision', resultId: params.resultId, reason: texts.text('reason', body.reason) }, input, texts);
  }
}
