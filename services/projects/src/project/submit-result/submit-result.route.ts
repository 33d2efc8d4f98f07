import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, ProjectRoute, resultParams, type ResultParams } from '../project.route';
import { RESULT_EXAMPLE, resultBody, resultWithTextsApart, type ResultRequest } from '../result.request';

@ProjectRoute()
export class SubmitResultRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/results/:resultId/submission',
    status: 200,
    role: 'implementing-partner',
    summary: 'Submit a result for approval (new, or revised after it was returned)',
    params: resultParams,
    body: resultBody,
    example: RESULT_EXAMPLE,
    rules: documentedRules(
      'project-not-registered',
      'project-closed',
      'partner-only',
      'result-of-another-partner',
      'result-period-locked',
      'result-pending-approval',
      'result-exists-for-period',
      'disaggregation-dimension-not-declared',
      'disaggregation-category-repeated',
      'disaggregation-does-not-add-up',
      'open-period-needs-cumulative-indicator',
    ),
    ...PROJECT_EXAMPLE,
  })
  submit(@CommandRequest() { params, body, ...input }: CommandInput<ResultParams, ResultRequest>) {
    const { result, texts } = resultWithTextsApart(body);
    return this.projects.run(params.projectId, { type: 'SubmitResult', resultId: params.resultId, ...result }, input, texts);
  }
}
