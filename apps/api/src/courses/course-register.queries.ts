import { CalendarDate, Organisation, Programme } from '@safer-cases/domain';
import type { Queryable } from '@safer-cases/projections';
import { PersonDisplay } from '../people/personal-data.store';

/** A course's row of `course_summaries`, as the register shows it. */
type CourseRow = {
  course_id: string;
  date: CalendarDate;
  capacity: number;
  venue: string | null;
  booked_count: number;
  places_left: number;
  attended_count: number;
};

/** A booked case's row of `case_summaries`: what the register shows of it, and what deciding who may see it takes. */
type BookedCaseRow = {
  case_id: string;
  programme: Programme;
  referrer_organisation: Organisation;
  person_id: string;
  status: string;
  closed: boolean;
  referred_on: CalendarDate;
  deadline: CalendarDate | null;
  course_id: string | null;
  fee_paid_on: CalendarDate | null;
  attended_on: CalendarDate | null;
};

export type RegisterCourse = { courseId: string; date: CalendarDate; capacity: number; venue?: string; bookedCount: number; placesLeft: number; attendedCount: number };

/** One case holding a place on the course, and who it is about (for the audit and the name). */
export type BookedCase = {
  caseId: string;
  programme: Programme;
  referrer: { organisation: Organisation };
  personId: string;
  status: string;
  closed: boolean;
  referredOn: CalendarDate;
  deadline?: CalendarDate;
  courseId?: string;
  feePaidOn?: CalendarDate;
  attendedOn?: CalendarDate;
};

/** A course's register as the officer takes it: the course, and everyone booked on it with the name held for them. */
export type CourseRegister = { course: RegisterCourse; booked: (Omit<BookedCase, 'personId'> & { subject: PersonDisplay | null })[] };

/**
 * The course and every case booked on it, in one statement however many are booked: the case
 * rows are gathered into one array beside the course's row. A booking is shown once the case's
 * own row is there; both are written by the same batches of the projection runner.
 */
const registerSql = `
  select jsonb_build_object(
           'course_id', c.course_id, 'date', c.date, 'capacity', c.capacity, 'venue', c.venue,
           'booked_count', c.booked_count, 'places_left', c.places_left, 'attended_count', c.attended_count
         ) as course,
         coalesce(
           (select jsonb_agg(
                     jsonb_build_object(
                       'case_id', s.case_id, 'programme', s.programme, 'referrer_organisation', s.referrer_organisation, 'person_id', s.person_id,
                       'status', s.status, 'closed', s.closed, 'referred_on', s.referred_on, 'deadline', s.deadline, 'course_id', s.course_id,
                       'fee_paid_on', s.fee_paid_on, 'attended_on', s.attended_on
                     )
                     order by s.referred_on, s.case_id
                   )
              from course_bookings b
              join case_summaries s on s.case_id = b.case_id
             where b.course_id = c.course_id),
           '[]'::jsonb
         ) as booked
    from course_summaries c
   where c.course_id = $1`;

const present = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> => (value === null ? {} : ({ [key]: value } as Record<K, V>));

const courseOf = (row: CourseRow): RegisterCourse => ({
  courseId: row.course_id,
  date: row.date,
  capacity: row.capacity,
  ...present('venue', row.venue),
  bookedCount: row.booked_count,
  placesLeft: row.places_left,
  attendedCount: row.attended_count,
});

const bookedCaseOf = (row: BookedCaseRow): BookedCase => ({
  caseId: row.case_id,
  programme: row.programme,
  referrer: { organisation: row.referrer_organisation },
  personId: row.person_id,
  status: row.status,
  closed: row.closed,
  referredOn: row.referred_on,
  ...present('deadline', row.deadline),
  ...present('courseId', row.course_id),
  ...present('feePaidOn', row.fee_paid_on),
  ...present('attendedOn', row.attended_on),
});

/** The course's row and its booked cases from the list read models; undefined for a course they do not hold. */
export const readCourseRegister = async (database: Queryable, courseId: string): Promise<{ course: RegisterCourse; booked: BookedCase[] } | undefined> => {
  const { rows } = await database.query<{ course: CourseRow; booked: BookedCaseRow[] }>(registerSql, [courseId]);
  const found = rows[0];
  return found && { course: courseOf(found.course), booked: found.booked.map(bookedCaseOf) };
};
