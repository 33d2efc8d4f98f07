import { FreeTextBatch } from '@eutf/event-catalog';
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
    description: 'The links are a free text kept in the erasable free-text store; the event carries its id.',
    params: milestoneParams,
    body: milestoneReachedBody,
    example: { reachedOn: '2017-09-12', evidenceLinks: ['https://example.org/evidence/m1.pdf'] },
    rules: documentedRules('project-not-registered', 'officer-not-lead-country', 'project-closed', 'milestone-already-reached', 'milestone-not-defined'),
    ...PROJECT_EXAMPLE,
  })
  reached(@CommandRequest() { params, body, ...input }: CommandInput<MilestoneParams, z.infer<typeof milestoneReachedBody>>) {
    const texts = new FreeTextBatch();
    const evidenceLinks = texts.links('evidenceLinks', body.evidenceLinks);
    return this.projects.run(params.projectId, { type: 'RecordMilestoneReached', milestoneId: params.milestoneId, reachedOn: body.reachedOn, evidenceLinks }, input, texts);
  }
}
