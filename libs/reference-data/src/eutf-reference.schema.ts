import { z } from 'zod';
import { parseEutfReference, type EutfReference } from './eutf-reference';

/**
 * An EUTF project reference in a DTO or event: the parser's problems become the zod issues'
 * messages, one issue per problem, so an HTTP problem response can list them as they are.
 */
// The longest reference the EUTF writes is under 30 characters: anything much longer is not one.
export const eutfReferenceSchema: z.ZodType<EutfReference, string> = z.string().max(40, 'an EUTF reference is at most 40 characters').transform((text, context) => {
  const result = parseEutfReference(text);
  if (result.ok) return result.reference;
  for (const problem of result.problems) context.addIssue({ code: 'custom', message: problem, input: text });
  return z.NEVER;
});

/** The same check, for schemas that keep the reference as its text (e.g. stored event data). */
export const eutfReferenceTextSchema: z.ZodType<string, string> = eutfReferenceSchema.transform(
  (reference) => reference.text,
);
