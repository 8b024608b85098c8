import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response, Test } from 'supertest';
import { expectAccepted, expectRefused } from './support/expectations';
import { startTestApp, TestApp, usernameOf } from './support/test-app';

const today = '2015-12-31';
const tomorrow = '2016-01-01';

/** The offence of every case here unless told otherwise; its 84-day deadline is 2015-04-04. */
const on = {
  offence: '2015-01-10',
  referred: '2015-01-20',
  feePaid: '2015-02-01',
  course: '2015-03-05',
  completed: '2015-03-06',
  reoffence: '2015-06-01',
  closed: '2015-06-15',
  deadline: '2015-04-04',
  afterDeadline: '2015-04-05',
};

const fee = 4400;

type HistoryEntry = { type: string; date?: string; recordedAt: string; recordedBy: string; position: string; data: Record<string, unknown> };
type CaseView = { caseId: string; programme: string; status: string; closed: boolean; history: HistoryEntry[] };
type CourseView = { courseId: string; date: string; capacity: number; venue?: string; placesLeft: number; bookedCaseIds: string[] };

type Stage = 'referred' | 'booked' | 'paid' | 'attended' | 'completed' | 'breached';

describe('conditional caution and courses through HTTP', () => {
  let app: TestApp;
  let database: Client;

  beforeAll(async () => {
    app = await startTestApp(today);
    database = new Client({ connectionString: app.databaseUrl });
    await database.connect();
  });
  afterAll(async () => {
    await database.end();
    await app.close();
  });

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);

  /** WDP's caution officer records every step but a reoffence, which the referring police officer records. */
  const step = (caseId: string, path: string, body: Record<string, unknown>): Test =>
    app
      .as(path === 'reoffences' ? 'referrer' : 'caution-officer')
      .post(`/api/cases/${caseId}/${path}`)
      .send(body);
  const book = (caseId: string, courseId: string): Test => step(caseId, 'booking', { courseId });
  const cancel = (caseId: string): Test => app.as('caution-officer').delete(`/api/cases/${caseId}/booking`);
  const payFee = (caseId: string, paidOn = on.feePaid, amountPence = fee): Test => step(caseId, 'fee', { paidOn, amountPence });
  const attend = (caseId: string, courseId: string, attendedOn = on.course): Test => step(caseId, 'attendance', { courseId, attendedOn });
  const complete = (caseId: string, completedOn = on.completed): Test => step(caseId, 'course-completion', { completedOn });
  const breach = (caseId: string, breachOn = on.course, reason = 'did-not-attend'): Test => step(caseId, 'breach', { on: breachOn, reason });
  const close = (caseId: string, closedOn = on.closed): Test => step(caseId, 'closure', { closedOn });

  const referral = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    caseId: randomUUID(),
    programme: 'conditional-caution',
    referredOn: on.referred,
    referrer: { organisation: 'police', reference: 'CRIS 4321/15' },
    subject: { givenName: 'Sam', familyName: 'Reid', dateOfBirth: '1990-06-02' },
    offence: { type: 'drunk and disorderly', date: on.offence },
    ...overrides,
  });

  const refer = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const response = await accepted(app.as('referrer').post('/api/cases').send(referral(overrides)));
    return response.body.caseId;
  };

  const schedule = async (body: Record<string, unknown> = {}): Promise<string> => {
    const response = await accepted(
      app
        .as('caution-officer')
        .post('/api/courses')
        .send({ courseId: randomUUID(), date: on.course, venue: 'Hendon', ...body }),
    );
    return response.body.courseId;
  };

  const readCase = async (caseId: string): Promise<CaseView> => {
    const response = await app.as('caution-officer').get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const readCourse = async (courseId: string): Promise<CourseView> => {
    const response = await app.as('caution-officer').get(`/api/courses/${courseId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const countEvents = async (sql: string, params: unknown[]): Promise<number> => Number((await database.query<{ n: string }>(sql, params)).rows[0].n);

  const placesBooked = (courseId: string): Promise<number> =>
    countEvents(`select count(*) as n from events where stream_id = $1 and type = 'CoursePlaceBooked'`, [`course-${courseId}`]);

  /** A case taken to `stage` on a fresh course dated on.course. */
  const caseAt = async (stage: Stage): Promise<{ caseId: string; courseId: string }> => {
    const courseId = await schedule();
    const caseId = await refer();
    if (stage === 'referred') return { caseId, courseId };
    if (stage === 'breached') {
      await accepted(book(caseId, courseId));
      await accepted(breach(caseId));
      return { caseId, courseId };
    }
    await accepted(book(caseId, courseId));
    if (stage === 'booked') return { caseId, courseId };
    await accepted(payFee(caseId));
    if (stage === 'paid') return { caseId, courseId };
    await accepted(attend(caseId, courseId));
    if (stage === 'attended') return { caseId, courseId };
    await accepted(complete(caseId));
    return { caseId, courseId };
  };

  describe('courses', () => {
    it('schedules a course of 16 places by default and shows the places left', async () => {
      const courseId = randomUUID();
      const response = await accepted(app.as('caution-officer').post('/api/courses').send({ courseId, date: on.course, venue: 'Hendon' }));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ courseId, position: expect.stringMatching(/^\d+$/) });
      expect(await readCourse(courseId)).toEqual({ courseId, date: on.course, capacity: 16, venue: 'Hendon', placesLeft: 16, bookedCaseIds: [] });
    });

    it('makes a course id when none is given and keeps a smaller capacity', async () => {
      const response = await accepted(app.as('caution-officer').post('/api/courses').send({ date: on.course, capacity: 8, venue: 'Barnet' }));
      const view = await readCourse(response.body.courseId);
      expect(view).toMatchObject({ capacity: 8, placesLeft: 8 });
    });

    it('schedules a course in the future: courses are planned ahead', async () => {
      const courseId = await schedule({ date: '2016-03-01' });
      expect(await readCourse(courseId)).toMatchObject({ date: '2016-03-01', placesLeft: 16 });
    });

    it.each([17, 0, 2.5])('refuses a capacity of %p', async (capacity) => {
      const response = await expectRefused(
        app,
        () => app.as('caution-officer').post('/api/courses').send({ courseId: randomUUID(), date: on.course, capacity }),
        400,
        'invalid-request',
      );
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'capacity' })]);
    });

    it('refuses a course id already used', async () => {
      const courseId = await schedule();
      await expectRefused(app, () => app.as('caution-officer').post('/api/courses').send({ courseId, date: '2015-04-01' }), 409, 'course-already-exists');
      expect(await readCourse(courseId)).toMatchObject({ date: on.course });
    });

    it('answers 404 for a course never scheduled', async () => {
      const response = await app.as('caution-officer').get(`/api/courses/${randomUUID()}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'course-not-found' });
    });
  });

  describe('the journey from referral to closure', () => {
    it('records a caution from police referral to closure and shows its history in order', async () => {
      const courseId = await schedule();
      const referred = await accepted(
        app
          .as('referrer')
          .post('/api/cases')
          .send(referral({ caseId: undefined })),
      );
      expect(referred.status).toBe(201);
      const { caseId } = referred.body;

      await accepted(book(caseId, courseId));
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 15, bookedCaseIds: [caseId] });
      await accepted(payFee(caseId));
      await accepted(attend(caseId, courseId));
      await accepted(complete(caseId));
      expect((await readCase(caseId)).status).toBe('completed');
      await accepted(step(caseId, 'reoffences', { offenceDate: on.reoffence, reference: 'CRIS 9999/15' }));
      const closure = await accepted(close(caseId));

      const view = await readCase(caseId);
      expect(view).toMatchObject({ caseId, programme: 'conditional-caution', status: 'completed', closed: true });
      expect(view.history.map(({ type, date }) => ({ type, date }))).toEqual([
        { type: 'CaseReferred', date: on.referred },
        { type: 'CourseBooked', date: undefined },
        { type: 'FeePaid', date: on.feePaid },
        { type: 'CourseAttended', date: on.course },
        { type: 'CourseCompleted', date: on.completed },
        { type: 'ReoffenceRecorded', date: on.reoffence },
        { type: 'CaseClosed', date: on.closed },
      ]);
      expect(view.history[1].data).toEqual({ caseId, courseId, courseDate: on.course });
      expect(view.history[2].data).toEqual({ caseId, paidOn: on.feePaid, amountPence: fee });
      expect(view.history.map(({ recordedBy }) => recordedBy)).toEqual([
        usernameOf('referrer', 'police'),
        ...Array.from({ length: 4 }, () => usernameOf('caution-officer')),
        usernameOf('referrer', 'police'),
        usernameOf('caution-officer'),
      ]);
      expect(closure.body.position).toBe(view.history[6].position);
      expect(await app.streamLength(`case-${caseId}`)).toBe(7);
    });

    it('accepts a course on the deadline day and a completion on it', async () => {
      const courseId = await schedule({ date: on.deadline });
      const caseId = await refer();
      await accepted(book(caseId, courseId));
      await accepted(payFee(caseId));
      await accepted(attend(caseId, courseId, on.deadline));
      await accepted(complete(caseId, on.deadline));
      expect((await readCase(caseId)).status).toBe('completed');
    });

    it('accepts a fee paid after the course, then the completion', async () => {
      const { caseId, courseId } = await caseAt('booked');
      await accepted(attend(caseId, courseId));
      await accepted(payFee(caseId, '2015-03-10'));
      await accepted(complete(caseId, '2015-03-10'));
      expect((await readCase(caseId)).status).toBe('completed');
    });

    it('cancels a booking, giving the place back, and books another course', async () => {
      const { caseId, courseId } = await caseAt('booked');
      const otherCourseId = await schedule({ date: '2015-03-19' });
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 15 });

      await accepted(cancel(caseId));
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 16, bookedCaseIds: [] });
      expect((await readCase(caseId)).status).toBe('referred');

      await accepted(book(caseId, otherCourseId));
      expect(await readCourse(otherCourseId)).toMatchObject({ placesLeft: 15, bookedCaseIds: [caseId] });
      await expectRefused(app, () => attend(caseId, courseId), 422, 'not-booked-on-course');
      await accepted(payFee(caseId));
      await accepted(attend(caseId, otherCourseId, '2015-03-19'));
      await accepted(complete(caseId, '2015-03-19'));

      const view = await readCase(caseId);
      expect(view.history.map(({ type }) => type)).toEqual(['CaseReferred', 'CourseBooked', 'BookingCancelled', 'CourseBooked', 'FeePaid', 'CourseAttended', 'CourseCompleted']);
      expect(await countEvents(`select count(*) as n from events where stream_id = $1 and type = 'CoursePlaceCancelled'`, [`course-${courseId}`])).toBe(1);
    });

    it('books the same course again after a cancellation', async () => {
      const { caseId, courseId } = await caseAt('booked');
      await accepted(cancel(caseId));
      await accepted(book(caseId, courseId));
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 15, bookedCaseIds: [caseId] });
    });
  });

  describe('a breach', () => {
    it('sends the case back to the police, with the breach date in its history', async () => {
      const { caseId } = await caseAt('booked');
      await accepted(breach(caseId, on.course, 'did-not-attend'));

      const view = await readCase(caseId);
      expect(view.status).toBe('breached');
      const breached = view.history.find(({ type }) => type === 'ConditionBreached');
      expect(breached?.data).toEqual({ caseId, on: on.course, reason: 'did-not-attend' });
      expect(breached?.date).toBe(on.course);
    });

    it.each(['fee-unpaid', 'deadline-passed', 'other'])('accepts the reason %s', async (reason) => {
      const { caseId } = await caseAt('referred');
      await accepted(breach(caseId, on.afterDeadline, reason));
      expect((await readCase(caseId)).status).toBe('breached');
    });

    it('refuses a reason not in the list', async () => {
      const { caseId } = await caseAt('booked');
      const response = await expectRefused(app, () => breach(caseId, on.course, 'moved away'), 400, 'invalid-request');
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it('refuses every caution step after it, but accepts a reoffence and the closure', async () => {
      const { caseId, courseId } = await caseAt('breached');
      const otherCourseId = await schedule({ date: '2015-03-19' });
      await expectRefused(app, () => book(caseId, otherCourseId), 422, 'already-breached');
      await expectRefused(app, () => cancel(caseId), 422, 'already-breached');
      await expectRefused(app, () => payFee(caseId, on.course), 422, 'already-breached');
      await expectRefused(app, () => attend(caseId, courseId), 422, 'already-breached');
      await expectRefused(app, () => complete(caseId, on.course), 422, 'already-breached');
      await expectRefused(app, () => breach(caseId, on.course, 'other'), 422, 'already-breached');
      await accepted(step(caseId, 'reoffences', { offenceDate: on.reoffence }));
      await accepted(close(caseId));
      expect(await readCase(caseId)).toMatchObject({ status: 'breached', closed: true });
    });

    it('refuses a breach after completion', async () => {
      const { caseId } = await caseAt('completed');
      await expectRefused(app, () => breach(caseId, on.closed, 'other'), 422, 'breach-after-completion');
    });
  });

  describe('the race for places', () => {
    const referMany = (count: number): Promise<string[]> => Promise.all(Array.from({ length: count }, () => refer()));

    const race = async (capacity: number, contenders: number) => {
      const courseId = await schedule({ capacity });
      const caseIds = await referMany(contenders);
      const before = await app.eventCount();
      const responses = await Promise.all(caseIds.map((caseId) => book(caseId, courseId)));
      const won = caseIds.filter((_, index) => responses[index].status === 201 || responses[index].status === 200);
      const refusals = responses.filter(({ status }) => status !== 200 && status !== 201).map(({ status, body }) => ({ status, code: body.code }));
      const booked = await countEvents(`select count(distinct stream_id) as n from events where stream_id = any($1) and type = 'CourseBooked'`, [
        caseIds.map((caseId) => `case-${caseId}`),
      ]);
      return { courseId, caseIds, won, refusals, booked, written: (await app.eventCount()) - before };
    };

    it('books exactly 16 of 20 cases racing for a course of 16 places', async () => {
      const { courseId, won, refusals, booked, written } = await race(16, 20);

      expect(won).toHaveLength(16);
      expect(refusals).toEqual(Array.from({ length: 4 }, () => ({ status: 422, code: 'course-full' })));
      expect(await placesBooked(courseId)).toBe(16);
      const course = await readCourse(courseId);
      expect(course.placesLeft).toBe(0);
      expect([...course.bookedCaseIds].sort()).toEqual([...won].sort());
      expect(booked).toBe(16);
      expect(written).toBe(32);
    });

    it('books exactly 1 of 5 cases racing for a course of one place', async () => {
      const { courseId, won, refusals, booked, written } = await race(1, 5);

      expect(won).toHaveLength(1);
      expect(refusals).toEqual(Array.from({ length: 4 }, () => ({ status: 422, code: 'course-full' })));
      expect(await placesBooked(courseId)).toBe(1);
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 0, bookedCaseIds: won });
      expect(booked).toBe(1);
      expect(written).toBe(2);
    });

    it('refuses a booking on a full course and takes one after a cancellation', async () => {
      const courseId = await schedule({ capacity: 1 });
      const [first, second] = await referMany(2);
      await accepted(book(first, courseId));
      await expectRefused(app, () => book(second, courseId), 422, 'course-full');
      await accepted(cancel(first));
      await accepted(book(second, courseId));
      expect(await readCourse(courseId)).toMatchObject({ placesLeft: 0, bookedCaseIds: [second] });
    });

    it('gives one case a single booking when it races for two courses', async () => {
      const [firstCourse, secondCourse] = [await schedule(), await schedule({ date: '2015-03-19' })];
      const caseId = await refer();
      const responses = await Promise.all([book(caseId, firstCourse), book(caseId, secondCourse)]);

      expect(responses.map(({ status }) => status).sort()).toEqual([201, 422]);
      expect(responses.find(({ status }) => status === 422)?.body.code).toBe('already-booked');
      const places = [(await readCourse(firstCourse)).bookedCaseIds, (await readCourse(secondCourse)).bookedCaseIds];
      expect(places.flat()).toEqual([caseId]);
      expect((await readCase(caseId)).history.filter(({ type }) => type === 'CourseBooked')).toHaveLength(1);
    });

    it('writes nothing for the refused one of two racing bookings of one case', async () => {
      const written: number[] = [];
      for (let race = 0; race < 5; race++) {
        const [firstCourse, secondCourse] = [await schedule(), await schedule({ date: '2015-03-19' })];
        const caseId = await refer();
        const before = await app.eventCount();
        await Promise.all([book(caseId, firstCourse), book(caseId, secondCourse)]);
        written.push((await app.eventCount()) - before);
      }
      expect(written).toEqual([2, 2, 2, 2, 2]);
    });
  });

  describe('refusals', () => {
    describe('of a referral', () => {
      it('refuses a conditional caution without an offence', async () => {
        await expectRefused(
          app,
          () =>
            app
              .as('referrer')
              .post('/api/cases')
              .send(referral({ offence: undefined })),
          422,
          'offence-date-required',
        );
      });

      it('refuses an offence with no date as an invalid field', async () => {
        const response = await expectRefused(
          app,
          () =>
            app
              .as('referrer')
              .post('/api/cases')
              .send(referral({ offence: { type: 'drunk and disorderly' } })),
          400,
          'invalid-request',
        );
        expect(response.body.details).toEqual([expect.objectContaining({ field: 'offence.date' })]);
      });
    });

    describe('of a booking', () => {
      it('refuses a course after the 84-day deadline', async () => {
        const { caseId } = await caseAt('referred');
        const lateCourse = await schedule({ date: on.afterDeadline });
        await expectRefused(app, () => book(caseId, lateCourse), 422, 'deadline-passed');
        expect(await readCourse(lateCourse)).toMatchObject({ placesLeft: 16 });
      });

      it('refuses a course before the referral', async () => {
        const { caseId } = await caseAt('referred');
        const earlyCourse = await schedule({ date: '2015-01-19' });
        await expectRefused(app, () => book(caseId, earlyCourse), 422, 'course-before-referral');
      });

      it('answers 404 for a course never scheduled', async () => {
        const { caseId } = await caseAt('referred');
        await expectRefused(app, () => book(caseId, randomUUID()), 404, 'course-not-found');
      });

      it('answers 404 for a case never referred', async () => {
        const courseId = await schedule();
        await expectRefused(app, () => book(randomUUID(), courseId), 404, 'case-not-found');
      });

      it('refuses a second booking, on the same course or another', async () => {
        const { caseId, courseId } = await caseAt('booked');
        const otherCourseId = await schedule({ date: '2015-03-19' });
        await expectRefused(app, () => book(caseId, courseId), 422, 'already-booked');
        await expectRefused(app, () => book(caseId, otherCourseId), 422, 'already-booked');
        expect(await readCourse(courseId)).toMatchObject({ placesLeft: 15 });
      });

      it('refuses a booking or a cancellation once the course is attended', async () => {
        const { caseId } = await caseAt('attended');
        const otherCourseId = await schedule({ date: '2015-03-19' });
        await expectRefused(app, () => book(caseId, otherCourseId), 422, 'booking-after-attendance');
        await expectRefused(app, () => cancel(caseId), 422, 'course-already-attended');
      });

      it('refuses to cancel when there is no booking', async () => {
        const { caseId } = await caseAt('referred');
        await expectRefused(app, () => cancel(caseId), 422, 'no-booking');
      });

      it('books a course in the future, within the deadline', async () => {
        const courseId = await schedule({ date: '2016-01-15' });
        const caseId = await refer({ referredOn: '2015-12-10', offence: { type: 'drunk and disorderly', date: '2015-12-01' } });
        await accepted(book(caseId, courseId));
        await expectRefused(app, () => attend(caseId, courseId, '2016-01-15'), 422, 'date-in-future');
      });
    });

    describe('of a fee', () => {
      it.each([4399, 4401])('refuses %p pence', async (amountPence) => {
        const { caseId } = await caseAt('booked');
        await expectRefused(app, () => payFee(caseId, on.feePaid, amountPence), 422, 'fee-amount');
      });

      it('refuses a negative amount as an invalid field', async () => {
        const { caseId } = await caseAt('booked');
        await expectRefused(app, () => payFee(caseId, on.feePaid, -4400), 400, 'invalid-request');
      });

      it('refuses a second fee', async () => {
        const { caseId } = await caseAt('paid');
        await expectRefused(app, () => payFee(caseId, on.course), 422, 'fee-already-paid');
      });

      it('refuses a fee paid tomorrow', async () => {
        const { caseId } = await caseAt('booked');
        await expectRefused(app, () => payFee(caseId, tomorrow), 422, 'date-in-future');
      });

      it('refuses a fee paid before the referral', async () => {
        const { caseId } = await caseAt('booked');
        await expectRefused(app, () => payFee(caseId, '2015-01-19'), 422, 'date-before-previous-step');
      });
    });

    describe('of an attendance', () => {
      it('refuses an attendance on a course the case is not booked on', async () => {
        const { caseId } = await caseAt('paid');
        const otherCourseId = await schedule();
        await expectRefused(app, () => attend(caseId, otherCourseId), 422, 'not-booked-on-course');
      });

      it('refuses an attendance dated other than the course', async () => {
        const { caseId, courseId } = await caseAt('paid');
        await expectRefused(app, () => attend(caseId, courseId, '2015-03-06'), 422, 'attendance-date-mismatch');
      });

      it('refuses an attendance with no booking', async () => {
        const { caseId, courseId } = await caseAt('referred');
        await expectRefused(app, () => attend(caseId, courseId), 422, 'no-booking');
      });

      it('refuses a second attendance', async () => {
        const { caseId, courseId } = await caseAt('attended');
        await expectRefused(app, () => attend(caseId, courseId), 422, 'course-already-attended');
      });
    });

    describe('of a completion', () => {
      it('refuses a completion without attendance', async () => {
        const { caseId } = await caseAt('paid');
        await expectRefused(app, () => complete(caseId), 422, 'course-not-attended');
      });

      it('refuses a completion without the fee', async () => {
        const { caseId, courseId } = await caseAt('booked');
        await accepted(attend(caseId, courseId));
        await expectRefused(app, () => complete(caseId), 422, 'fee-unpaid');
      });

      it('refuses a completion after the deadline', async () => {
        const courseId = await schedule({ date: on.deadline });
        const caseId = await refer();
        await accepted(book(caseId, courseId));
        await accepted(payFee(caseId));
        await accepted(attend(caseId, courseId, on.deadline));
        await expectRefused(app, () => complete(caseId, on.afterDeadline), 422, 'deadline-passed');
      });

      it('refuses a second completion', async () => {
        const { caseId } = await caseAt('completed');
        await expectRefused(app, () => complete(caseId), 422, 'already-completed');
      });

      it('refuses a completion dated tomorrow', async () => {
        const { caseId } = await caseAt('attended');
        await expectRefused(app, () => complete(caseId, tomorrow), 422, 'date-in-future');
      });

      it('refuses a completion before the attendance or the fee', async () => {
        const { caseId, courseId } = await caseAt('booked');
        await accepted(attend(caseId, courseId));
        await accepted(payFee(caseId, '2015-03-10'));
        await expectRefused(app, () => complete(caseId, '2015-03-04'), 422, 'date-before-previous-step');
        await expectRefused(app, () => complete(caseId, '2015-03-09'), 422, 'date-before-previous-step');
        await accepted(complete(caseId, '2015-03-10'));
      });
    });

    describe('of dates', () => {
      it('refuses a breach dated tomorrow or before the previous step', async () => {
        const { caseId } = await caseAt('paid');
        await expectRefused(app, () => breach(caseId, tomorrow), 422, 'date-in-future');
        await expectRefused(app, () => breach(caseId, '2015-01-31'), 422, 'date-before-previous-step');
      });

      it('refuses a closure before the previous step', async () => {
        const { caseId } = await caseAt('completed');
        await expectRefused(app, () => close(caseId, '2015-03-05'), 422, 'date-before-previous-step');
      });
    });

    describe('on a closed case', () => {
      it('refuses every step but a reoffence', async () => {
        const { caseId, courseId } = await caseAt('booked');
        await accepted(close(caseId, on.feePaid));
        const otherCourseId = await schedule({ date: '2015-03-19' });

        await expectRefused(app, () => book(caseId, otherCourseId), 422, 'case-closed');
        await expectRefused(app, () => payFee(caseId, on.feePaid), 422, 'case-closed');
        await expectRefused(app, () => attend(caseId, courseId), 422, 'case-closed');
        await expectRefused(app, () => cancel(caseId), 422, 'case-closed');
        await expectRefused(app, () => complete(caseId), 422, 'case-closed');
        await expectRefused(app, () => breach(caseId, on.course), 422, 'case-closed');
        await expectRefused(app, () => close(caseId), 422, 'case-closed');
        await accepted(step(caseId, 'reoffences', { offenceDate: on.reoffence }));
        expect(await readCase(caseId)).toMatchObject({ status: 'booked', closed: true });
      });

      it('refuses a booking', async () => {
        const { caseId, courseId } = await caseAt('referred');
        await accepted(close(caseId, on.feePaid));
        await expectRefused(app, () => book(caseId, courseId), 422, 'case-closed');
        expect(await readCourse(courseId)).toMatchObject({ placesLeft: 16 });
      });
    });

    describe('on a restorative-justice case', () => {
      it('refuses every caution step: not a case the caution officer works on (403)', async () => {
        const courseId = await schedule();
        const caseId = await refer({ programme: 'restorative-justice', victim: { givenName: 'Pat' } });

        await expectRefused(app, () => book(caseId, courseId), 403, 'forbidden');
        await expectRefused(app, () => cancel(caseId), 403, 'forbidden');
        await expectRefused(app, () => payFee(caseId), 403, 'forbidden');
        await expectRefused(app, () => attend(caseId, courseId), 403, 'forbidden');
        await expectRefused(app, () => complete(caseId), 403, 'forbidden');
        await expectRefused(app, () => breach(caseId), 403, 'forbidden');
        expect(await readCourse(courseId)).toMatchObject({ placesLeft: 16 });
      });
    });
  });
});
