export * from './service-wiring';
export * from './until-ready';
