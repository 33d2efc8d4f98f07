import { MilestoneReached } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { milestoneParams, PROJECT_EXAMPLE, ProjectRoute, type MilestoneParams } from '../project.route';

const milestoneReachedBody = z.object({ reachedOn: z.iso.date(), evidenceLinks: z.array(z.url()).max(20).default([]) });

@ProjectRoute()
export class RecordMilestoneReachedRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/milestones/:milestoneId/reached',
    status: 200,
    role: 'delegation-officer',
    summary: 'Record that a milestone was reached, with links to the evidence',
    params: milestoneParams,
    body: milestoneReachedBody,
    example: { reachedOn: MilestoneReached.example.reachedOn, evidenceLinks: MilestoneReached.example.evidenceLinks },
    rules: documentedRules('project-not-registered', 'milestone-already-reached', 'milestone-not-defined'),
    ...PROJECT_EXAMPLE,
  })
  reached(@CommandRequest() { params, body, ...input }: CommandInput<MilestoneParams, z.infer<typeof milestoneReachedBody>>) {
    return this.projects.run(params.projectId, { type: 'RecordMilestoneReached', milestoneId: params.milestoneId, ...body }, input);
  }
}
