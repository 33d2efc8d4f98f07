import { ProjectReferenceAssigned } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { eutfReferenceTextSchema } from '@eutf/reference-data';
import { z } from 'zod';
import { ProjectHandler } from '../project.handler';
import { projectParams, ProjectRoute, type ProjectParams } from '../project.route';

const assignReferenceBody = z.object({ reference: eutfReferenceTextSchema });

@ProjectRoute()
export class AssignReferenceRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: ':projectId/reference-assignment',
    status: 200,
    role: 'delegation-officer',
    summary: 'Give a project registered without an EUTF reference its reference (it keeps its id)',
    params: projectParams,
    paramExamples: { projectId: 'ml-eu-iom-joint-initiative' },
    body: assignReferenceBody,
    example: ProjectReferenceAssigned.example,
    rules: documentedRules('reference-already-assigned', 'reference-taken', 'project-not-registered', 'officer-not-lead-country', 'project-closed'),
    streamId: 'project-ml-eu-iom-joint-initiative',
  })
  assign(@CommandRequest() input: CommandInput<ProjectParams, z.infer<typeof assignReferenceBody>>) {
    const { reference } = input.body;
    return this.projects.runReserving(reference, input.params.projectId, { type: 'AssignEutfReference', reference }, input);
  }
}
