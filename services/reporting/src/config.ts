import { readModelServiceEnvironment, type ServiceDefinition } from '@eutf/service-runtime';

/** What sets this service apart from the others: its name, its documentation, the environment it reads. */
export const SERVICE = {
  name: 'reporting' as const,
  title: 'EUTF monitoring — Reporting',
  description:
    'Partnership Framework progress reports for headquarters: country factsheets and the consolidated report, for a period or as of any date.',
  environment: readModelServiceEnvironment(3104),
} satisfies ServiceDefinition<{ PORT: number; HOST: string }>;

export const { name: SERVICE_NAME, environment } = SERVICE;
