import { ReportingPeriodLocked } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, projectParams, ProjectRoute, type ProjectParams } from '../project.route';

const lockPeriodBody = z.object({ period: z.object({ from: z.iso.date(), to: z.iso.date() }) });

@ProjectRoute()
export class LockPeriodRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/locked-periods',
    status: 201,
    role: 'delegation-officer',
    summary: 'Lock a reporting period: nothing more is submitted for it',
    params: projectParams,
    body: lockPeriodBody,
    example: ReportingPeriodLocked.example,
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'project-closed', 'period-already-locked'),
    ...PROJECT_EXAMPLE,
  })
  lock(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof lockPeriodBody>>) {
    return this.projects.run(input.params.projectId, { type: 'LockReportingPeriod', ...input.body }, input);
  }
}
