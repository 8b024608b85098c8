import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CoursesModule } from '../courses/courses.module';
import { BookCourseHandler, CancelBookingHandler } from './booking.handlers';
import { ConditionalCautionCommands } from './conditional-caution.commands';
import { ConditionalCautionController } from './conditional-caution.controller';

@Module({
  imports: [CasesModule, CoursesModule],
  controllers: [ConditionalCautionController],
  providers: [BookCourseHandler, CancelBookingHandler, ConditionalCautionCommands],
  exports: [ConditionalCautionCommands],
})
export class ConditionalCautionModule {}
