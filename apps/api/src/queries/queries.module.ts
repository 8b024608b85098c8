import { Module } from '@nestjs/common';
import { CaseListController } from './case-list.controller';
import { CourseCalendarController } from './course-calendar.controller';
import { VolunteerRosterController } from './volunteer-roster.controller';

/** The list queries, read from the projections' tables through the app's global `Database`. */
@Module({ controllers: [CaseListController, CourseCalendarController, VolunteerRosterController] })
export class QueriesModule {}
