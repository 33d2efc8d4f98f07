import { commandServiceEnvironment } from '@eutf/service-runtime';

export const SERVICE_NAME = 'projects';
export const environment = commandServiceEnvironment(3101);
