import { MilestoneDelayed, FreeTextBatch } from '@eutf/event-catalog';
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
    description: 'The reason is a free text kept in the erasable free-text store; the event carries its id.',
    params: milestoneParams,
    body: milestoneDelayedBody,
    example: { newDueDate: MilestoneDelayed.example.newDueDate, reason: 'Premises handed over late' },
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'project-closed', 'milestone-already-reached', 'milestone-not-defined'),
    ...PROJECT_EXAMPLE,
  })
  delayed(@CommandRequest() { params, body, ...input }: CommandInput<MilestoneParams, z.infer<typeof milestoneDelayedBody>>) {
    const texts = new FreeTextBatch();
    const reason = texts.text('reason', body.reason);
    return this.projects.run(params.projectId, { type: 'RecordMilestoneDelayed', milestoneId: params.milestoneId, newDueDate: body.newDueDate, reason }, input, texts);
  }
}
