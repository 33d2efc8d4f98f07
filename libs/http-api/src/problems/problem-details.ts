import type { ZodError } from 'zod';

/** RFC 9457 problem details: what every error response of ours looks like. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For a broken domain rule: its stable identifier. */
  rule?: string;
  /** For invalid input: each field path and what is wrong with it; in an uploaded file, its row and column too. */
  errors?: Array<{ field: string; message: string; row?: number; column?: string }>;
  correlationId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_JSON = 'application/problem+json';
const base = 'https://eutf-monitoring/problems';

export const problemType = (slug: string) => `${base}/${slug}`;

export function validationProblem(error: ZodError, where: 'body' | 'query' | 'params' | 'headers' = 'body'): ProblemDetails {
  // A strict object's unknown fields are named one by one, each as the field it would have been.
  const errors = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [where, ...issue.path.map(String), key].join('.'), message: 'is not a field of this request' }))
      : [{ field: [where, ...issue.path.map(String)].join('.'), message: issue.message }],
  );
  return {
    type: problemType('validation'),
    title: 'The request is not valid',
    status: 400,
    detail: errors.map((entry) => `${entry.field}: ${entry.message}`).join('; '),
    errors,
  };
}
