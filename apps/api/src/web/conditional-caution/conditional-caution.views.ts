import { CalendarDate } from '@safer-cases/domain';
import { FormBody } from '../forms';

/** What the pages read of cases and courses (the answers of shared/API.md, docs/api-additions.md), as far as the pages use them. */
export type CaseListItem = {
  caseId: string;
  status: string;
  closed: boolean;
  referrer: { organisation: string };
  referredOn: CalendarDate;
  offenceDate?: CalendarDate;
  courseId?: string;
  courseDate?: CalendarDate;
  feePaidOn?: CalendarDate;
};

export type CaseHistoryEntry = { type: string; date?: CalendarDate; recordedAt: string; recordedBy: string; data: Record<string, unknown> };

/** A caution's state as GET /api/cases/:id gives it: the decider's own. */
export type CautionState = {
  status: string;
  referredOn: CalendarDate;
  deadline?: CalendarDate;
  booking?: { courseId: string; courseDate: CalendarDate };
  feePaidOn?: CalendarDate;
  attendedOn?: CalendarDate;
  completedOn?: CalendarDate;
  breachedOn?: CalendarDate;
  breachReason?: string;
};

export type CaseView = { caseId: string; programme: string; status: string; closed: boolean; allowedSteps: readonly string[]; state: CautionState; history: CaseHistoryEntry[] };

/**
 * A case as the case queries read it from its stream, its state a caution's: the case page is
 * WDP's, and only a conditional-caution case passes the case access WDP has.
 */
export const cautionViewOf = (view: Omit<CaseView, 'state'> & { state: unknown }): CaseView => ({ ...view, state: view.state as CautionState });

/** A course on the calendar (GET /api/courses). */
export type CourseSummary = { courseId: string; date: CalendarDate; capacity: number; bookedCount: number; placesLeft: number; attendedCount: number; venue?: string };

/** The statuses an officer filters the case list by, in the order a case meets them. */
export const caseStatuses = ['referred', 'booked', 'attended', 'completed', 'breached'] as const;

export { caseListQuery, referralOf } from '../case-views';
export type { CaseListFilter } from '../case-views';

/** The calendar as the officer plans by it: courses still to come, earliest first, then those held, latest first. */
export const calendarOf = <C extends { date: CalendarDate; courseId: string }>(courses: readonly C[], today: CalendarDate): { upcoming: C[]; past: C[] } => {
  const byDate = (a: C, b: C) => a.date.localeCompare(b.date) || a.courseId.localeCompare(b.courseId);
  return {
    upcoming: courses.filter((course) => course.date >= today).sort(byDate),
    past: courses.filter((course) => course.date < today).sort((a, b) => byDate(b, a)),
  };
};

/**
 * The courses a case may be booked on (DOMAIN.md): dated from its referral to its deadline, with
 * a place left; earliest first. The API decides again on booking, against the course's stream.
 */
export const bookableCourses = <C extends { date: CalendarDate; courseId: string; placesLeft: number }>(
  courses: readonly C[],
  referredOn: CalendarDate,
  deadline: CalendarDate,
): C[] =>
  courses
    .filter((course) => course.date >= referredOn && course.date <= deadline && course.placesLeft > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || a.courseId.localeCompare(b.courseId));

/** A page's query string as a form body, for the GOV.UK date inputs of a filter (`from-day`, ...). */
export const queryForm = (query: Record<string, unknown>): FormBody =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/** How near a deadline the deadlines page looks, in days; four weeks unless another is chosen. */
export const deadlineWindows = [7, 14, 28, 56, 84] as const;

export const windowOf = (value: unknown): number => deadlineWindows.find((days) => String(days) === value) ?? 28;
