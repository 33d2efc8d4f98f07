import { partialDate, ProjectImplementationStarted } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

const startImplementationBody = z.object({ startedOn: partialDate });

@ProjectRoute()
export class StartImplementationRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/implementation-start',
    status: 200,
    role: 'delegation-officer',
    summary: 'Record that implementation began (IATI activity status 2); the date may be YYYY-MM or YYYY',
    params: projectParams,
    body: startImplementationBody,
    example: ProjectImplementationStarted.example,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'implementation-already-started'),
    ...PROJECT_EXAMPLE,
  })
  start(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof startImplementationBody>>) {
    return this.projects.run(input.params.projectId, { type: 'StartImplementation', ...input.body }, input);
  }
}
