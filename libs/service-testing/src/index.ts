export * from './service-wiring';
