export * from './event-store-contract';
export * from './infrastructure';
export * from './service-wiring';
