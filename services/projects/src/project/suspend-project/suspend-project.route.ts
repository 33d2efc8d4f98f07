import { FreeTextBatch } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

const suspendProjectBody = z.object({ reason: z.string().min(1).max(500) });

@ProjectRoute()
export class SuspendProjectRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/suspension',
    status: 200,
    role: 'delegation-officer',
    summary: 'Suspend implementation, saying why (IATI activity status 6)',
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: projectParams,
    body: suspendProjectBody,
    example: { reason: 'Security situation in the region of Mopti' },
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'only-implementation-suspends'),
    ...PROJECT_EXAMPLE,
  })
  suspend(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof suspendProjectBody>>) {
    const texts = new FreeTextBatch();
    return this.projects.run(input.params.projectId, { type: 'SuspendProject', reason: texts.text('reason', input.body.reason) }, input, texts);
  }
}
