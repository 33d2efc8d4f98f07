import { readModelServiceEnvironment } from '@eutf/service-runtime';

export const SERVICE_NAME = 'reporting';
export const environment = readModelServiceEnvironment(3104);
