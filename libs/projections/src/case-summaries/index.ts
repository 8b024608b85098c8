export * from './case-cursor';
export * from './case-summary.row';
export * from './case-summary.evolve';
export * from './case-summary.projection';
export * from './case-summary.queries';
