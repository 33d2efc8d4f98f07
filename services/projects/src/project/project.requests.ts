import { indicatorDefinedData, milestoneDefinedData, projectRegisteredData, resultData } from '@eutf/event-catalog';
import { eutfReferenceTextSchema } from '@eutf/reference-data';
import { z } from 'zod';

/** Request bodies: the events' own schemas where the request carries the same facts. */
export const registerProjectBody = projectRegisteredData.omit({ projectId: true, reference: true }).extend({ reference: eutfReferenceTextSchema });
export const projectIdParam = eutfReferenceTextSchema;
export const identifierParam = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "_" or "-" (at most 100)');

export const startImplementationBody = z.object({ startedOn: z.iso.date() });
export const suspendProjectBody = z.object({ reason: z.string().min(1).max(500) });
export const closeProjectBody = z.object({ closedOn: z.iso.date() });
export const defineMilestoneBody = milestoneDefinedData;
export const milestoneReachedBody = z.object({ reachedOn: z.iso.date(), evidenceLinks: z.array(z.url()).max(20).default([]) });
export const milestoneDelayedBody = z.object({ newDueDate: z.iso.date(), reason: z.string().min(1).max(500) });
export const defineIndicatorBody = indicatorDefinedData;
export const resultBody = resultData.omit({ resultId: true });
export const returnResultBody = z.object({ reason: z.string().min(1).max(1_000) });
export const lockPeriodBody = z.object({ period: z.object({ from: z.iso.date(), to: z.iso.date() }) });
