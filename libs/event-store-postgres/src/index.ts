export * from './migrations';
export * from './outbox-relay';
export * from './postgres-event-store';
export * from './postgres-free-text.store';
export * from './pool';
export * from './nest/event-store.module';
export * from './nest/postgres.module';
