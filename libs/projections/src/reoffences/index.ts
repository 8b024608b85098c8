export * from './reoffence.projection';
