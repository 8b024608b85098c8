import { CalendarDate, CourseAttended, CourseEvent } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';
import { alreadyApplied, columnsOf, keyedBy, Queryable, selectRows, uniqueIds, upsertRows } from './rows.sql';

export type CourseSummaryRow = {
  course_id: string;
  date: CalendarDate;
  capacity: number;
  venue: string | null;
  booked_count: number;
  places_left: number;
  attended_count: number;
  last_event_position: string;
  updated_at: string;
};

const columns = columnsOf<CourseSummaryRow>({
  course_id: true,
  date: true,
  capacity: true,
  venue: true,
  booked_count: true,
  places_left: true,
  attended_count: true,
  last_event_position: true,
  updated_at: true,
});

/** A course's row and the cases holding its places (the `course_bookings` rows). */
export type CourseModel = { row: CourseSummaryRow; bookedCaseIds: readonly string[] };

type CourseSummaryEvent = CourseEvent | CourseAttended;

const handled: Record<CourseSummaryEvent['type'], true> = { CourseScheduled: true, CoursePlaceBooked: true, CoursePlaceCancelled: true, CourseAttended: true };
const handledTypes = new Set<string>(Object.keys(handled));

const withBookings = (model: CourseModel, bookedCaseIds: readonly string[]): CourseModel => ({
  row: { ...model.row, booked_count: bookedCaseIds.length, places_left: Math.max(0, model.row.capacity - bookedCaseIds.length) },
  bookedCaseIds,
});

/** Places follow the course stream, as the course decider counts them; attendance comes from the cases. */
export const evolveCourseSummary = (
  model: CourseModel | undefined,
  event: CourseSummaryEvent,
  stamp: Pick<CourseSummaryRow, 'last_event_position' | 'updated_at'>,
): CourseModel | undefined => {
  if (event.type === 'CourseScheduled') {
    if (model) return model;
    const { courseId, date, capacity, venue } = event.data;
    const row = { course_id: courseId, date, capacity, venue: venue ?? null, booked_count: 0, places_left: capacity, attended_count: 0, ...stamp };
    return { row, bookedCaseIds: [] };
  }
  if (model === undefined) return undefined;
  const next = { ...model, row: { ...model.row, ...stamp } };
  switch (event.type) {
    case 'CoursePlaceBooked':
      return next.bookedCaseIds.includes(event.data.caseId) ? next : withBookings(next, [...next.bookedCaseIds, event.data.caseId]);
    case 'CoursePlaceCancelled':
      return withBookings(
        next,
        next.bookedCaseIds.filter((caseId) => caseId !== event.data.caseId),
      );
    case 'CourseAttended':
      return { ...next, row: { ...next.row, attended_count: next.row.attended_count + 1 } };
    default:
      return next;
  }
};

const selectBookings = async (client: Queryable, table: string, courseIds: readonly string[]): Promise<Map<string, string[]>> => {
  const { rows } = await client.query<{ course_id: string; case_id: string }>(
    `select course_id, case_id from ${table} where course_id = any($1::text[]) order by course_id, case_id`,
    [courseIds],
  );
  const bookings = new Map<string, string[]>();
  for (const { course_id, case_id } of rows) bookings.set(course_id, [...(bookings.get(course_id) ?? []), case_id]);
  return bookings;
};

const replaceBookings = async (client: Queryable, table: string, models: readonly CourseModel[]): Promise<void> => {
  if (models.length === 0) return;
  await client.query(`delete from ${table} where course_id = any($1::text[])`, [models.map(({ row }) => row.course_id)]);
  const pairs = models.flatMap(({ row, bookedCaseIds }) => bookedCaseIds.map((caseId) => [row.course_id, caseId]));
  if (pairs.length === 0) return;
  await client.query(`insert into ${table} (course_id, case_id) select * from unnest($1::text[], $2::text[])`, [
    pairs.map(([courseId]) => courseId),
    pairs.map(([, caseId]) => caseId),
  ]);
};

/** The course calendar: date, capacity, places booked and left, attendance; and who holds each place. */
export class CourseProjection implements Projection {
  readonly name = 'courses';
  readonly tables = ['course_summaries', 'course_bookings'] as const;
  readonly handles = [...handledTypes];

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const relevant = keyedBy(events, handledTypes, 'courseId');
    if (relevant.length === 0) return;
    const summaries = table('course_summaries');
    const bookingsTable = table('course_bookings');
    const courseIds = uniqueIds(relevant);
    const rows = await selectRows<CourseSummaryRow>(client, summaries, 'course_id', courseIds);
    const bookings = await selectBookings(client, bookingsTable, courseIds);
    const models = new Map<string, CourseModel>([...rows].map(([id, row]) => [id, { row, bookedCaseIds: bookings.get(id) ?? [] }]));
    const changed = new Map<string, CourseModel>();
    const rebooked = new Set<string>();
    for (const { event, id } of relevant) {
      const current = models.get(id);
      if (alreadyApplied(current?.row, event)) continue;
      const next = evolveCourseSummary(current, { type: event.type, data: event.data } as CourseSummaryEvent, {
        last_event_position: event.position.toString(),
        updated_at: event.metadata.recordedAt,
      });
      if (next === undefined) continue;
      if (next.bookedCaseIds !== current?.bookedCaseIds) rebooked.add(id);
      models.set(id, next);
      changed.set(id, next);
    }
    await upsertRows(
      client,
      summaries,
      'course_id',
      columns,
      [...changed.values()].map(({ row }) => row),
    );
    await replaceBookings(
      client,
      bookingsTable,
      [...rebooked].flatMap((id) => changed.get(id) ?? []),
    );
  }
}
