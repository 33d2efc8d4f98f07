import { z } from 'zod';
import { eutfReferenceTextSchema } from './eutf-reference.schema';

/**
 * The id of a project registered before its EUTF reference was known: lower case, so that it can
 * never be mistaken for (or collide with) a reference such as `T05-EUTF-SAH-ML-07`.
 */
export const provisionalProjectId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a provisional id in lower-case letters, digits and "-", e.g. ml-eu-iom-joint-initiative');

/** A project is known by its EUTF reference, or by its provisional id while it has none: in every service's paths. */
export const projectIdParam = z.string().transform((text, context) => {
  const parsed = (/^[a-z0-9]/.test(text) ? provisionalProjectId : eutfReferenceTextSchema).safeParse(text);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, input: text });
  return z.NEVER;
});
