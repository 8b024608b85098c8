export * from './volunteer.projection';
export * from './volunteer.queries';
