import { commandServiceEnvironment } from '@eutf/platform';

export const SERVICE_NAME = 'projects';
export const environment = commandServiceEnvironment(3101);
