import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CourseSummaryView } from '@safer-cases/projections/courses';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CourseQueries } from '../courses/course-queries';
import { CourseCalendarQuery } from './course-calendar.query';

/** WDP's course calendar with places left; one course, with who is booked, is `GET /api/courses/:id`. */
@ApiTags('courses')
@Controller('api/courses')
export class CourseCalendarController {
  constructor(private readonly courses: CourseQueries) {}

  @Get()
  list(@Query() query: CourseCalendarQuery, @CurrentActor() actor: Actor): Promise<{ items: CourseSummaryView[] }> {
    return this.courses.calendar(actor, query);
  }
}
