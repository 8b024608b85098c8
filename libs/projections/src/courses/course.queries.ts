import { CalendarDate } from '@safer-cases/domain';
import { Queryable } from '../queryable';
import { withoutNulls } from '../views';
import { CourseSummaryRow } from './course.projection';

export type CourseCalendarFilter = { from?: CalendarDate; to?: CalendarDate };

export const courseSummaryView = (row: CourseSummaryRow) => ({
  courseId: row.course_id,
  date: row.date,
  capacity: row.capacity,
  bookedCount: row.booked_count,
  placesLeft: row.places_left,
  attendedCount: row.attended_count,
  ...withoutNulls({ venue: row.venue }),
});

export type CourseSummaryView = ReturnType<typeof courseSummaryView>;

/** The courses dated within [from, to] (either bound optional), earliest first. */
export const listCourses = async (database: Queryable, { from, to }: CourseCalendarFilter): Promise<CourseSummaryView[]> => {
  const { rows } = await database.query<{ row: CourseSummaryRow }>(
    `select to_jsonb(t) || jsonb_build_object('last_event_position', t.last_event_position::text) as row
       from course_summaries t
      where ($1::date is null or date >= $1::date) and ($2::date is null or date <= $2::date)
      order by date, course_id`,
    [from ?? null, to ?? null],
  );
  return rows.map(({ row }) => courseSummaryView(row));
};
