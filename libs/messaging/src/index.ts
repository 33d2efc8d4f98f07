export * from './kafka-client';
export * from './kafka.module';
export * from './nest-transport';
export * from './topics';
export * from './cloudevents';
export * from './kafka-event-publisher';
