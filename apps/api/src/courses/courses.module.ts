import { Module } from '@nestjs/common';
import { CourseCommands } from './course-commands';
import { CourseLedger } from './course-ledger';
import { CourseQueries } from './course-queries';
import { CoursesController } from './courses.controller';

@Module({
  controllers: [CoursesController],
  providers: [CourseLedger, CourseQueries, CourseCommands],
  exports: [CourseLedger, CourseQueries, CourseCommands],
})
export class CoursesModule {}
