import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, ProjectRoute, resultParams, type ResultParams } from '../project.route';
import { RESULT_EXAMPLE, resultBody, resultWithTextsApart, type ResultRequest } from '../result.request';

@ProjectRoute()
export class DraftResultRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    method: 'PUT',
    path: ':projectId/results/:resultId/draft',
    status: 200,
    role: 'implementing-partner',
    summary: "Save a draft result (the partner's own; reports never show drafts)",
    params: resultParams,
    body: resultBody,
    example: RESULT_EXAMPLE,
    rules: documentedRules(
      'project-not-registered',
      'project-closed',
      'partner-only',
      'result-of-another-partner',
      'result-period-locked',
      'result-already-approved',
      'indicator-not-defined',
      'disaggregation-dimension-not-declared',
      'disaggregation-category-repeated',
    ),
    ...PROJECT_EXAMPLE,
  })
  draft(@CommandRequest() { params, body, ...input }: CommandInput<ResultParams, ResultRequest>) {
    const { result, texts } = resultWithTextsApart(body);
    return this.projects.run(params.projectId, { type: 'DraftResult', resultId: params.resultId, ...result }, input, texts);
  }
}
