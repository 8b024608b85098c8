export * from './case-facts.projection';
export * from './case-facts.rows';
