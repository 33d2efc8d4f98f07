import { ProjectSuspended } from '@eutf/event-catalog';
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
    params: projectParams,
    body: suspendProjectBody,
    example: { reason: ProjectSuspended.example.reason },
    rules: documentedRules('project-not-registered', 'only-implementation-suspends'),
    ...PROJECT_EXAMPLE,
  })
  suspend(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof suspendProjectBody>>) {
    return this.projects.run(input.params.projectId, { type: 'SuspendProject', ...input.body }, input);
  }
}
