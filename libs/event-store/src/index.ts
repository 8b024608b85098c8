export * from './event-store.port';
export * from './handle-command';
export * from './copy-events';
export * from './transaction-scope';
