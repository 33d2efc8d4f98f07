import { commandServiceEnvironment, type ServiceDefinition } from '@eutf/service-runtime';
import { z } from 'zod';

/**
 * The key under which partners' ids (of cases, operations, reports) are hashed before anything is
 * stored: one per deployment, never in the event store. On a developer's machine it may be left
 * out, and is then derived from the development token secret.
 */
const caseKeyEnvironment = z.object({
  RETURNS_ID_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
});

const environment = commandServiceEnvironment(3103)
  .and(caseKeyEnvironment)
  .superRefine((config, context) => {
    if (config.RETURNS_ID_HASH_KEY === undefined && config.EUTF_DEV_JWT_SECRET === undefined) {
      context.addIssue({ code: 'custom', path: ['RETURNS_ID_HASH_KEY'], message: 'is required outside development (without EUTF_DEV_JWT_SECRET)' });
    }
  });
export type ReturnsConfig = z.infer<typeof environment>;

/** What sets this service apart from the others: its name, its documentation, the environment it reads. */
export const SERVICE = {
  name: 'returns' as const,
  title: 'EUTF monitoring — Returns and reintegration',
  description:
    'Assisted voluntary return operations, period returns reports and reintegration cases: pseudonymous and counted, never named. Every body is strict: codes, numbers, dates and enumerated values only.',
  environment,
} satisfies ServiceDefinition<{ PORT: number; HOST: string }>;

export const { name: SERVICE_NAME } = SERVICE;
export { environment };
