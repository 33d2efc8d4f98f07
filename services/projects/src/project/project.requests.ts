import { indicatorDefinedData, milestoneDefinedData, partialDate, projectRegisteredData, resultData } from '@eutf/event-catalog';
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

/** Request bodies: the events' own schemas where the request carries the same facts. */
export const registerProjectBody = projectRegisteredData
  .omit({ projectId: true })
  .extend({
    reference: eutfReferenceTextSchema.nullable().default(null),
    projectId: provisionalProjectId.optional(),
    // What documents often leave out may be left out of the request too: it is recorded as unknown.
    window: projectRegisteredData.shape.window.default(null),
    implementingPartners: projectRegisteredData.shape.implementingPartners.default([]),
    euContributionCents: projectRegisteredData.shape.euContributionCents.default(null),
    adoptedOn: projectRegisteredData.shape.adoptedOn.default(null),
    startDate: projectRegisteredData.shape.startDate.default(null),
    endDate: projectRegisteredData.shape.endDate.default(null),
  })
  .superRefine((body, context) => {
    if (body.reference === null && body.projectId === undefined) {
      context.addIssue({ code: 'custom', path: ['projectId'], message: 'required when there is no EUTF reference: a provisional id such as ml-eu-iom-joint-initiative' });
    }
    if (body.reference !== null && body.projectId !== undefined) {
      context.addIssue({ code: 'custom', path: ['projectId'], message: 'only for a project without an EUTF reference: a referenced project is known by its reference' });
    }
  });
export const assignReferenceBody = z.object({ reference: eutfReferenceTextSchema });
export const identifierParam = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "_" or "-" (at most 100)');

export const startImplementationBody = z.object({ startedOn: partialDate });
export const suspendProjectBody = z.object({ reason: z.string().min(1).max(500) });
export const closeProjectBody = z.object({ closedOn: z.iso.date() });
export const defineMilestoneBody = milestoneDefinedData;
export const milestoneReachedBody = z.object({ reachedOn: z.iso.date(), evidenceLinks: z.array(z.url()).max(20).default([]) });
export const milestoneDelayedBody = z.object({ newDueDate: z.iso.date(), reason: z.string().min(1).max(500) });
export const defineIndicatorBody = indicatorDefinedData;
export const resultBody = resultData.omit({ resultId: true }).extend({ valueQualifier: resultData.shape.valueQualifier.default(null) });
export const returnResultBody = z.object({ reason: z.string().min(1).max(1_000) });
export const lockPeriodBody = z.object({ period: z.object({ from: z.iso.date(), to: z.iso.date() }) });
