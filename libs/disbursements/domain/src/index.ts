export * from './project-funding.commands';
export * from './project-funding.decider';
export * from './funding.rules';
