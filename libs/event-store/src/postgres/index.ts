export * from './postgres-event-store';
export * from './upcasting';
