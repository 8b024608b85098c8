import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { BookCourse, CancelBooking, CaseState, courseDecider, courseStreamId } from '@safer-cases/domain';
import { CaseWriter } from '../cases/case-writer';
import { courseFactsOf } from '../courses/course-ledger';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';

export class BookCourseCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly courseId: string,
    readonly today: string,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

export class CancelBookingCommand extends NestCommand<CommandResult> {
  constructor(
    readonly command: CancelBooking,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** The course a caution case is booked on now, if any. */
const bookedCourseOf = (state: CaseState): string | undefined =>
  state.programme === 'conditional-caution' && 'booking' in state.state ? state.state.booking?.courseId : undefined;

/**
 * A booking is decided on the case (deadline, one booking at a time) and on the course (a place
 * left), and written to both streams at once. Racing bookings clash on the course stream's
 * revision and are decided again, so no course holds more than its capacity and every loser is
 * told `course-full`, with nothing written for it.
 */
@CommandHandler(BookCourseCommand)
export class BookCourseHandler implements ICommandHandler<BookCourseCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, courseId, today, recorder }: BookCourseCommand): Promise<CommandResult> {
    const book = (courseEvents: Parameters<typeof courseFactsOf>[1]): BookCourse => ({
      type: 'BookCourse',
      data: { caseId, courseId, course: courseFactsOf(courseId, courseEvents).facts, today },
    });
    const position = await this.cases.decideWith(
      {
        caseId,
        other: () => courseStreamId(courseId),
        command: book,
        onOther: (courseEvents) => courseDecider.decide({ type: 'BookCoursePlace', data: { courseId, caseId, today } }, courseFactsOf(courseId, courseEvents).state),
      },
      recorder,
    );
    return positionOf(position);
  }
}

/** Cancels the case's booking and gives the place back on the course, together; with no booking the case's own rule refuses it. */
@CommandHandler(CancelBookingCommand)
export class CancelBookingHandler implements ICommandHandler<CancelBookingCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ command, recorder }: CancelBookingCommand): Promise<CommandResult> {
    const { caseId, today } = command.data;
    const position = await this.cases.decideWith(
      {
        caseId,
        other: (caseState) => {
          const courseId = bookedCourseOf(caseState);
          return courseId === undefined ? undefined : courseStreamId(courseId);
        },
        command: () => command,
        onOther: (courseEvents, caseState) => {
          const courseId = bookedCourseOf(caseState);
          return courseId === undefined ? [] : courseDecider.decide({ type: 'CancelCoursePlace', data: { courseId, caseId, today } }, courseFactsOf(courseId, courseEvents).state);
        },
      },
      recorder,
    );
    return positionOf(position);
  }
}
