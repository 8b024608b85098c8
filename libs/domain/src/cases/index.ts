export * from './case.events';
export * from './case.commands';
export * from './case.errors';
export * from './case-steps';
export * from './case-programmes';
export * from './case-decider';
export * from './shared-steps';
export * from './allowed-steps';
