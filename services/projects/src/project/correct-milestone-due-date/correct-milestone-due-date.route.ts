import { MilestoneDueDateCorrected } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { milestoneParams, PROJECT_EXAMPLE, ProjectRoute, type MilestoneParams } from '../project.route';

const dueDateCorrectionBody = z.object({ dueDate: z.iso.date() });

@ProjectRoute()
export class CorrectMilestoneDueDateRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/milestones/:milestoneId/due-date-correction',
    status: 200,
    role: 'delegation-officer',
    summary: "Correct a milestone's due date entered wrongly (a delay is recorded as a delay, with its reason)",
    params: milestoneParams,
    body: dueDateCorrectionBody,
    example: { dueDate: MilestoneDueDateCorrected.example.dueDate },
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'milestone-already-reached', 'milestone-not-defined', 'project-closed'),
    ...PROJECT_EXAMPLE,
  })
  correct(@CommandRequest() { params, body, ...input }: CommandInput<MilestoneParams, z.infer<typeof dueDateCorrectionBody>>) {
    return this.projects.run(params.projectId, { type: 'CorrectMilestoneDueDate', milestoneId: params.milestoneId, ...body }, input);
  }
}
