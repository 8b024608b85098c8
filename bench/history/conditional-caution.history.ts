import { addDays, CalendarDate, caseStreamId, conditionalCautionDecider, daysBetween, deadlineOf } from '@safer-cases/domain';
import { caseStream, History, maybeReoffend, newId, reference } from './history';

const offences = ['drunk and disorderly', 'criminal damage while drunk', 'theft of alcohol', 'public order offence'];

/**
 * A conditional caution: referred by the police with the offence date (deadline 84 days on), a
 * place booked on a course (sometimes cancelled and booked again), the £44 fee, attendance and
 * completion, or a breach back to the police; closure; sometimes a reoffence.
 */
export const referConditionalCaution = (history: History, referredOn: CalendarDate): void => {
  const { world, calendar, courses } = history;
  const { random } = world;
  const caseId = newId();
  const personId = newId();
  const offenceDate = addDays(referredOn, -random.int(0, 14));
  const deadline = deadlineOf(offenceDate);
  const stream = caseStream(history, conditionalCautionDecider, caseId, 'wdp.caution-officer');
  world.decide(
    conditionalCautionDecider,
    caseStreamId(caseId),
    {
      type: 'ReferCase',
      data: {
        caseId,
        programme: 'conditional-caution',
        referredOn,
        referrer: { organisation: 'police', reference: reference(history) },
        personId,
        offence: { type: random.pick(offences), date: offenceDate },
        today: referredOn,
      },
    },
    'police.officer',
  );
  maybeReoffend(history, caseId, referredOn, 0.09, (date, today) => stream.decide({ type: 'RecordReoffence', data: { caseId, offenceDate: date, today } }));
  let feeToPay = random.chance(0.93);

  const close = (after: CalendarDate): void =>
    calendar.at(addDays(after, random.int(7, 30)), (today) => stream.decide({ type: 'CloseCase', data: { caseId, closedOn: today, today } }));

  const breach = (on: CalendarDate, reason: 'did-not-attend' | 'fee-unpaid' | 'deadline-passed'): void => {
    stream.decide({ type: 'RecordBreach', data: { caseId, on, reason, today: on } });
    close(on);
  };

  const book = (today: CalendarDate): void => {
    const course = courses.findPlace(addDays(today, 3), deadline);
    if (course === undefined) return addDays(today, 10) > deadline ? breach(today, 'deadline-passed') : calendar.at(addDays(today, 7), book);
    const correlationId = newId();
    courses.book(course.courseId, caseId, today, correlationId);
    stream.decide({ type: 'BookCourse', data: { caseId, courseId: course.courseId, course, today } }, correlationId);
    const daysToGo = daysBetween(today, course.date);
    if (feeToPay) {
      feeToPay = false;
      calendar.at(addDays(today, random.int(0, daysToGo)), (paidOn) => {
        if (stream.state().status !== 'breached') stream.decide({ type: 'PayFee', data: { caseId, paidOn, amountPence: 4400, today: paidOn } });
      });
    }
    if (daysToGo > 2 && random.chance(0.05)) {
      return calendar.at(addDays(today, random.int(1, daysToGo - 1)), (on) => {
        const cancelling = newId();
        stream.decide({ type: 'CancelBooking', data: { caseId, today: on } }, cancelling);
        courses.cancel(course.courseId, caseId, on, cancelling);
        calendar.at(addDays(on, 1), book);
      });
    }
    calendar.at(course.date, (attendedOn) => attend(course.courseId, attendedOn));
  };

  const attend = (courseId: string, attendedOn: CalendarDate): void => {
    if (!random.chance(0.9)) return calendar.at(addDays(attendedOn, random.int(1, 5)), (on) => breach(on, 'did-not-attend'));
    stream.decide({ type: 'RecordAttendance', data: { caseId, courseId, attendedOn, today: attendedOn } });
    const state = stream.state();
    if (state.status === 'attended' && state.feePaidOn !== undefined) {
      stream.decide({ type: 'CompleteCourse', data: { caseId, completedOn: attendedOn, today: attendedOn } });
      history.completed.push({ caseId, programme: 'conditional-caution', personId });
      return close(attendedOn);
    }
    calendar.at(addDays(attendedOn, random.int(1, 7)), (on) => breach(on, 'fee-unpaid'));
  };

  calendar.at(addDays(referredOn, random.int(1, 10)), book);
};
