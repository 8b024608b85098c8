export * from './case.events';
export * from './case.commands';
export * from './case.errors';
export * from './case-steps';
