export * from './compute-targets';
export * from './target-measures';
export * from './target-rules';
export * from './targets.config';
export * from './target-series';
