import { ProjectClosed } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

const closeProjectBody = z.object({ closedOn: z.iso.date() });

@ProjectRoute()
export class CloseProjectRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/closure',
    status: 200,
    role: 'delegation-officer',
    summary: 'Close the project: nothing more is reported on it',
    params: projectParams,
    body: closeProjectBody,
    example: ProjectClosed.example,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'project-already-closed'),
    ...PROJECT_EXAMPLE,
  })
  close(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof closeProjectBody>>) {
    return this.projects.run(input.params.projectId, { type: 'CloseProject', ...input.body }, input);
  }
}
