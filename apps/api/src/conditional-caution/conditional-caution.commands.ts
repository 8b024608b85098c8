import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseCommand } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';
import { BookCourseCommand, CancelBookingCommand } from './booking.handlers';
import { BookCourseRequest, CompleteCourseRequest, PayFeeRequest, RecordAttendanceRequest, RecordBreachRequest } from './conditional-caution.requests';

/** WDP's steps on a conditional-caution case, for the API and the pages alike: each asks the policy, then decides on the case. */
@Injectable()
export class ConditionalCautionCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  book(recorder: Recorder, caseId: string, body: BookCourseRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/booking');
    return this.commands.execute(new BookCourseCommand(caseId, body.courseId, this.clock.today(), recorder));
  }

  cancelBooking(recorder: Recorder, caseId: string): Promise<CommandResult> {
    authorize(recorder.actor, 'DELETE /api/cases/:id/booking');
    return this.commands.execute(new CancelBookingCommand({ type: 'CancelBooking', data: { caseId, today: this.clock.today() } }, recorder));
  }

  payFee(recorder: Recorder, caseId: string, body: PayFeeRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/fee');
    return this.step(recorder, { type: 'PayFee', data: { caseId, paidOn: body.paidOn, amountPence: body.amountPence, today: this.clock.today() } });
  }

  attend(recorder: Recorder, caseId: string, body: RecordAttendanceRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/attendance');
    return this.step(recorder, { type: 'RecordAttendance', data: { caseId, courseId: body.courseId, attendedOn: body.attendedOn, today: this.clock.today() } });
  }

  complete(recorder: Recorder, caseId: string, body: CompleteCourseRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/course-completion');
    return this.step(recorder, { type: 'CompleteCourse', data: { caseId, completedOn: body.completedOn, today: this.clock.today() } });
  }

  breach(recorder: Recorder, caseId: string, body: RecordBreachRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/breach');
    return this.step(recorder, { type: 'RecordBreach', data: { caseId, on: body.on, reason: body.reason, today: this.clock.today() } });
  }

  private async step(recorder: Recorder, command: CaseCommand): Promise<CommandResult> {
    return positionOf(await this.cases.decide(command, recorder));
  }
}
