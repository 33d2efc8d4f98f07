import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { projectStream, ProjectRegistered } from '@eutf/event-catalog';
import { projectIdParam } from '@eutf/reference-data';
import { z } from 'zod';

/** The id of a milestone, an indicator or a result within its project. */
export const identifierParam = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "_" or "-" (at most 100)');

/** `/projects/{projectId}/…` */
export const projectParams = z.object({ projectId: projectIdParam });
export const milestoneParams = projectParams.extend({ milestoneId: identifierParam });
export const resultParams = projectParams.extend({ resultId: identifierParam });
export type ProjectParams = z.infer<typeof projectParams>;
export type MilestoneParams = z.infer<typeof milestoneParams>;
export type ResultParams = z.infer<typeof resultParams>;

/** A route under `/projects`, documented with the projects. */
export const ProjectRoute = () => applyDecorators(ApiTags('projects'), Controller('projects'));

/** The stream and the parameter examples a project route's documentation shows. */
export const PROJECT_EXAMPLE = {
  streamId: projectStream.id(ProjectRegistered.example.projectId),
  paramExamples: { projectId: ProjectRegistered.example.projectId },
};
