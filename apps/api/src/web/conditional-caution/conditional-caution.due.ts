import { CalendarDate } from '@safer-cases/domain';
import { DueItem, oldestFirst } from '../due';
import { formatDate } from '../view-filters';
import { nearDeadlines } from './conditional-caution.deadline';

/** How near a deadline is when the start page names it: a week, the deadlines page's shortest window. */
export const nearDeadlineDays = 7;

/** A caution as its reminders read it (the case summary's fields). */
export type CautionDueCase = {
  caseId: string;
  status: string;
  closed: boolean;
  referredOn: CalendarDate;
  offenceDate?: CalendarDate;
  courseDate?: CalendarDate;
  feePaidOn?: CalendarDate;
};

/** What still stands between the case and its completion, in the officer's words. */
const stillToDo = (each: CautionDueCase): string => {
  if (each.status === 'referred') return 'no course booked';
  if (each.status === 'attended') return 'completion not recorded';
  const course = each.courseDate ? `booked on the course of ${formatDate(each.courseDate)}` : 'booked on a course';
  return each.feePaidOn ? course : `${course}, fee not paid`;
};

const dueWords = (daysLeft: number): string => (daysLeft < 0 ? 'Deadline passed' : daysLeft === 0 ? 'Deadline today' : 'Deadline near');

/**
 * The open cautions still working towards their course (not completed, breached or closed) whose
 * 12-week deadline is a week away or less, or has passed: the deadlines page's own rule
 * (`nearDeadlines`). The most overdue first.
 */
export const cautionDue = (cases: readonly CautionDueCase[], today: CalendarDate): DueItem[] =>
  oldestFirst(
    nearDeadlines(cases, today, nearDeadlineDays).map((each) => ({
      caseId: each.caseId,
      due: dueWords(each.daysLeft),
      since: each.deadline,
      detail: `deadline ${formatDate(each.deadline)} (${each.daysLeftText.toLowerCase()}); ${stillToDo(each)}`,
    })),
  );
