import { migrate } from '@safer-cases/database';
import { StoredEvent } from '@safer-cases/event-store';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { listCases } from './case-summaries/case-summary.queries';
import { listCourses } from './courses/course.queries';
import { listProjections } from './list-projections';
import { liveTables, Projection, TableName } from './projection';
import { streamsOf } from './testing/streams';
import { listVolunteers } from './volunteers/volunteer.queries';

const tables = ['case_summaries', 'course_summaries', 'course_bookings', 'volunteer_summaries', 'reoffences'];
const keys: Record<string, string> = {
  case_summaries: 'case_id',
  course_summaries: 'course_id',
  course_bookings: 'course_id, case_id',
  volunteer_summaries: 'volunteer_id',
  reoffences: 'position',
};

const id = {
  coach: randomUUID(),
  facilitator: randomUUID(),
  course: randomUUID(),
  laterCourse: randomUUID(),
  completedCaution: randomUUID(),
  rebookedCaution: randomUUID(),
  restorative: randomUUID(),
  completedCoaching: randomUUID(),
  openCoaching: randomUUID(),
  person: randomUUID(),
};

/** The events of a small partnership, in global order, with gaps in the positions as the store leaves them. */
const history = (): StoredEvent[] => {
  const raw: [string, string, Record<string, unknown>][] = [];
  const on = (streamId: string, type: string, data: Record<string, unknown>): void => {
    raw.push([streamId, type, data]);
  };
  const referral = (caseId: string, programme: string, referredOn: string) =>
    on(`case-${caseId}`, 'CaseReferred', {
      caseId,
      programme,
      referredOn,
      referrer: { organisation: 'police' },
      personId: id.person,
      offence: { type: 'theft', date: '2015-01-10' },
    });
  on(`volunteer-${id.coach}`, 'VolunteerRecruited', { volunteerId: id.coach, organisation: 'home-start', recruitedOn: '2014-12-01' });
  on(`volunteer-${id.coach}`, 'VolunteerTrained', { volunteerId: id.coach, trainedOn: '2015-01-05' });
  on(`volunteer-${id.facilitator}`, 'VolunteerRecruited', { volunteerId: id.facilitator, organisation: 'victim-support', recruitedOn: '2014-11-01' });
  on(`volunteer-${id.facilitator}`, 'VolunteerTrained', { volunteerId: id.facilitator, trainedOn: '2014-12-01' });
  on(`course-${id.course}`, 'CourseScheduled', { courseId: id.course, date: '2015-03-05', capacity: 2, venue: 'Hendon' });
  on(`course-${id.laterCourse}`, 'CourseScheduled', { courseId: id.laterCourse, date: '2015-04-02', capacity: 16 });
  referral(id.completedCaution, 'conditional-caution', '2015-01-20');
  on(`case-${id.completedCaution}`, 'CourseBooked', { caseId: id.completedCaution, courseId: id.course, courseDate: '2015-03-05' });
  on(`course-${id.course}`, 'CoursePlaceBooked', { courseId: id.course, caseId: id.completedCaution });
  referral(id.rebookedCaution, 'conditional-caution', '2015-01-21');
  on(`case-${id.rebookedCaution}`, 'CourseBooked', { caseId: id.rebookedCaution, courseId: id.course, courseDate: '2015-03-05' });
  on(`course-${id.course}`, 'CoursePlaceBooked', { courseId: id.course, caseId: id.rebookedCaution });
  on(`case-${id.completedCaution}`, 'FeePaid', { caseId: id.completedCaution, paidOn: '2015-02-01', amountPence: 4400 });
  on(`case-${id.rebookedCaution}`, 'BookingCancelled', { caseId: id.rebookedCaution, courseId: id.course });
  on(`course-${id.course}`, 'CoursePlaceCancelled', { courseId: id.course, caseId: id.rebookedCaution });
  on(`case-${id.rebookedCaution}`, 'CourseBooked', { caseId: id.rebookedCaution, courseId: id.laterCourse, courseDate: '2015-04-02' });
  on(`course-${id.laterCourse}`, 'CoursePlaceBooked', { courseId: id.laterCourse, caseId: id.rebookedCaution });
  referral(id.restorative, 'restorative-justice', '2015-01-22');
  on(`case-${id.restorative}`, 'ReferralAccepted', { caseId: id.restorative, acceptedOn: '2015-01-26' });
  on(`case-${id.restorative}`, 'PanelHeld', { caseId: id.restorative, heldOn: '2015-02-02', facilitatorIds: [id.facilitator], victimAttended: true });
  on(`case-${id.completedCaution}`, 'CourseAttended', { caseId: id.completedCaution, courseId: id.course, attendedOn: '2015-03-05' });
  on(`case-${id.completedCaution}`, 'CourseCompleted', { caseId: id.completedCaution, completedOn: '2015-03-06' });
  on(`case-${id.restorative}`, 'OutcomeAgreementReached', { caseId: id.restorative, reachedOn: '2015-02-02', reparation: ['apology'] });
  on(`case-${id.restorative}`, 'VictimSatisfactionRecorded', { caseId: id.restorative, surveyedOn: '2015-02-09', satisfied: true });
  referral(id.completedCoaching, 'community-coaching', '2015-02-02');
  on(`case-${id.completedCoaching}`, 'CoachAssigned', { caseId: id.completedCoaching, volunteerId: id.coach, assignedOn: '2015-02-09' });
  on(`volunteer-${id.coach}`, 'CoachingCaseTaken', { volunteerId: id.coach, caseId: id.completedCoaching, takenOn: '2015-02-09' });
  referral(id.openCoaching, 'community-coaching', '2015-02-02');
  on(`case-${id.openCoaching}`, 'CoachAssigned', { caseId: id.openCoaching, volunteerId: id.coach, assignedOn: '2015-02-10' });
  on(`volunteer-${id.coach}`, 'CoachingCaseTaken', { volunteerId: id.coach, caseId: id.openCoaching, takenOn: '2015-02-10' });
  on(`case-${id.completedCoaching}`, 'InterventionStarted', { caseId: id.completedCoaching, startedOn: '2015-02-16' });
  on(`case-${id.completedCoaching}`, 'CoachingSessionLogged', { caseId: id.completedCoaching, sessionOn: '2015-02-20', hours: 1.5 });
  on(`case-${id.completedCoaching}`, 'CoachingSessionLogged', { caseId: id.completedCoaching, sessionOn: '2015-03-20', hours: 2.25 });
  on(`case-${id.completedCoaching}`, 'InterventionCompleted', { caseId: id.completedCoaching, completedOn: '2015-04-20' });
  on(`volunteer-${id.coach}`, 'CoachingCaseReleased', { volunteerId: id.coach, caseId: id.completedCoaching, releasedOn: '2015-04-20' });
  on(`case-${id.restorative}`, 'OutcomeAgreementUpheld', { caseId: id.restorative, on: '2015-05-01' });
  on(`case-${id.restorative}`, 'CaseClosed', { caseId: id.restorative, closedOn: '2015-05-02' });
  on(`case-${id.completedCaution}`, 'ReoffenceRecorded', { caseId: id.completedCaution, offenceDate: '2015-06-01', reference: 'CRIS 1' });
  on(`volunteer-${id.facilitator}`, 'VolunteerLeft', { volunteerId: id.facilitator, leftOn: '2015-06-30' });
  const revisions = new Map<string, number>();
  return raw.map(([streamId, type, data], index) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const recordedAt = new Date(Date.UTC(2015, 6, 1, 9, 0, index)).toISOString();
    return { id: randomUUID(), streamId, revision, position: BigInt(index * 3 + 7), type, data, metadata: { recordedAt, recordedBy: 'tester' }, schemaVersion: 1 };
  });
};

describe('the list projections against PostgreSQL', () => {
  let pool: Pool;
  const projections: Projection[] = listProjections();
  const events = history();

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());

  /** Each batch in its own transaction, every projection given every event, as the runner does. */
  const applyInBatches = async (batches: readonly StoredEvent[][], table: TableName = liveTables): Promise<void> => {
    const client = await pool.connect();
    try {
      for (const batch of batches) {
        await client.query('begin');
        for (const projection of projections) await projection.apply(batch, client, table, streamsOf(events));
        await client.query('commit');
      }
    } finally {
      client.release();
    }
  };

  const copyTables = async (suffix: string): Promise<TableName> => {
    for (const name of tables) await pool.query(`drop table if exists ${name}_${suffix}; create table ${name}_${suffix} (like ${name} including all)`);
    return (logical) => `${logical}_${suffix}`;
  };

  const contents = async (table: TableName): Promise<Record<string, unknown[]>> => {
    const entries = await Promise.all(
      tables.map(async (name) => [name, (await pool.query(`select to_jsonb(t) as row from ${table(name)} t order by ${keys[name]}`)).rows.map(({ row }) => row)] as const),
    );
    return Object.fromEntries(entries);
  };

  const splitAt = (cuts: readonly number[]): StoredEvent[][] => {
    const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), events.length];
    return points.slice(1).map((end, index) => events.slice(points[index], end));
  };

  describe('given the whole history in one batch', () => {
    beforeAll(() => applyInBatches([events]));

    it('lists each case with its programme status, newest referral first, ties by case id', async () => {
      const page = await listCases(pool, { limit: 10 });
      const coachingNewestFirst = [id.completedCoaching, id.openCoaching].sort().reverse();
      expect(page.items.map(({ caseId }) => caseId)).toEqual([...coachingNewestFirst, id.restorative, id.rebookedCaution, id.completedCaution]);
      expect(Object.fromEntries(page.items.map(({ caseId, status, closed }) => [caseId, { status, closed }]))).toEqual({
        [id.completedCoaching]: { status: 'completed', closed: false },
        [id.openCoaching]: { status: 'coach-assigned', closed: false },
        [id.restorative]: { status: 'agreement-upheld', closed: true },
        [id.rebookedCaution]: { status: 'booked', closed: false },
        [id.completedCaution]: { status: 'completed', closed: false },
      });
      expect(page.nextCursor).toBeNull();
    });

    it('keeps the caution dates, the deadline, the course booked and the reoffences', async () => {
      const { items } = await listCases(pool, { programme: 'conditional-caution', limit: 10 });
      const completed = items.find((item) => item.caseId === id.completedCaution);
      expect(completed).toMatchObject({
        status: 'completed',
        referredOn: '2015-01-20',
        offenceDate: '2015-01-10',
        deadline: '2015-04-04',
        courseId: id.course,
        courseDate: '2015-03-05',
        feePaidOn: '2015-02-01',
        attendedOn: '2015-03-05',
        completedOn: '2015-03-06',
        reoffenceCount: 1,
      });
      expect(items.find((item) => item.caseId === id.rebookedCaution)).toMatchObject({ status: 'booked', courseId: id.laterCourse, courseDate: '2015-04-02' });
    });

    it('keeps the coach, the dates and the total hours of a coaching case', async () => {
      const { items } = await listCases(pool, { programme: 'community-coaching', status: 'completed', limit: 10 });
      expect(items).toEqual([
        expect.objectContaining({ caseId: id.completedCoaching, volunteerId: id.coach, startedOn: '2015-02-16', completedOn: '2015-04-20', totalHours: 3.75, sessionCount: 2 }),
      ]);
      expect(items[0]).not.toHaveProperty('acceptedOn');
    });

    it('shows each course with places booked, left and attended', async () => {
      expect(await listCourses(pool, {})).toEqual([
        { courseId: id.course, date: '2015-03-05', capacity: 2, venue: 'Hendon', bookedCount: 1, placesLeft: 1, attendedCount: 1 },
        { courseId: id.laterCourse, date: '2015-04-02', capacity: 16, bookedCount: 1, placesLeft: 15, attendedCount: 0 },
      ]);
      expect(await listCourses(pool, { from: '2015-03-06', to: '2015-12-31' })).toEqual([expect.objectContaining({ courseId: id.laterCourse })]);
      const { rows } = await pool.query('select course_id, case_id from course_bookings order by course_id, case_id');
      expect(rows).toEqual(
        [
          { course_id: id.course, case_id: id.completedCaution },
          { course_id: id.laterCourse, case_id: id.rebookedCaution },
        ].sort((a, b) => a.course_id.localeCompare(b.course_id)),
      );
    });

    it('shows the roster with training, departure and coaching cases carried now', async () => {
      expect(await listVolunteers(pool, { organisation: 'home-start' })).toEqual([
        {
          volunteerId: id.coach,
          organisation: 'home-start',
          status: 'trained',
          recruitedOn: '2014-12-01',
          trainedOn: '2015-01-05',
          openCoachingCases: 1,
          openCaseIds: [id.openCoaching],
        },
      ]);
      expect(await listVolunteers(pool, { organisation: 'victim-support' })).toEqual([
        expect.objectContaining({ volunteerId: id.facilitator, status: 'left', leftOn: '2015-06-30', openCoachingCases: 0 }),
      ]);
    });

    it('records each reoffence once', async () => {
      const { rows } = await pool.query(`select case_id, offence_date::text as offence_date, reference from reoffences`);
      expect(rows).toEqual([{ case_id: id.completedCaution, offence_date: '2015-06-01', reference: 'CRIS 1' }]);
    });

    it('changes nothing when a batch is applied again', async () => {
      const before = await contents(liveTables);
      await applyInBatches([events.slice(5, 30), events]);
      expect(await contents(liveTables)).toEqual(before);
    });

    it('writes the same rows one event at a time', async () => {
      const oneByOne = await copyTables('one');
      await applyInBatches(
        events.map((event) => [event]),
        oneByOne,
      );
      expect(await contents(oneByOne)).toEqual(await contents(liveTables));
    });

    it('writes the same rows however the history is cut into batches', async () => {
      const whole = await contents(liveTables);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 8 }), async (cuts) => {
          const split = await copyTables('split');
          await applyInBatches(splitAt(cuts), split);
          expect(await contents(split)).toEqual(whole);
        }),
        { numRuns: 12 },
      );
    });
  });
});
