export * from './infrastructure';
export * from './service-wiring';
