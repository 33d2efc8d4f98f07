import { commandServiceEnvironment, type ServiceDefinition } from '@eutf/service-runtime';

/** What sets this service apart from the others: its name, its documentation, the environment it reads. */
export const SERVICE = {
  name: 'disbursements' as const,
  title: 'EUTF monitoring — Disbursements',
  description:
    "EUTF commitments, contracts, disbursement tranches, payments and expenditure, in euro cents.",
  environment: commandServiceEnvironment(3102),
} satisfies ServiceDefinition<{ PORT: number; HOST: string }>;

export const { name: SERVICE_NAME, environment } = SERVICE;
