import { ForbiddenException } from '@nestjs/common';
import { expectAccepted } from '@safer-cases/testing/expectations';
import { startTestApp, TestApp, testPassword } from '@safer-cases/testing/test-app';
import { newVisitor, visit, Visitor, webSignIn } from '@safer-cases/testing/web-sign-in';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CourseQueries } from '../../courses/course-queries';
import { Database } from '../../shared/database';

const today = '2026-12-03';

/** The text of a statement as node-postgres was handed it: a string, or a query config. */
const textOf = (query: unknown): string => (typeof query === 'string' ? query : typeof query === 'object' && query !== null && 'text' in query ? String(query.text) : '');
const nameOf = (query: unknown): string => (typeof query === 'object' && query !== null && 'name' in query ? String(query.name) : '');

/** The statements the register sends, by what they touch. */
type Statements = { readModels: number; personalData: number; erasures: number; auditWrites: number; streamReads: number; all: number };

/**
 * Every statement node-postgres sends from this process while `draw` runs (the app runs
 * in-process), sorted by what it reads. `all` leaves out the projection runner's polling of the
 * store, which goes on in the background whatever the page does.
 */
const statementsOf = async (draw: () => Promise<unknown>): Promise<Statements> => {
  const sent = jest.spyOn(Client.prototype, 'query');
  try {
    await draw();
    const queries = sent.mock.calls.map(([query]) => ({ text: textOf(query), name: nameOf(query) }));
    const count = (test: (query: { text: string; name: string }) => boolean): number => queries.filter(test).length;
    return {
      readModels: count(({ text }) => /\b(case_summaries|course_summaries|course_bookings)\b/.test(text)),
      personalData: count(({ text }) => /\bfrom personal_data\b/.test(text)),
      erasures: count(({ text }) => /\bfrom person_erasures\b/.test(text)),
      auditWrites: count(({ text }) => /\binsert into audit_log\b/.test(text)),
      streamReads: count(({ name }) => name === 'event-store.read-stream'),
      all: count(({ name }) => !['event-store.read-all', 'event-store.last-taken', 'event-store.settled'].includes(name)),
    };
  } finally {
    sent.mockRestore();
  }
};

const queries = (app: TestApp): CourseQueries => app.app.get(CourseQueries);

describe('the register of a course', () => {
  let app: TestApp;
  let officer: Visitor;

  beforeAll(async () => {
    app = await startTestApp(today);
    officer = newVisitor();
    expect((await webSignIn(app, officer, 'caution-officer', testPassword)).status).toBe(303);
  });
  afterAll(() => app.close());

  const scheduleCourse = async (): Promise<string> =>
    expectAccepted(await app.as('caution-officer').post('/api/courses').send({ date: today, capacity: 16, venue: 'Hendon Town Hall' })).body.courseId as string;

  /** A police referral of someone by that name, booked on the course. */
  const bookSomeone = async (courseId: string, givenName: string): Promise<string> => {
    const referral = await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        programme: 'conditional-caution',
        referredOn: '2026-11-02',
        referrer: { organisation: 'police' },
        subject: { givenName, familyName: 'Hale' },
        offence: { type: 'drunk and disorderly', date: '2026-10-20' },
      });
    const caseId = expectAccepted(referral).body.caseId as string;
    expectAccepted(await app.as('caution-officer').post(`/api/cases/${caseId}/booking`).send({ courseId }));
    return caseId;
  };

  const courseWith = async (names: readonly string[]): Promise<{ courseId: string; caseIds: string[] }> => {
    const courseId = await scheduleCourse();
    const caseIds: string[] = [];
    for (const name of names) caseIds.push(await bookSomeone(courseId, name));
    await app.caughtUp();
    return { courseId, caseIds };
  };

  const readsOf = async (caseIds: readonly string[]): Promise<{ caseId: string | null; personId: string | null }[]> => {
    const { rows } = await app.app
      .get(Database)
      .pool.query<{ caseId: string | null; personId: string | null }>(
        `select case_id as "caseId", person_id as "personId" from audit_log where action = 'personal-data-read' and case_id = any($1::text[]) order by case_id`,
        [caseIds],
      );
    return rows;
  };

  it('draws everyone booked from one read-model query and one read of their names, however many are booked', async () => {
    const one = await courseWith(['Ada']);
    const five = await courseWith(['Bea', 'Cal', 'Dee', 'Eve', 'Fay']);

    // Drawn once first, so that nothing the app does only on a first visit is counted.
    let page = await visit(app, officer, `/conditional-caution/courses/${one.courseId}`);
    const drawnOne = await statementsOf(async () => (page = await visit(app, officer, `/conditional-caution/courses/${one.courseId}`)));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ada Hale');
    const drawnFive = await statementsOf(async () => (page = await visit(app, officer, `/conditional-caution/courses/${five.courseId}`)));
    expect(page.status).toBe(200);
    for (const name of ['Bea', 'Cal', 'Dee', 'Eve', 'Fay']) expect(page.text).toContain(`${name} Hale, case`);

    expect(drawnOne).toMatchObject({ readModels: 1, personalData: 1, erasures: 1, auditWrites: 1, streamReads: 0 });
    expect(drawnFive).toEqual(drawnOne);
  });

  it('audits each name it shows under the case it was read for', async () => {
    const { courseId, caseIds } = await courseWith(['Gus', 'Hal']);
    const { rows: subjects } = await app.app
      .get(Database)
      .pool.query<{ caseId: string; personId: string }>(
        `select case_id as "caseId", person_id as "personId" from case_summaries where case_id = any($1::text[]) order by case_id`,
        [caseIds],
      );
    expect(subjects).toHaveLength(2);
    expect(await readsOf(caseIds)).toEqual([]);
    expect((await visit(app, officer, `/conditional-caution/courses/${courseId}`)).status).toBe(200);
    expect(await readsOf(caseIds)).toEqual(subjects);
  });

  it('answers as the course page does: 404 for a course never scheduled, 403 to a role that may not read courses', async () => {
    const { courseId } = await courseWith(['Ivy']);
    const coordinator = app.user('rj-coordinator');
    await expect(queries(app).register(app.user('caution-officer'), { username: 'caution-officer' }, randomUUID())).rejects.toMatchObject({ code: 'course-not-found' });
    await expect(queries(app).register(coordinator, { username: coordinator.username }, courseId)).rejects.toBeInstanceOf(ForbiddenException);
    expect((await visit(app, officer, `/conditional-caution/courses/${randomUUID()}`)).status).toBe(404);
  });

  it('refuses the whole register when a case booked on it is one the officer may not work on, as reading that case would', async () => {
    const { courseId } = await courseWith(['Jo']);
    const pool = app.app.get(Database).pool;
    // Only a caution can be booked through the rules; the read model is written here by hand to hold another programme's case on the course.
    const foreign = randomUUID();
    await pool.query(
      `insert into case_summaries (case_id, programme, status, closed, person_id, referrer_organisation, referred_on, reoffence_count, last_event_position, updated_at)
       values ($1, 'restorative-justice', 'referred', false, $1, 'police', '2026-11-02', 0, 0, now())`,
      [foreign],
    );
    await pool.query(`insert into course_bookings (course_id, case_id) values ($1, $2)`, [courseId, foreign]);
    const officerActor = app.user('caution-officer');
    await expect(queries(app).register(officerActor, { username: officerActor.username }, courseId)).rejects.toBeInstanceOf(ForbiddenException);
    expect((await visit(app, officer, `/conditional-caution/courses/${courseId}`)).status).toBe(403);
  });
});
