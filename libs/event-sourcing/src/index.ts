export * from './catalog';
export * from './command-handler';
export * from './decider';
export * from './envelope';
export * from './errors';
export * from './event-publisher';
export * from './event-store';
export * from './audit-trail';
