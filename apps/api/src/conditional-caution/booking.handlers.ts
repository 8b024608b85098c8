import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { BookingCancelled } from '@safer-cases/domain';
import { CaseWriter } from '../cases/case-writer';
import { CourseLedger } from '../courses/course-ledger';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';

export class BookCourseCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly courseId: string,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

export class CancelBookingCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/**
 * A booking is decided on the case first (deadline, one booking at a time), then the place is
 * taken on the course stream, where racing bookings clash and are re-decided so that no course
 * holds more than its capacity; last, the case records it. Should the case refuse at that last
 * step (it changed meanwhile), the place is given back.
 */
@CommandHandler(BookCourseCommand)
export class BookCourseHandler implements ICommandHandler<BookCourseCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly courses: CourseLedger,
  ) {}

  async execute({ caseId, courseId, recorder }: BookCourseCommand): Promise<CommandResult> {
    const course = await this.courses.facts(courseId);
    const today = this.cases.today();
    const bookCourse = { type: 'BookCourse', data: { caseId, courseId, course, today } };
    await this.cases.decideOnly(caseId, 'conditional-caution', bookCourse);
    await this.courses.decide(courseId, (day) => ({ type: 'BookCoursePlace', data: { courseId, caseId, today: day } }), recorder);
    try {
      const { position } = await this.cases.step(caseId, 'conditional-caution', () => bookCourse, recorder);
      return positionOf(position);
    } catch (error) {
      await this.courses.decide(courseId, (day) => ({ type: 'CancelCoursePlace', data: { courseId, caseId, today: day } }), recorder);
      throw error;
    }
  }
}

/** Cancels the case's booking, then gives the place back on the course. */
@CommandHandler(CancelBookingCommand)
export class CancelBookingHandler implements ICommandHandler<CancelBookingCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly courses: CourseLedger,
  ) {}

  async execute({ caseId, recorder }: CancelBookingCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const { events } = await this.cases.step(caseId, 'conditional-caution', () => ({ type: 'CancelBooking', data: { caseId, today } }), recorder);
    const cancelled = events.find((event): event is BookingCancelled => event.type === 'BookingCancelled');
    if (!cancelled) throw new Error('CancelBooking decided no BookingCancelled');
    const { courseId } = cancelled.data;
    const position = await this.courses.decide(courseId, (day) => ({ type: 'CancelCoursePlace', data: { courseId, caseId, today: day } }), recorder);
    return positionOf(position);
  }
}
