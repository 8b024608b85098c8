export * from './projection';
export * from './checkpoints';
export * from './projection-runner';
export * from './rebuild';
export * from './projection-failures';
export * from './isolation';
