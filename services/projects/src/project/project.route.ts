import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { projectStream, ProjectRegistered } from '@eutf/event-catalog';
import { eutfReferenceTextSchema } from '@eutf/reference-data';
import { z } from 'zod';

/**
 * The id of a project registered before its EUTF reference was known: lower case, so that it can
 * never be mistaken for (or collide with) a reference such as `T05-EUTF-SAH-ML-07`.
 */
export const provisionalProjectId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a provisional id in lower-case letters, digits and "-", e.g. ml-eu-iom-joint-initiative');

/** A project is known by its EUTF reference, or by its provisional id while it has none. */
export const projectIdParam = z.string().transform((text, context) => {
  const parsed = (/^[a-z0-9]/.test(text) ? provisionalProjectId : eutfReferenceTextSchema).safeParse(text);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, input: text });
  return z.NEVER;
});

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
