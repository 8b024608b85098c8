import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';

/** `date` may lie in the future: courses are planned months ahead. `capacity` defaults to 16. */
export type ScheduleCourse = Command<'ScheduleCourse', { courseId: string; date: CalendarDate; capacity?: number; venue?: string; today: CalendarDate }>;

export type BookCoursePlace = Command<'BookCoursePlace', { courseId: string; caseId: string; today: CalendarDate }>;

export type CancelCoursePlace = Command<'CancelCoursePlace', { courseId: string; caseId: string; today: CalendarDate }>;

export type CourseCommand = ScheduleCourse | BookCoursePlace | CancelCoursePlace;
