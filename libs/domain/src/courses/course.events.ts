import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

export type CourseScheduled = Event<'CourseScheduled', { courseId: string; date: CalendarDate; capacity: number; venue?: string }>;

/** One event per place taken or given back, so that two bookings racing for the last place clash on the course stream's revision. */
export type CoursePlaceBooked = Event<'CoursePlaceBooked', { courseId: string; caseId: string }>;
export type CoursePlaceCancelled = Event<'CoursePlaceCancelled', { courseId: string; caseId: string }>;

export type CourseEvent = CourseScheduled | CoursePlaceBooked | CoursePlaceCancelled;

export const courseStreamId = (courseId: string): string => `course-${courseId}`;
