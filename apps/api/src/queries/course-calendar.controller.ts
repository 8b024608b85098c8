import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CourseSummaryView, listCourses } from '@safer-cases/projections/case-summaries';
import { Database } from '../shared/database';
import { CourseCalendarQuery } from './course-calendar.query';

/** WDP's course calendar with places left; one course, with who is booked, is `GET /api/courses/:id`. */
@ApiTags('courses')
@Controller('api/courses')
export class CourseCalendarController {
  constructor(private readonly database: Database) {}

  @Get()
  async list(@Query() query: CourseCalendarQuery): Promise<{ items: CourseSummaryView[] }> {
    return { items: await listCourses(this.database.pool, { from: query.from, to: query.to }) };
  }
}
