export * from './migrations';
export * from './outbox-relay';
export * from './postgres-event-store';
export * from './pool';
