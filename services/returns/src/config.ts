import { commandServiceEnvironment, type ServiceDefinition } from '@eutf/service-runtime';

/** What sets this service apart from the others: its name, its documentation, the environment it reads. */
export const SERVICE = {
  name: 'returns' as const,
  title: 'EUTF monitoring — Returns and reintegration',
  description:
    "Assisted voluntary return operations and reintegration cases, pseudonymous and counted, never named.",
  environment: commandServiceEnvironment(3103),
} satisfies ServiceDefinition<{ PORT: number; HOST: string }>;

export const { name: SERVICE_NAME, environment } = SERVICE;
