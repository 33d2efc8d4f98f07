import { commandServiceEnvironment } from '@eutf/platform';

export const SERVICE_NAME = 'disbursements';
export const environment = commandServiceEnvironment(3102);
