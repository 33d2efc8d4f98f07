export * from './project.commands';
export * from './project.decider';
export * from './country-partnership.decider';
export * from './project.rules';
export * from './eutf-reference.decider';
export * from './reported-figures.decider';
