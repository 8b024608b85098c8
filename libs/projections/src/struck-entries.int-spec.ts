import { StoredEvent } from '@safer-cases/event-store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CaseFactsProjection } from './case-facts';
import { listCases } from './case-summaries/case-summary.queries';
import { listCourses } from './courses/course.queries';
import { listProjections } from './list-projections';
import { liveTables, Projection, StreamReader, TableName } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjections } from './rebuild';
import { caseWalks, globalOrder, neverRecorded } from './testing/case-walks.fixtures';
import { ReadModelDatabase, recordingLog, startReadModelDatabase } from './testing/read-model-database.fixtures';
import { streamsOf } from './testing/streams';
import { listVolunteers } from './volunteers/volunteer.queries';

/** Every table a case's events reach, with the key it is listed by. */
const keys: Record<string, string> = {
  case_facts: 'case_id',
  reoffence_facts: 'case_id, offence_date',
  case_summaries: 'case_id',
  reoffences: 'position',
  course_summaries: 'course_id',
  course_bookings: 'course_id, case_id',
};
const tables = Object.keys(keys);

/** The columns that say when a row last changed, not what it says: a strike changes a row, so it is stamped with the strike. */
const stamps = ['last_event_position', 'updated_at'];

const readModels = (): Projection[] => [new CaseFactsProjection(), ...listProjections()];

const courseId = randomUUID();
const coachId = randomUUID();
const courseScheduled = { streamId: `course-${courseId}`, type: 'CourseScheduled', data: { courseId, date: '2014-01-06', capacity: 50, venue: 'Hendon' } };

type Snapshot = Record<string, Record<string, unknown>[]>;

const snapshot = async (pool: Pool, table: TableName, { withStamps }: { withStamps: boolean }): Promise<Snapshot> => {
  const entries = await Promise.all(
    tables.map(async (name) => {
      const { rows } = await pool.query<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from ${table(name)} t order by ${keys[name]}`);
      return [name, rows.map(({ row }) => (withStamps ? row : Object.fromEntries(Object.entries(row).filter(([column]) => !stamps.includes(column)))))] as const;
    }),
  );
  return Object.fromEntries(entries);
};

/** Each batch in its own transaction, every read model given every event, as the runner does; a strike reads its stream from `streams`. */
const project = async (pool: Pool, batches: readonly StoredEvent[][], table: TableName, streams: StreamReader): Promise<void> => {
  const projections = readModels();
  const client = await pool.connect();
  try {
    for (const batch of batches) {
      await client.query('begin');
      for (const projection of projections) {
        const handled = new Set(projection.handles);
        await projection.apply(
          batch.filter((event) => handled.has(event.type)),
          client,
          table,
          streams,
        );
      }
      await client.query('commit');
    }
  } finally {
    client.release();
  }
};

const cutAt = (events: readonly StoredEvent[], cuts: readonly number[]): StoredEvent[][] => {
  const points = [0, ...[...new Set(cuts.map((cut) => cut % events.length))].sort((a, b) => a - b), events.length];
  return points.slice(1).map((end, index) => events.slice(points[index], end));
};

describe('entries struck out, in every read model', () => {
  let db: ReadModelDatabase;

  beforeAll(async () => {
    db = await startReadModelDatabase([]);
    for (const copy of ['struck', 'never']) for (const name of tables) await db.pool.query(`create table ${name}_${copy} (like ${name} including all)`);
  });
  afterAll(() => db.close());

  const copy =
    (suffix: string): TableName =>
    (logical) =>
      `${logical}_${suffix}`;

  describe('for any case histories the rules allow, cut into any batches', () => {
    it('give the rows of histories that never recorded the struck entries, each case stamped with its last event', async () => {
      await fc.assert(
        fc.asyncProperty(caseWalks({ courseId, coachId }), fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), async (cases, shuffle, cuts) => {
          await db.pool.query(`truncate ${tables.flatMap((name) => [`${name}_struck`, `${name}_never`]).join(', ')}`);
          const events = globalOrder(cases, shuffle, [courseScheduled]);
          const never = neverRecorded(events);
          await project(db.pool, cutAt(events, cuts), copy('struck'), streamsOf(events));
          await project(db.pool, [never], copy('never'), streamsOf(never));

          expect(await snapshot(db.pool, copy('struck'), { withStamps: false })).toEqual(await snapshot(db.pool, copy('never'), { withStamps: false }));
          const { rows } = await db.pool.query<{ case_id: string; position: string }>(
            'select case_id, last_event_position::text as position from case_summaries_struck order by case_id',
          );
          const lastOfEach = new Map(events.filter((event) => event.streamId.startsWith('case-')).map((event) => [String(event.data.caseId), event.position.toString()]));
          expect(rows).toEqual([...lastOfEach].sort(([a], [b]) => a.localeCompare(b)).map(([case_id, position]) => ({ case_id, position })));
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('given a case that is closed and reopened', () => {
    beforeEach(() => db.pool.query(`truncate ${tables.join(', ')}`));

    const rjCase = (caseId: string) => {
      const stream = `case-${caseId}`;
      return [
        {
          streamId: stream,
          type: 'CaseReferred',
          data: { caseId, programme: 'restorative-justice', referredOn: '2015-01-05', referrer: { organisation: 'police' }, personId: randomUUID() },
        },
        { streamId: stream, type: 'ReferralAccepted', data: { caseId, acceptedOn: '2015-01-12' } },
        { streamId: stream, type: 'CaseClosed', data: { caseId, closedOn: '2015-02-02' } },
      ];
    };

    it('lists it as open again, with no closure date, and as closed once more when it is closed again', async () => {
      const [reopened, closedAgain] = [randomUUID(), randomUUID()];
      const events = globalOrder(
        [],
        [],
        [
          ...rjCase(reopened),
          { streamId: `case-${reopened}`, type: 'CaseReopened', data: { caseId: reopened, on: '2015-02-09', reason: 'victim asked for a panel' } },
          ...rjCase(closedAgain),
          { streamId: `case-${closedAgain}`, type: 'CaseReopened', data: { caseId: closedAgain, on: '2015-02-09', reason: 'victim asked for a panel' } },
          { streamId: `case-${closedAgain}`, type: 'CaseClosed', data: { caseId: closedAgain, closedOn: '2015-03-02' } },
        ],
      );
      await project(db.pool, [events], liveTables, streamsOf(events));

      expect((await listCases(db.pool, { closed: false, limit: 10 })).items).toEqual([expect.objectContaining({ caseId: reopened, status: 'accepted', closed: false })]);
      expect((await listCases(db.pool, { closed: false, limit: 10 })).items[0]).not.toHaveProperty('closedOn');
      expect((await listCases(db.pool, { closed: true, limit: 10 })).items).toEqual([expect.objectContaining({ caseId: closedAgain, closedOn: '2015-03-02' })]);
    });

    it('lists it as open when its closure is struck out', async () => {
      const caseId = randomUUID();
      const events = globalOrder([], [], [...rjCase(caseId), { streamId: `case-${caseId}`, type: 'EntryStruckOut', data: { caseId, revision: 2, reason: 'closed in error' } }]);
      await project(db.pool, [events.slice(0, 3), events.slice(3)], liveTables, streamsOf(events));
      expect((await listCases(db.pool, { limit: 10 })).items).toEqual([expect.objectContaining({ caseId, status: 'accepted', closed: false })]);
    });
  });

  describe('given a struck attendance or assignment', () => {
    beforeEach(() => db.pool.query(`truncate ${[...tables, 'volunteer_summaries'].join(', ')}`));

    it('leaves the coach’s caseload to the coach’s own stream, which the case releases with the strike', async () => {
      const [caseId, coach] = [randomUUID(), randomUUID()];
      const events = globalOrder(
        [],
        [],
        [
          { streamId: `volunteer-${coach}`, type: 'VolunteerRecruited', data: { volunteerId: coach, organisation: 'home-start', recruitedOn: '2014-01-06' } },
          {
            streamId: `case-${caseId}`,
            type: 'CaseReferred',
            data: { caseId, programme: 'community-coaching', referredOn: '2014-02-03', referrer: { organisation: 'council' }, personId: randomUUID() },
          },
          { streamId: `case-${caseId}`, type: 'CoachAssigned', data: { caseId, volunteerId: coach, assignedOn: '2014-02-10' } },
          { streamId: `volunteer-${coach}`, type: 'CoachingCaseTaken', data: { volunteerId: coach, caseId, takenOn: '2014-02-10' } },
          { streamId: `case-${caseId}`, type: 'EntryStruckOut', data: { caseId, revision: 1, reason: 'wrong coach' } },
          { streamId: `volunteer-${coach}`, type: 'CoachingCaseReleased', data: { volunteerId: coach, caseId, releasedOn: '2014-02-10' } },
        ],
      );
      await project(db.pool, [events.slice(0, 4), events.slice(4)], liveTables, streamsOf(events));

      expect(await listVolunteers(db.pool, { organisation: 'home-start' })).toEqual([expect.objectContaining({ volunteerId: coach, openCoachingCases: 0, openCaseIds: [] })]);
      const [summary] = (await listCases(db.pool, { limit: 10 })).items;
      expect(summary).toMatchObject({ caseId, status: 'referred' });
      expect(summary).not.toHaveProperty('volunteerId');
    });

    it('takes it back from its course, whose places follow the bookings the course itself records', async () => {
      const [caseId, otherCase] = [randomUUID(), randomUUID()];
      const caution = (id: string) => [
        {
          streamId: `case-${id}`,
          type: 'CaseReferred',
          data: { caseId: id, programme: 'conditional-caution', referredOn: '2014-01-02', referrer: { organisation: 'police' }, personId: randomUUID() },
        },
        { streamId: `case-${id}`, type: 'CourseBooked', data: { caseId: id, courseId, courseDate: '2014-01-06' } },
        { streamId: `course-${courseId}`, type: 'CoursePlaceBooked', data: { courseId, caseId: id } },
        { streamId: `case-${id}`, type: 'CourseAttended', data: { caseId: id, courseId, attendedOn: '2014-01-06' } },
      ];
      const events = globalOrder(
        [],
        [],
        [
          courseScheduled,
          ...caution(caseId),
          ...caution(otherCase),
          { streamId: `case-${caseId}`, type: 'EntryStruckOut', data: { caseId, revision: 2, reason: 'did not attend' } },
          { streamId: `case-${otherCase}`, type: 'EntryStruckOut', data: { caseId: otherCase, revision: 2, reason: 'did not attend' } },
          { streamId: `case-${otherCase}`, type: 'EntryStruckOut', data: { caseId: otherCase, revision: 1, reason: 'booked in error' } },
          { streamId: `course-${courseId}`, type: 'CoursePlaceCancelled', data: { courseId, caseId: otherCase } },
        ],
      );
      await project(db.pool, [events.slice(0, 9), events.slice(9)], liveTables, streamsOf(events));

      expect(await listCourses(db.pool, {})).toEqual([{ courseId, date: '2014-01-06', capacity: 50, venue: 'Hendon', bookedCount: 1, placesLeft: 49, attendedCount: 0 }]);
      expect((await listCases(db.pool, { limit: 10 })).items.map(({ caseId: id, status }) => ({ id, status })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          { id: caseId, status: 'booked' },
          { id: otherCase, status: 'referred' },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });
  });

  describe('kept live from the store, and rebuilt', () => {
    it('give the same rows, which are those of histories that never recorded the struck entries', async () => {
      await db.pool.query(`truncate ${tables.join(', ')}`);
      await db.pool.query('delete from projection_checkpoints');
      const cases = fc.sample(caseWalks({ courseId, coachId }), 6).flat();
      const [shuffle] = fc.sample(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), 1);
      let head = 0n;
      for (const { streamId, type, data } of globalOrder(cases, shuffle, [courseScheduled])) {
        ({ position: head } = await db.store.append(streamId, [{ type, data, metadata: { recordedAt: '2016-01-04T09:00:00.000Z', recordedBy: 'tester' } }], 'any'));
      }

      const runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: readModels(), batchSize: 7, log: recordingLog() });
      await runner.start();
      expect(await runner.waitFor(head, 30_000)).toBe(true);
      await runner.stop();
      const live = await snapshot(db.pool, liveTables, { withStamps: true });

      const rebuilt = await rebuildProjections({ pool: db.pool, store: db.store, projections: readModels(), batchSize: 50 });
      expect(rebuilt.failed).toEqual([]);
      expect(await snapshot(db.pool, liveTables, { withStamps: true })).toEqual(live);

      const stored = await db.allEvents();
      expect(stored.filter((event) => event.type === 'EntryStruckOut').length).toBeGreaterThan(0);
      await db.pool.query(`truncate ${tables.map((name) => `${name}_never`).join(', ')}`);
      const never = neverRecorded(stored);
      await project(db.pool, [never], copy('never'), streamsOf(never));
      expect(await snapshot(db.pool, liveTables, { withStamps: false })).toEqual(await snapshot(db.pool, copy('never'), { withStamps: false }));
    });
  });
});
