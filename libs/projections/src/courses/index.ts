export * from './course.projection';
export * from './course.queries';
