import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { caseDeciders } from '../cases/case-deciders';
import { CaseWriter } from '../cases/case-writer';
import { courseDecider, courseStreamId, NoBooking } from '@safer-cases/domain';
import { courseFactsOf } from '../courses/course-ledger';
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

const caution = caseDeciders['conditional-caution'];

/**
 * A booking is decided on the case (deadline, one booking at a time) and on the course (a place
 * left), and written to both streams at once. Racing bookings clash on the course stream's
 * revision and are decided again, so no course holds more than its capacity and every loser is
 * told `course-full`, with nothing written for it.
 */
@CommandHandler(BookCourseCommand)
export class BookCourseHandler implements ICommandHandler<BookCourseCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, courseId, recorder }: BookCourseCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const { position } = await this.cases.stepAcross(
      caseId,
      'conditional-caution',
      courseStreamId(courseId),
      (loaded, courseEvents) => {
        const course = courseFactsOf(courseId, courseEvents);
        return {
          onCase: caution.decide({ type: 'BookCourse', data: { caseId, courseId, course: course.facts, today } }, loaded.state),
          onOther: courseDecider.decide({ type: 'BookCoursePlace', data: { courseId, caseId, today } }, course.state),
        };
      },
      recorder,
    );
    return positionOf(position);
  }
}

/** Cancels the case's booking and gives the place back on the course, together. */
@CommandHandler(CancelBookingCommand)
export class CancelBookingHandler implements ICommandHandler<CancelBookingCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, recorder }: CancelBookingCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const loaded = await this.cases.load(caseId, recorder);
    const booked = [...loaded.events].reverse().find((event) => event.type === 'CourseBooked' || event.type === 'BookingCancelled');
    const courseId = booked?.type === 'CourseBooked' ? String(booked.data.courseId) : undefined;
    if (!courseId) {
      this.cases.decideOnly(loaded, 'conditional-caution', { type: 'CancelBooking', data: { caseId, today } });
      throw new NoBooking(caseId);
    }
    const { position } = await this.cases.stepAcross(
      caseId,
      'conditional-caution',
      courseStreamId(courseId),
      (loaded, courseEvents) => ({
        onCase: caution.decide({ type: 'CancelBooking', data: { caseId, today } }, loaded.state),
        onOther: courseDecider.decide({ type: 'CancelCoursePlace', data: { courseId, caseId, today } }, courseFactsOf(courseId, courseEvents).state),
      }),
      recorder,
    );
    return positionOf(position);
  }
}
