import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

@ProjectRoute()
export class ResumeProjectRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/resumption',
    status: 200,
    role: 'delegation-officer',
    summary: 'Resume a suspended project',
    params: projectParams,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'project-not-suspended'),
    ...PROJECT_EXAMPLE,
  })
  resume(@CommandRequest() input: CommandInput<ProjectParams>) {
    return this.projects.run(input.params.projectId, { type: 'ResumeProject' }, input);
  }
}
