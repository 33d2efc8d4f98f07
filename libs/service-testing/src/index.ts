export * from './openapi-gaps';
export * from './service-wiring';
export * from './until-ready';
export * from './service-process';
export * from './topic-namespace';
export * from './command-service.harness';
export * from './attack';
export * from './schema-rows';
