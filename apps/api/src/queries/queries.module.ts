import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CoursesModule } from '../courses/courses.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { CaseListController } from './case-list.controller';
import { CourseCalendarController } from './course-calendar.controller';
import { VolunteerRosterController } from './volunteer-roster.controller';

/** The list queries, read from the projections' tables through the app's global `Database`. */
@Module({ imports: [CasesModule, CoursesModule, VolunteersModule], controllers: [CaseListController, CourseCalendarController, VolunteerRosterController] })
export class QueriesModule {}
