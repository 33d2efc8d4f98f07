import { MilestoneDefined, milestoneDefinedData } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

@ProjectRoute()
export class DefineMilestoneRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/milestones',
    status: 201,
    role: 'delegation-officer',
    summary: 'Define a milestone the project is to reach by a date',
    params: projectParams,
    body: milestoneDefinedData,
    example: MilestoneDefined.example,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'milestone-already-defined', 'project-closed'),
    ...PROJECT_EXAMPLE,
  })
  define(@CommandRequest() input: CommandInput<ProjectParams, DataOf<typeof MilestoneDefined>>) {
    return this.projects.run(input.params.projectId, { type: 'DefineMilestone', ...input.body }, input);
  }
}
