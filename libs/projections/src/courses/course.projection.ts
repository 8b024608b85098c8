import { CalendarDate, CourseAttended, CourseEvent } from '@safer-cases/domain';
import { columnsOf, Recorded, RowProjection, RowTable, Stamp, stampOf } from '../row-projection';

/** A row of `course_summaries`. */
export type CourseSummaryRow = {
  course_id: string;
  date: CalendarDate;
  capacity: number;
  venue: string | null;
  booked_count: number;
  places_left: number;
  attended_count: number;
} & Stamp;

/** A course's row with the cases holding its places, kept one row each in `course_bookings`. */
export type CourseModel = CourseSummaryRow & { booked_case_ids: readonly string[] };

export type CourseSummaryEvent = CourseEvent | CourseAttended;

const handled: Record<CourseSummaryEvent['type'], true> = { CourseScheduled: true, CoursePlaceBooked: true, CoursePlaceCancelled: true, CourseAttended: true };

const withBookings = (model: CourseModel, bookedCaseIds: readonly string[]): CourseModel => ({
  ...model,
  booked_case_ids: bookedCaseIds,
  booked_count: bookedCaseIds.length,
  places_left: Math.max(0, model.capacity - bookedCaseIds.length),
});

/** Places follow the course stream, as the course decider counts them; attendance comes from the cases. */
export const evolveCourseSummary = (model: CourseModel | undefined, event: Recorded<CourseSummaryEvent>): CourseModel | undefined => {
  if (event.type === 'CourseScheduled') {
    if (model) return model;
    const { courseId, date, capacity, venue } = event.data;
    return { course_id: courseId, date, capacity, venue: venue ?? null, booked_count: 0, places_left: capacity, attended_count: 0, booked_case_ids: [], ...stampOf(event) };
  }
  if (model === undefined) return undefined;
  const next = { ...model, ...stampOf(event) };
  switch (event.type) {
    case 'CoursePlaceBooked':
      return next.booked_case_ids.includes(event.data.caseId) ? next : withBookings(next, [...next.booked_case_ids, event.data.caseId]);
    case 'CoursePlaceCancelled':
      return withBookings(
        next,
        next.booked_case_ids.filter((caseId) => caseId !== event.data.caseId),
      );
    case 'CourseAttended':
      return { ...next, attended_count: next.attended_count + 1 };
    default:
      return next;
  }
};

/**
 * A struck attendance is taken back from its course. Struck bookings and cancellations need
 * nothing here: the case writes the course's own CoursePlaceCancelled or CoursePlaceBooked with
 * the strike, and places follow those.
 */
export const takeBackFromCourse = (model: CourseModel | undefined, struck: Recorded<CourseSummaryEvent>, strike: Recorded): CourseModel | undefined =>
  model && struck.type === 'CourseAttended' ? { ...model, attended_count: Math.max(0, model.attended_count - 1), ...stampOf(strike) } : model;

export const courseRows: RowTable<CourseModel, CourseSummaryEvent> = {
  table: 'course_summaries',
  key: ['course_id'],
  columns: columnsOf<CourseSummaryRow>({
    course_id: true,
    date: true,
    capacity: true,
    venue: true,
    booked_count: true,
    places_left: true,
    attended_count: true,
    last_event_position: true,
    updated_at: true,
  }),
  handles: Object.keys(handled) as CourseSummaryEvent['type'][],
  keyOf: ({ data }) => ({ course_id: data.courseId }),
  evolve: evolveCourseSummary,
  appliedThrough: 'last_event_position',
  lists: [{ field: 'booked_case_ids', table: 'course_bookings', column: 'case_id' }],
  struckOut: { takeBack: takeBackFromCourse },
};

/** The course calendar: date, capacity, places booked and left, attendance; and who holds each place. */
export class CourseProjection extends RowProjection {
  constructor() {
    super('courses', [courseRows]);
  }
}
