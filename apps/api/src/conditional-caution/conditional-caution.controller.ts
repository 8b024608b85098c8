import { Body, Controller, Delete, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { ConditionalCautionCommands } from './conditional-caution.commands';
import { BookCourseRequest, CompleteCourseRequest, PayFeeRequest, RecordAttendanceRequest, RecordBreachRequest } from './conditional-caution.requests';

/** WDP's steps on a conditional-caution case: validated request -> the command service. */
@ApiTags('conditional caution')
@Controller('api/cases/:id')
export class ConditionalCautionController {
  constructor(private readonly steps: ConditionalCautionCommands) {}

  @Post('booking')
  book(@IdParam() caseId: string, @Body() body: BookCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.book(recorder, caseId, body);
  }

  @Delete('booking')
  cancel(@IdParam() caseId: string, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.cancelBooking(recorder, caseId);
  }

  @Post('fee')
  payFee(@IdParam() caseId: string, @Body() body: PayFeeRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.payFee(recorder, caseId, body);
  }

  @Post('attendance')
  attend(@IdParam() caseId: string, @Body() body: RecordAttendanceRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.attend(recorder, caseId, body);
  }

  @Post('course-completion')
  complete(@IdParam() caseId: string, @Body() body: CompleteCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.complete(recorder, caseId, body);
  }

  @Post('breach')
  breach(@IdParam() caseId: string, @Body() body: RecordBreachRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.breach(recorder, caseId, body);
  }
}
