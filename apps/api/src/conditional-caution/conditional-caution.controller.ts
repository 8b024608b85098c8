import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RecordCaseStep } from '../cases/record-case-step.handler';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { BookCourseCommand, CancelBookingCommand } from './booking.handlers';
import { BookCourseRequest, CompleteCourseRequest, PayFeeRequest, RecordAttendanceRequest, RecordBreachRequest } from './conditional-caution.requests';

/** WDP's steps on a conditional-caution case. */
@ApiTags('conditional caution')
@Controller('api/cases/:id')
export class ConditionalCautionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('booking')
  book(@IdParam() caseId: string, @Body() body: BookCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new BookCourseCommand(caseId, body.courseId, recorder));
  }

  @Delete('booking')
  cancel(@IdParam() caseId: string, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new CancelBookingCommand(caseId, recorder));
  }

  @Post('fee')
  payFee(@IdParam() caseId: string, @Body() body: PayFeeRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(
      caseId,
      'conditional-caution',
      (today) => ({ type: 'PayFee', data: { caseId, paidOn: body.paidOn, amountPence: body.amountPence, today } }),
      recorder,
    );
    return this.commands.execute(step);
  }

  @Post('attendance')
  attend(@IdParam() caseId: string, @Body() body: RecordAttendanceRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(
      caseId,
      'conditional-caution',
      (today) => ({ type: 'RecordAttendance', data: { caseId, courseId: body.courseId, attendedOn: body.attendedOn, today } }),
      recorder,
    );
    return this.commands.execute(step);
  }

  @Post('course-completion')
  complete(@IdParam() caseId: string, @Body() body: CompleteCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(caseId, 'conditional-caution', (today) => ({ type: 'CompleteCourse', data: { caseId, completedOn: body.completedOn, today } }), recorder);
    return this.commands.execute(step);
  }

  @Post('breach')
  breach(@IdParam() caseId: string, @Body() body: RecordBreachRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(caseId, 'conditional-caution', (today) => ({ type: 'RecordBreach', data: { caseId, on: body.on, reason: body.reason, today } }), recorder);
    return this.commands.execute(step);
  }
}
