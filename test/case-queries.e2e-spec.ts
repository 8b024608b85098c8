import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Response, Test } from 'supertest';
import { expectAccepted } from './support/expectations';
import { Programme } from '@safer-cases/domain';
import { Role } from '../apps/api/src/auth/actor';
import { startTestApp, TestApp } from './support/test-app';
import { coordinatorOf, keeperOf, roleForStep } from './support/who-does-what';

const today = '2015-12-31';

type CaseItem = { caseId: string; programme: string; status: string; closed: boolean; referredOn: string; [field: string]: unknown };
type CasePage = { items: CaseItem[]; nextCursor: string | null };

describe('case, course and volunteer lists through HTTP', () => {
  let app: TestApp;
  let database: Pool;
  let applied = 0n;

  beforeAll(async () => {
    app = await startTestApp(today);
    database = new Pool({ connectionString: app.databaseUrl, max: 1 });
  });
  afterAll(async () => {
    await database.end();
    await app.close();
  });

  /** Waits for the app's projection runner to apply every event so far. */
  const catchUp = async (): Promise<void> => {
    applied = await app.caughtUp();
  };

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);
  /** The programme of each case referred, so that its own coordinator closes it. */
  const programmeOf = new Map<string, Programme>();
  const step = (caseId: string, path: string, body: Record<string, unknown>): Promise<Response> => {
    const programme = programmeOf.get(caseId);
    const role = path === 'closure' && programme ? coordinatorOf[programme] : roleForStep(path);
    return accepted(app.as(role).post(`/api/cases/${caseId}/${path}`).send(body));
  };

  /** Every case here is referred by the police, whose referrer therefore reads every list of cases. */
  const refer = async (programme: Programme, referredOn: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const caseId = randomUUID();
    programmeOf.set(caseId, programme);
    const offence = programme === 'community-coaching' ? {} : { offence: { type: 'theft', date: referredOn } };
    const eligibility = programme === 'community-coaching' ? { eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] } } : {};
    await accepted(
      app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          caseId,
          programme,
          referredOn,
          referrer: { organisation: 'police', reference: `CRIS ${referredOn}` },
          subject: { givenName: 'Sam' },
          ...offence,
          ...eligibility,
          ...extra,
        }),
    );
    return caseId;
  };

  const volunteer = async (organisation: string, recruitedOn: string, trainedOn: string): Promise<string> => {
    const volunteerId = randomUUID();
    await accepted(app.as(keeperOf(organisation)).post('/api/volunteers').send({ volunteerId, organisation, recruitedOn }));
    await accepted(app.as(keeperOf(organisation)).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn }));
    return volunteerId;
  };

  const course = async (date: string, capacity: number): Promise<string> =>
    (await accepted(app.as('caution-officer').post('/api/courses').send({ courseId: randomUUID(), date, capacity, venue: 'Hendon' }))).body.courseId;

  const list = async (query: string): Promise<CasePage> => {
    const response = await app.as('referrer', 'police').get(`/api/cases${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const refused = async (path: string, field: string, as: Role): Promise<void> => {
    const response = await app.as(as).get(path);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'invalid-request' });
    expect(response.body.details).toEqual([expect.objectContaining({ field })]);
  };

  /** Newest referral first, ties by case id, descending. */
  const inListOrder = (cases: { caseId: string; referredOn: string }[]): string[] =>
    [...cases].sort((a, b) => (a.referredOn === b.referredOn ? (a.caseId < b.caseId ? 1 : -1) : a.referredOn < b.referredOn ? 1 : -1)).map(({ caseId }) => caseId);

  const ids: Record<string, string> = {};
  const restorative: { caseId: string; referredOn: string }[] = [];

  beforeAll(async () => {
    ids.facilitator = await volunteer('victim-support', '2014-11-01', '2014-12-01');
    ids.coach = await volunteer('home-start', '2014-12-01', '2015-01-05');
    ids.marchCourse = await course('2015-03-05', 2);
    ids.aprilCourse = await course('2015-04-30', 16);

    for (const referredOn of ['2015-01-05', '2015-01-05', '2015-01-05', '2015-02-10', '2015-03-01', '2015-03-01', '2015-04-15']) {
      restorative.push({ caseId: await refer('restorative-justice', referredOn), referredOn });
    }
    const [agreed, declined, closed] = restorative.map(({ caseId }) => caseId);
    await step(agreed, 'acceptance', { acceptedOn: '2015-01-12' });
    await step(agreed, 'panel', { heldOn: '2015-01-19', facilitatorIds: [ids.facilitator], victimAttended: true });
    await step(agreed, 'agreement', { reachedOn: '2015-01-19', reparation: ['apology'] });
    await step(declined, 'decline', { declinedOn: '2015-01-12', reason: 'no consent' });
    await step(closed, 'closure', { closedOn: '2015-02-01' });

    ids.completedCaution = await refer('conditional-caution', '2015-01-20', { offence: { type: 'drunk and disorderly', date: '2015-01-10' } });
    await step(ids.completedCaution, 'booking', { courseId: ids.marchCourse });
    await step(ids.completedCaution, 'fee', { paidOn: '2015-02-01', amountPence: 4400 });
    await step(ids.completedCaution, 'attendance', { courseId: ids.marchCourse, attendedOn: '2015-03-05' });
    await step(ids.completedCaution, 'course-completion', { completedOn: '2015-03-06' });
    ids.bookedCaution = await refer('conditional-caution', '2015-02-20', { offence: { type: 'drunk and disorderly', date: '2015-02-15' } });
    await step(ids.bookedCaution, 'booking', { courseId: ids.aprilCourse });

    ids.completedCoaching = await refer('community-coaching', '2015-02-02');
    await step(ids.completedCoaching, 'coach', { volunteerId: ids.coach, assignedOn: '2015-02-09' });
    await step(ids.completedCoaching, 'intervention/start', { startedOn: '2015-02-16' });
    await step(ids.completedCoaching, 'sessions', { sessionOn: '2015-02-20', hours: 1.5 });
    await step(ids.completedCoaching, 'intervention/completion', { completedOn: '2015-04-20' });
    ids.coachedCase = await refer('community-coaching', '2015-03-02');
    await step(ids.coachedCase, 'coach', { volunteerId: ids.coach, assignedOn: '2015-03-09' });
    await catchUp();
  });

  describe('GET /api/cases', () => {
    it('lists every case, newest referral first, with its programme status', async () => {
      const page = await list('?limit=100');
      const all = [
        ...restorative,
        { caseId: ids.completedCaution, referredOn: '2015-01-20' },
        { caseId: ids.bookedCaution, referredOn: '2015-02-20' },
        { caseId: ids.completedCoaching, referredOn: '2015-02-02' },
        { caseId: ids.coachedCase, referredOn: '2015-03-02' },
      ];
      expect(page.items.map(({ caseId }) => caseId)).toEqual(inListOrder(all));
      expect(page.nextCursor).toBeNull();
      expect(page.items.find(({ caseId }) => caseId === ids.completedCaution)).toMatchObject({
        programme: 'conditional-caution',
        status: 'completed',
        closed: false,
        referrer: { organisation: 'police', reference: 'CRIS 2015-01-20' },
        deadline: '2015-04-04',
        courseId: ids.marchCourse,
        courseDate: '2015-03-05',
        feePaidOn: '2015-02-01',
        attendedOn: '2015-03-05',
        completedOn: '2015-03-06',
        personId: expect.any(String),
        lastEventPosition: expect.stringMatching(/^\d+$/),
      });
      expect(page.items.find(({ caseId }) => caseId === ids.completedCoaching)).toMatchObject({ status: 'completed', volunteerId: ids.coach, totalHours: 1.5 });
    });

    it('filters by programme and status', async () => {
      const booked = await list('?programme=conditional-caution&status=booked');
      expect(booked.items.map(({ caseId, status }) => ({ caseId, status }))).toEqual([{ caseId: ids.bookedCaution, status: 'booked' }]);

      const completed = await list('?status=completed');
      expect(completed.items.map(({ caseId }) => caseId).sort()).toEqual([ids.completedCaution, ids.completedCoaching].sort());

      const rj = await list('?programme=restorative-justice');
      expect(rj.items.map(({ caseId }) => caseId)).toEqual(inListOrder(restorative));
      expect(Object.fromEntries(rj.items.map(({ caseId, status }) => [caseId, status]))).toMatchObject({
        [restorative[0].caseId]: 'agreement-reached',
        [restorative[1].caseId]: 'declined',
        [restorative[2].caseId]: 'referred',
      });
    });

    it('filters by closed', async () => {
      const closed = await list('?closed=true');
      expect(closed.items.map(({ caseId, closed }) => ({ caseId, closed }))).toEqual([{ caseId: restorative[2].caseId, closed: true }]);
      expect((await list('?closed=false&limit=100')).items).toHaveLength(restorative.length + 3);
    });

    it('pages through every case once, in order, whatever the page size', async () => {
      const everything = (await list('?limit=100')).items.map(({ caseId }) => caseId);
      for (const limit of [1, 2, 3, 5]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: CasePage = await list(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map(({ caseId }) => caseId));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== null);
        expect({ limit, seen }).toEqual({ limit, seen: everything });
        expect(pages).toBe(Math.ceil(everything.length / limit));
      }
    });

    it('pages within a filter, ties on the referral date split across pages', async () => {
      const first = await list('?programme=restorative-justice&limit=2');
      const second = await list(`?programme=restorative-justice&limit=2&cursor=${first.nextCursor}`);
      const rest = await list(`?programme=restorative-justice&limit=10&cursor=${second.nextCursor}`);
      expect([...first.items, ...second.items, ...rest.items].map(({ caseId }) => caseId)).toEqual(inListOrder(restorative));
      expect(rest.nextCursor).toBeNull();
    });

    it('shows a case referred after the first page was read on no later page', async () => {
      const first = await list('?programme=restorative-justice&limit=3');
      const newest = await refer('restorative-justice', '2015-12-01');
      await catchUp();
      const later = await list(`?programme=restorative-justice&limit=100&cursor=${first.nextCursor}`);
      expect(later.items.map(({ caseId }) => caseId)).not.toContain(newest);
      expect((await list('?programme=restorative-justice&limit=1')).items[0].caseId).toBe(newest);
    });

    it('answers pages of 25 unless asked otherwise, and accepts a position to wait for', async () => {
      const { items } = await list('?limit=100');
      for (let count = items.length; count <= 25; count += 1) await refer('restorative-justice', '2015-11-02');
      await catchUp();
      const page = await list(`?after=${applied}`);
      expect(page.items).toHaveLength(25);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it.each([
      ['an unreadable cursor', '?cursor=not-a-cursor', 'cursor'],
      ['a cursor that is not base64url', '?cursor=abc%24def', 'cursor'],
      ['a cursor holding no position', `?cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`, 'cursor'],
      ['an unknown status', '?status=lost', 'status'],
      ["another programme's status", '?programme=restorative-justice&status=booked', 'status'],
      ['an unknown programme', '?programme=youth-offending', 'programme'],
      ['a limit of 0', '?limit=0', 'limit'],
      ['a limit over 100', '?limit=101', 'limit'],
      ['a limit that is no number', '?limit=ten', 'limit'],
      ['a closed that is no boolean', '?closed=yes', 'closed'],
      ['a position that is no number', '?after=soon', 'after'],
      ['an unknown field', '?colour=red', 'colour'],
    ])('refuses %s with 400 naming the field', async (_, query, field) => {
      await refused(`/api/cases${query}`, field, 'referrer');
    });

    it('still reads one case, with its history, at /api/cases/:id', async () => {
      const response = await app.as('caution-officer').get(`/api/cases/${ids.bookedCaution}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId: ids.bookedCaution, status: 'booked' });
    });
  });

  describe('GET /api/courses', () => {
    it('shows the course calendar with places booked, left and attended', async () => {
      const response = await app.as('caution-officer').get('/api/courses');
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        { courseId: ids.marchCourse, date: '2015-03-05', capacity: 2, venue: 'Hendon', bookedCount: 1, placesLeft: 1, attendedCount: 1 },
        { courseId: ids.aprilCourse, date: '2015-04-30', capacity: 16, venue: 'Hendon', bookedCount: 1, placesLeft: 15, attendedCount: 0 },
      ]);
    });

    it('keeps to the dates asked for', async () => {
      const response = await app.as('caution-officer').get('/api/courses?from=2015-04-01&to=2015-04-30');
      expect(response.body.items.map(({ courseId }: { courseId: string }) => courseId)).toEqual([ids.aprilCourse]);
      const before = await app.as('caution-officer').get('/api/courses?to=2015-03-04');
      expect(before.body.items).toEqual([]);
    });

    it.each([
      ['a period ending before it starts', '?from=2015-05-01&to=2015-04-01', 'to'],
      ['a date that does not exist', '?from=2015-02-30', 'from'],
    ])('refuses %s with 400 naming the field', async (_, query, field) => {
      await refused(`/api/courses${query}`, field, 'caution-officer');
    });
  });

  describe('GET /api/volunteers', () => {
    it("shows an organisation's roster with the coaching cases each carries now", async () => {
      const homeStart = await app.as('coaching-coordinator').get('/api/volunteers?organisation=home-start');
      expect(homeStart.status).toBe(200);
      expect(homeStart.body.items).toEqual([
        {
          volunteerId: ids.coach,
          organisation: 'home-start',
          status: 'trained',
          recruitedOn: '2014-12-01',
          trainedOn: '2015-01-05',
          openCoachingCases: 1,
          openCaseIds: [ids.coachedCase],
        },
      ]);
    });

    it("shows each coordinator their own organisation's roster when none is asked for", async () => {
      const roster = async (as: Role): Promise<string[]> => (await app.as(as).get('/api/volunteers')).body.items.map(({ volunteerId }: { volunteerId: string }) => volunteerId);
      expect(await roster('rj-coordinator')).toEqual([ids.facilitator]);
      expect(await roster('coaching-coordinator')).toEqual([ids.coach]);
    });

    it('refuses an unknown organisation with 400 naming the field', async () => {
      await refused('/api/volunteers?organisation=wdp', 'organisation', 'coaching-coordinator');
    });

    it('still reads one volunteer at /api/volunteers/:id', async () => {
      const response = await app.as('rj-coordinator').get(`/api/volunteers/${ids.facilitator}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ volunteerId: ids.facilitator, status: 'trained' });
    });
  });
});
