import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, ProjectRoute, resultParams, type ResultParams } from '../project.route';

@ProjectRoute()
export class ApproveResultRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/results/:resultId/approval',
    status: 200,
    role: 'delegation-officer',
    summary: 'Approve a submitted result: only approved results count in reports',
    params: resultParams,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'approver-reported-it', 'result-not-pending', 'result-not-found'),
    ...PROJECT_EXAMPLE,
  })
  approve(@CommandRequest() input: CommandInput<ResultParams>) {
    return this.projects.run(input.params.projectId, { type: 'ApproveResult', resultId: input.params.resultId }, input);
  }
}
