export * from './project.commands';
export * from './project.decider';
export * from './project.events';
export * from './country-partnership.decider';
export * from './country-partnership.events';
