import { MilestoneDelayed } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { milestoneParams, PROJECT_EXAMPLE, ProjectRoute, type MilestoneParams } from '../project.route';

const milestoneDelayedBody = z.object({ newDueDate: z.iso.date(), reason: z.string().min(1).max(500) });

@ProjectRoute()
export class RecordMilestoneDelayRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/milestones/:milestoneId/delays',
    status: 200,
    role: 'delegation-officer',
    summary: 'Move a milestone to a later date, saying why',
    params: milestoneParams,
    body: milestoneDelayedBody,
    example: { newDueDate: MilestoneDelayed.example.newDueDate, reason: MilestoneDelayed.example.reason },
    rules: documentedRules('project-not-registered', 'milestone-already-reached', 'milestone-not-defined'),
    ...PROJECT_EXAMPLE,
  })
  delayed(@CommandRequest() { params, body, ...input }: CommandInput<MilestoneParams, z.infer<typeof milestoneDelayedBody>>) {
    return this.projects.run(params.projectId, { type: 'RecordMilestoneDelayed', milestoneId: params.milestoneId, ...body }, input);
  }
}
