import { Module } from '@nestjs/common';
import { CourseLedger } from './course-ledger';
import { CoursesController } from './courses.controller';

@Module({
  controllers: [CoursesController],
  providers: [CourseLedger],
  exports: [CourseLedger],
})
export class CoursesModule {}
