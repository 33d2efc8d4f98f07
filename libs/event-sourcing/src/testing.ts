/** Secondary entry point for specs: a small example decider, never imported by production code. */
export * from './test-support/tranche.decider';
export * from './decider-specification';
