import { CaseSummaryProjection } from './case-summaries/case-summary.projection';
import { CourseProjection } from './courses/course.projection';
import { Projection } from './projection';
import { ReoffenceProjection } from './reoffences/reoffence.projection';
import { VolunteerProjection } from './volunteers/volunteer.projection';

/** The list read models, for the projection runner to register. */
export const listProjections = (): Projection[] => [new CaseSummaryProjection(), new CourseProjection(), new VolunteerProjection(), new ReoffenceProjection()];
