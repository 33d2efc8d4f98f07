export * from './kafka-client';
export * from './kafka.module';
export * from './nest-transport';
export * from './topics';
