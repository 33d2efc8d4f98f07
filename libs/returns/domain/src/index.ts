export * from './returns.commands';
export * from './returns.rules';
export * from './month-span';
export * from './project-returns.decider';
export * from './reintegration-caseload.decider';
export * from './batch-item';
