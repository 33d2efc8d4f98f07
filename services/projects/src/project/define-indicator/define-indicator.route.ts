import { IndicatorDefined, indicatorDefinedData } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

@ProjectRoute()
export class DefineIndicatorRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/indicators',
    status: 201,
    role: 'delegation-officer',
    summary: 'Define an indicator, optionally mapped to an EUTF common output indicator; baseline and target may be unset (null)',
    params: projectParams,
    body: indicatorDefinedData,
    example: IndicatorDefined.example,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'indicator-already-defined', 'eutf-indicator-not-in-catalogue', 'project-closed'),
    ...PROJECT_EXAMPLE,
  })
  define(@CommandRequest() input: CommandInput<ProjectParams, DataOf<typeof IndicatorDefined>>) {
    return this.projects.run(input.params.projectId, { type: 'DefineIndicator', ...input.body }, input);
  }
}
