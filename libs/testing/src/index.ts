export * from './event-store-contract';
export * from './iati-validation';
export * from './infrastructure';
export * from './seeded-random';
export * from './pdf';
