import { SharedCaseEvent } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

export const cautionBreachReasons = ['did-not-attend', 'fee-unpaid', 'deadline-passed', 'other'] as const;
export type CautionBreachReason = (typeof cautionBreachReasons)[number];

/** No business date of its own: the course's date is copied so the case knows when attendance is due. */
export type CourseBooked = Event<'CourseBooked', { caseId: string; courseId: string; courseDate: CalendarDate }>;
export type BookingCancelled = Event<'BookingCancelled', { caseId: string; courseId: string }>;
export type FeePaid = Event<'FeePaid', { caseId: string; paidOn: CalendarDate; amountPence: number }>;
export type CourseAttended = Event<'CourseAttended', { caseId: string; courseId: string; attendedOn: CalendarDate }>;
export type CourseCompleted = Event<'CourseCompleted', { caseId: string; completedOn: CalendarDate }>;
/** The caution failed: the case goes back to the police for prosecution. */
export type ConditionBreached = Event<'ConditionBreached', { caseId: string; on: CalendarDate; reason: CautionBreachReason }>;

export type ConditionalCautionEvent = SharedCaseEvent | CourseBooked | BookingCancelled | FeePaid | CourseAttended | CourseCompleted | ConditionBreached;
