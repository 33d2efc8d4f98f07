import { readModelServiceEnvironment } from '@eutf/platform';

export const SERVICE_NAME = 'reporting';
export const environment = readModelServiceEnvironment(3104);
