import { z } from 'zod';

/** Thrown at start-up when the environment does not describe a runnable service. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Validates the environment against a service's schema. Every problem names the
 * variable, so an operator knows what to fix without reading code.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = env[variable];
    const message = value === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
    return `${variable}: ${message}`;
  });
  throw new ConfigurationError(problems);
}
