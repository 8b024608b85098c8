export * from './case-cursor';
export * from './case-summary.row';
export * from './case-summary.evolve';
export * from './case-summary.projection';
export * from './case-summary.queries';
export * from './course.projection';
export * from './course.queries';
export * from './volunteer.projection';
export * from './volunteer.queries';
export * from './reoffence.projection';

import { CaseSummaryProjection } from './case-summary.projection';
import { CourseProjection } from './course.projection';
import { ReoffenceProjection } from './reoffence.projection';
import { VolunteerProjection } from './volunteer.projection';

/** The list read models, for the projection runner to register. */
export const listProjections = () => [new CaseSummaryProjection(), new CourseProjection(), new VolunteerProjection(), new ReoffenceProjection()];
