import { commandServiceEnvironment } from '@eutf/service-runtime';

export const SERVICE_NAME = 'disbursements';
export const environment = commandServiceEnvironment(3102);
