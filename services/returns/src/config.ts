import { commandServiceEnvironment } from '@eutf/service-runtime';

export const SERVICE_NAME = 'returns';
export const environment = commandServiceEnvironment(3103);
