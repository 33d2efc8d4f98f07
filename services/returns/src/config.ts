import { commandServiceEnvironment } from '@eutf/platform';

export const SERVICE_NAME = 'returns';
export const environment = commandServiceEnvironment(3103);
