import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CoursesModule } from '../courses/courses.module';
import { BookCourseHandler, CancelBookingHandler } from './booking.handlers';
import { ConditionalCautionController } from './conditional-caution.controller';

@Module({
  imports: [CasesModule, CoursesModule],
  controllers: [ConditionalCautionController],
  providers: [BookCourseHandler, CancelBookingHandler],
})
export class ConditionalCautionModule {}
