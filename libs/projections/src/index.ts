export * from './projection';
export * from './queryable';
export * from './row-projection';
export * from './checkpoints';
export * from './projection-runner';
export * from './rebuild';
export * from './projection-failures';
export * from './isolation';
