import { SharedCaseCommand } from '../cases/case.commands';
import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';
import { CautionBreachReason } from './conditional-caution.events';

/** What the handler read from the course stream before booking; the course stream itself enforces capacity. */
/** What a booking needs to know of its course; a place left is the course's own rule, decided on its stream. */
export type CourseFacts = { exists: false } | { exists: true; courseId: string; date: CalendarDate };

export type BookCourse = Command<'BookCourse', { caseId: string; courseId: string; course: CourseFacts; today: CalendarDate }>;
export type CancelBooking = Command<'CancelBooking', { caseId: string; today: CalendarDate }>;
export type PayFee = Command<'PayFee', { caseId: string; paidOn: CalendarDate; amountPence: number; today: CalendarDate }>;
export type RecordAttendance = Command<'RecordAttendance', { caseId: string; courseId: string; attendedOn: CalendarDate; today: CalendarDate }>;
export type CompleteCourse = Command<'CompleteCourse', { caseId: string; completedOn: CalendarDate; today: CalendarDate }>;
export type RecordBreach = Command<'RecordBreach', { caseId: string; on: CalendarDate; reason: CautionBreachReason; today: CalendarDate }>;

export type ConditionalCautionCommand = SharedCaseCommand | BookCourse | CancelBooking | PayFee | RecordAttendance | CompleteCourse | RecordBreach;
