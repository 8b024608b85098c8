export * from './shared/calendar-date';
export * from './shared/decider';
export * from './shared/domain-error';
export * from './cases';
export * from './restorative-justice';
export * from './volunteers';
export * from './community-coaching';
