import { commandServiceEnvironment, type ServiceDefinition } from '@eutf/service-runtime';

/** What sets this service apart from the others: its name, its documentation, the environment it reads. */
export const SERVICE = {
  name: 'projects' as const,
  title: 'EUTF monitoring — Projects',
  description:
    "EUTF projects, milestones, indicators and partners' results; the country partnerships under the Partnership Framework.",
  environment: commandServiceEnvironment(3101),
} satisfies ServiceDefinition<{ PORT: number; HOST: string }>;

export const { name: SERVICE_NAME, environment } = SERVICE;
