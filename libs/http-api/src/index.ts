export * from './commands/command-endpoint';
export * from './commands/command-gateway';
export * from './commands/command-rate-limit';
export * from './correlation/correlation-id';
export * from './openapi/openapi';
export * from './problems/problem-details';
export * from './problems/problem-details.filter';
export * from './openapi/audit-trail.schema';
