import { Organisation } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Response, Test } from 'supertest';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';
import { keeperOf, roleForStep } from './support/who-does-what';

/**
 * A small year of each programme built through the HTTP API, and every figure of
 * GET /api/targets checked against a count by hand, for a past asOf, today and a later asOf.
 * Today is 10 March 2015, in the financial year 2014-04-01 to 2015-03-31 (344 days so far of 365).
 */
const today = '2015-03-10';
const year = 'from=2014-04-01&to=2015-03-31';

type Kit = ReturnType<typeof kit>;

const kit = (app: TestApp) => {
  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);
  /** The organisation that referred each case: its referrer records the case's reoffences. */
  const referredBy = new Map<string, Organisation>();
  const step = async (caseId: string, path: string, body: Record<string, unknown>): Promise<void> => {
    const role = roleForStep(path);
    await accepted(
      app
        .as(role, role === 'referrer' ? referredBy.get(caseId) : undefined)
        .post(`/api/cases/${caseId}/${path}`)
        .send(body),
    );
  };
  return {
    step,
    volunteer: async (organisation: string, trainedOn?: string, leftOn?: string): Promise<string> => {
      const volunteerId = randomUUID();
      const keeper = keeperOf(organisation);
      await accepted(app.as(keeper).post('/api/volunteers').send({ volunteerId, organisation, recruitedOn: '2014-02-01' }));
      if (trainedOn) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn }));
      if (leftOn) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/departure`).send({ leftOn }));
      return volunteerId;
    },
    refer: async (programme: string, referredOn: string, extra: Record<string, unknown> = {}): Promise<string> => {
      const caseId = randomUUID();
      const body = { caseId, programme, referredOn, referrer: { organisation: 'police' as Organisation }, subject: { givenName: 'Sam' }, ...extra };
      referredBy.set(caseId, body.referrer.organisation);
      await accepted(app.as('referrer', body.referrer.organisation).post('/api/cases').send(body));
      return caseId;
    },
    course: async (date: string): Promise<string> => {
      const courseId = randomUUID();
      await accepted(app.as('caution-officer').post('/api/courses').send({ courseId, date, venue: 'Hendon' }));
      return courseId;
    },
  };
};

type Figure = Record<string, unknown>;
const stock = (id: string, target: number, actual: number, status: string, ceiling?: number): Figure => ({
  id,
  kind: 'count-at-least',
  target,
  ...(ceiling === undefined ? {} : { ceiling }),
  actual,
  status,
});
const flow = (id: string, target: number, actual: number, forecast: number | null, status: string, ceiling?: number): Figure => ({
  ...stock(id, target, actual, status, ceiling),
  forecast,
});
const rate = (id: string, kind: string, target: number, numerator: number, denominator: number, actual: number | null, status: string): Figure => ({
  id,
  kind,
  target,
  numerator,
  denominator,
  actual,
  status,
});
const reoffending = (id: string, [numerator, denominator]: [number, number], actual: number | null, [cases, reoffended]: [number, number], status: string): Figure => ({
  ...rate(id, 'rate-below', 10, numerator, denominator, actual, status),
  provisional: { cases, reoffended },
});
const indicator = (id: string, guide: [number, number, string], numerator: number, denominator: number, actual: number | null): Figure => ({
  id,
  kind: 'indicator',
  guide: { min: guide[0], max: guide[1], unit: guide[2] },
  numerator,
  denominator,
  actual,
  status: 'n/a',
});

describe('targets through HTTP', () => {
  let app: TestApp;
  let pool: Pool;
  let make: Kit;
  /** A Home-Start coach trained before the year: counted for coaching, never for restorative justice. */
  let firstCoach: string;
  const applied = { position: 0n };

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 1 });
    make = kit(app);
    firstCoach = await make.volunteer('home-start', '2014-03-01');
  });
  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  const targets = async (query: string): Promise<{ programme: string; from: string; to: string; asOf: string; targets: Figure[] }> => {
    applied.position = await app.caughtUp();
    const response = await app.as('commissioner').get(`/api/targets?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('restorative justice', () => {
    beforeAll(async () => {
      const { volunteer, refer, step } = make;
      const v1 = await volunteer('victim-support', '2014-03-01');
      const v2 = await volunteer('victim-support', '2014-06-01');
      const v3 = await volunteer('victim-support', '2014-03-01', '2014-09-30');
      await volunteer('victim-support');

      const rjCase = async (referredOn: string, accepted: string, panel?: { heldOn: string; facilitatorIds: string[] }): Promise<string> => {
        const caseId = await refer('restorative-justice', referredOn, { offence: { type: 'criminal damage', date: referredOn }, victim: { givenName: 'Pat' } });
        await step(caseId, 'acceptance', { acceptedOn: accepted });
        if (panel) await step(caseId, 'panel', { ...panel, victimAttended: true });
        return caseId;
      };
      const agree = (caseId: string, reachedOn: string) => step(caseId, 'agreement', { reachedOn, reparation: ['written apology'] });
      const survey = (caseId: string, surveyedOn: string, satisfied: boolean) => step(caseId, 'victim-survey', { surveyedOn, satisfied });

      const r0 = await rjCase('2014-03-01', '2014-03-02', { heldOn: '2014-03-20', facilitatorIds: [v1] });
      await agree(r0, '2014-03-20');
      await step(r0, 'reoffences', { offenceDate: '2014-06-01' });

      const r1 = await rjCase('2014-04-10', '2014-04-12', { heldOn: '2014-05-01', facilitatorIds: [v1] });
      await agree(r1, '2014-05-01');
      await survey(r1, '2014-05-08', true);
      await step(r1, 'agreement/upheld', { on: '2014-07-01' });
      await step(r1, 'reoffences', { offenceDate: '2014-09-15' });

      const r2 = await rjCase('2014-05-20', '2014-05-21', { heldOn: '2014-06-10', facilitatorIds: [v1, v2] });
      await agree(r2, '2014-06-10');
      await survey(r2, '2014-06-20', false);
      await step(r2, 'agreement/upheld', { on: '2014-12-10' });

      const r3 = await rjCase('2014-08-01', '2014-08-02', { heldOn: '2014-08-31', facilitatorIds: [v2] });
      await agree(r3, '2014-08-31');
      await survey(r3, '2014-11-01', true);
      await step(r3, 'reoffences', { offenceDate: '2015-02-28' });

      const r7 = await rjCase('2014-08-10', '2014-08-11', { heldOn: '2014-08-31', facilitatorIds: [v2, v3] });
      await agree(r7, '2014-08-31');
      await step(r7, 'reoffences', { offenceDate: '2015-03-01' });

      const r4 = await rjCase('2014-10-01', '2014-10-02', { heldOn: '2014-10-20', facilitatorIds: [v1] });
      await step(r4, 'no-agreement', { on: '2014-10-20', reason: 'the parties could not agree' });

      const r5 = await rjCase('2015-01-05', '2015-01-06', { heldOn: '2015-01-20', facilitatorIds: [v1] });
      await agree(r5, '2015-01-20');
      await survey(r5, '2015-02-01', true);

      await rjCase('2015-02-01', '2015-02-02');
    });

    it('on 30 September 2014: four panels, one upheld, nothing matured', async () => {
      const report = await targets('programme=restorative-justice&asOf=2014-09-30');
      expect(report).toEqual({
        programme: 'restorative-justice',
        from: '2014-04-01',
        to: '2015-03-31',
        asOf: '2014-09-30',
        targets: [
          stock('trained-volunteers', 20, 2, 'red'),
          flow('panels-held', 100, 4, 8, 'red', 200), // 4 × 365 / 183 = 7.98
          flow('agreements-upheld', 100, 1, 2, 'red'), // 1 × 365 / 183 = 1.99
          rate('survey-completion', 'rate-at-least', 100, 2, 4, 50, 'red'),
          rate('victim-satisfaction', 'rate-above', 85, 1, 2, 50, 'red'),
          reoffending('reoffending-6m', [0, 0], null, [4, 1], 'no-data'),
          reoffending('reoffending-12m', [0, 0], null, [4, 1], 'no-data'),
        ],
      });
    });

    it('today: a reoffence on the last day of the six months counts, one on the day after does not', async () => {
      const report = await targets('programme=restorative-justice');
      expect(report).toEqual({
        programme: 'restorative-justice',
        from: '2014-04-01',
        to: '2015-03-31',
        asOf: today,
        targets: [
          stock('trained-volunteers', 20, 2, 'red'),
          flow('panels-held', 100, 6, 6, 'red', 200), // 6 × 365 / 344 = 6.37
          flow('agreements-upheld', 100, 2, 2, 'red'),
          rate('survey-completion', 'rate-at-least', 100, 4, 6, 66.7, 'red'),
          rate('victim-satisfaction', 'rate-above', 85, 3, 4, 75, 'red'),
          reoffending('reoffending-6m', [2, 4], 50, [1, 0], 'red'),
          reoffending('reoffending-12m', [0, 0], null, [5, 3], 'no-data'),
        ],
      });
    });

    it('on 30 September 2015, after the year: forecasts are the actuals and the follow-ups have matured', async () => {
      const report = await targets(`programme=restorative-justice&${year}&asOf=2015-09-30`);
      expect(report.targets).toEqual([
        stock('trained-volunteers', 20, 2, 'red'),
        flow('panels-held', 100, 6, 6, 'red', 200),
        flow('agreements-upheld', 100, 2, 2, 'red'),
        rate('survey-completion', 'rate-at-least', 100, 4, 6, 66.7, 'red'),
        rate('victim-satisfaction', 'rate-above', 85, 3, 4, 75, 'red'),
        reoffending('reoffending-6m', [2, 5], 40, [0, 0], 'red'),
        reoffending('reoffending-12m', [3, 4], 75, [1, 0], 'red'),
      ]);
    });

    it('before the year starts: no forecast and no status', async () => {
      const report = await targets(`programme=restorative-justice&${year}&asOf=2014-03-31`);
      expect(report.targets).toEqual([
        stock('trained-volunteers', 20, 2, 'no-data'),
        flow('panels-held', 100, 0, null, 'no-data', 200),
        flow('agreements-upheld', 100, 0, null, 'no-data'),
        rate('survey-completion', 'rate-at-least', 100, 0, 0, null, 'no-data'),
        rate('victim-satisfaction', 'rate-above', 85, 0, 0, null, 'no-data'),
        reoffending('reoffending-6m', [0, 0], null, [0, 0], 'no-data'),
        reoffending('reoffending-12m', [0, 0], null, [0, 0], 'no-data'),
      ]);
    });
  });

  describe('conditional caution', () => {
    beforeAll(async () => {
      const { refer, step, course } = make;
      const [c1, c2, c3, c4] = [await course('2014-05-20'), await course('2014-06-17'), await course('2014-10-21'), await course('2015-02-17')];
      const caution = async (offence: string, referredOn: string, courseId?: string): Promise<string> => {
        const caseId = await refer('conditional-caution', referredOn, { offence: { type: 'drunk and disorderly', date: offence } });
        if (courseId) await step(caseId, 'booking', { courseId });
        return caseId;
      };
      const pay = (caseId: string, paidOn: string) => step(caseId, 'fee', { paidOn, amountPence: 4400 });
      const attend = (caseId: string, courseId: string, attendedOn: string) => step(caseId, 'attendance', { courseId, attendedOn });
      const complete = (caseId: string, completedOn: string) => step(caseId, 'course-completion', { completedOn });

      const k0 = await caution('2014-03-01', '2014-03-10', c1);
      await pay(k0, '2014-04-01');
      await attend(k0, c1, '2014-05-20');
      await complete(k0, '2014-05-20');

      const k1 = await caution('2014-04-20', '2014-04-25', c1);
      await pay(k1, '2014-05-01');
      await attend(k1, c1, '2014-05-20');
      await complete(k1, '2014-05-21');
      await step(k1, 'reoffences', { offenceDate: '2014-09-01' });

      const k2 = await caution('2014-04-28', '2014-05-02', c1);
      await pay(k2, '2014-05-10');
      await attend(k2, c1, '2014-05-20');
      await complete(k2, '2014-07-15');

      const k3 = await caution('2014-05-15', '2014-05-20', c2);
      await attend(k3, c2, '2014-06-17');
      await step(k3, 'breach', { on: '2014-08-10', reason: 'fee-unpaid' });

      const k4 = await caution('2014-05-25', '2014-06-01', c2);
      expectAccepted(await app.as('caution-officer').delete(`/api/cases/${k4}/booking`));
      await step(k4, 'breach', { on: '2014-08-20', reason: 'did-not-attend' });

      const k5 = await caution('2014-09-20', '2014-09-25', c3);
      await pay(k5, '2014-10-01');
      await attend(k5, c3, '2014-10-21');
      await complete(k5, '2014-10-21');
      await step(k5, 'reoffences', { offenceDate: '2015-03-01' });

      const k6 = await caution('2015-01-10', '2015-01-15', c4);
      await pay(k6, '2015-01-20');
      await attend(k6, c4, '2015-02-17');
      await complete(k6, '2015-02-18');

      await caution('2015-02-20', '2015-03-01');
    });

    it('on 30 June 2014: four referrals, four attendees on two courses', async () => {
      const report = await targets('programme=conditional-caution&asOf=2014-06-30');
      expect(report.targets).toEqual([
        flow('referrals', 400, 4, 16, 'red'), // 4 × 365 / 91 = 16.04
        flow('attendees', 200, 4, 16, 'red'),
        flow('courses-held', 12, 2, 8, 'red'), // 2 × 365 / 91 = 8.02
        rate('completion-rate', 'rate-at-least', 90, 2, 4, 50, 'red'),
        reoffending('reoffending-6m', [0, 0], null, [2, 0], 'no-data'),
        reoffending('reoffending-10m', [0, 0], null, [2, 0], 'no-data'),
      ]);
    });

    it('today: a referral before the year is not counted, its attendance in the year is', async () => {
      const report = await targets('programme=conditional-caution');
      expect(report).toMatchObject({ from: '2014-04-01', to: '2015-03-31', asOf: today });
      expect(report.targets).toEqual([
        flow('referrals', 400, 7, 7, 'red'), // 7 × 365 / 344 = 7.43
        flow('attendees', 200, 6, 6, 'red'),
        flow('courses-held', 12, 4, 4, 'red'),
        rate('completion-rate', 'rate-at-least', 90, 5, 6, 83.3, 'red'),
        reoffending('reoffending-6m', [1, 3], 33.3, [2, 1], 'red'),
        reoffending('reoffending-10m', [0, 0], null, [5, 2], 'no-data'),
      ]);
    });

    it('on 31 December 2015: every course completion has matured for ten months', async () => {
      const report = await targets(`programme=conditional-caution&${year}&asOf=2015-12-31`);
      expect(report.targets).toEqual([
        flow('referrals', 400, 7, 7, 'red'),
        flow('attendees', 200, 6, 6, 'red'),
        flow('courses-held', 12, 4, 4, 'red'),
        rate('completion-rate', 'rate-at-least', 90, 5, 6, 83.3, 'red'),
        reoffending('reoffending-6m', [2, 5], 40, [0, 0], 'red'),
        reoffending('reoffending-10m', [2, 5], 40, [0, 0], 'red'),
      ]);
    });
  });

  describe('community coaching', () => {
    beforeAll(async () => {
      const { volunteer, refer, step } = make;
      const h1 = firstCoach;
      const h2 = await volunteer('home-start', '2014-05-01', '2015-01-31');
      const h3 = await volunteer('home-start', '2014-11-01');
      await volunteer('home-start');
      const intervention = async (referredOn: string, coach: string, assignedOn: string, startedOn?: string, sessions: [string, number][] = []): Promise<string> => {
        const caseId = await refer('community-coaching', referredOn, {
          referrer: { organisation: 'council' },
          eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] },
        });
        await step(caseId, 'coach', { volunteerId: coach, assignedOn });
        if (startedOn) await step(caseId, 'intervention/start', { startedOn });
        for (const [sessionOn, hours] of sessions) await step(caseId, 'sessions', { sessionOn, hours });
        return caseId;
      };
      const complete = (caseId: string, completedOn: string) => step(caseId, 'intervention/completion', { completedOn });

      const p1 = await intervention('2014-04-02', h1, '2014-04-05', '2014-04-07', [
        ['2014-04-14', 8],
        ['2014-04-21', 7],
      ]);
      await complete(p1, '2014-06-02');
      const p2 = await intervention('2014-05-01', h2, '2014-05-02', '2014-05-05', [
        ['2014-05-12', 8],
        ['2014-05-19', 8],
        ['2014-05-26', 8],
        ['2014-06-02', 1.25],
      ]);
      await complete(p2, '2014-07-29');
      const p3 = await intervention('2014-06-01', h1, '2014-06-02', '2014-06-09', [
        ['2014-06-16', 8],
        ['2014-06-23', 8],
        ['2014-06-30', 4],
      ]);
      await complete(p3, '2014-08-03');
      const p8 = await intervention('2014-06-10', h2, '2014-06-11', '2014-06-16', [['2014-06-23', 3]]);
      await step(p8, 'intervention/withdrawal', { on: '2014-07-01', reason: 'moved away' });
      const p4 = await intervention('2014-09-01', h1, '2014-09-02', '2014-09-08', [
        ['2014-09-15', 8],
        ['2014-09-22', 6.75],
      ]);
      await complete(p4, '2014-12-01');
      const p5 = await intervention('2014-11-03', h3, '2014-11-05', '2014-11-10', [
        ['2014-11-17', 8],
        ['2014-11-24', 8],
        ['2014-12-01', 8],
        ['2014-12-08', 1],
      ]);
      await complete(p5, '2015-01-19');
      await intervention('2015-02-02', h3, '2015-02-03', '2015-02-09', [['2015-02-16', 2]]);
      await intervention('2015-02-20', h1, '2015-02-23');
    });

    it('on 31 July 2014: four interventions started, two completed', async () => {
      const report = await targets('programme=community-coaching&asOf=2014-07-31');
      expect(report.targets).toEqual([
        stock('trained-volunteers', 20, 2, 'red', 25),
        flow('interventions', 60, 4, 12, 'red', 80), // 4 × 365 / 122 = 11.97
        indicator('support-hours-in-guide', [15, 25, 'hours'], 1, 2, 50),
        indicator('duration-in-guide', [56, 84, 'days'], 1, 2, 50),
      ]);
    });

    it('today: 15 and 25 hours are in the guide, 14.75 and 25.25 are not; 56 and 84 days are, 55 and 85 are not', async () => {
      const report = await targets('programme=community-coaching');
      expect(report.targets).toEqual([
        stock('trained-volunteers', 20, 2, 'red', 25),
        flow('interventions', 60, 7, 7, 'red', 80), // 7 × 365 / 344 = 7.43
        indicator('support-hours-in-guide', [15, 25, 'hours'], 3, 5, 60),
        indicator('duration-in-guide', [56, 84, 'days'], 3, 5, 60),
      ]);
    });

    it('on 30 June 2015, after the year: the forecast is the actual', async () => {
      const report = await targets(`programme=community-coaching&${year}&asOf=2015-06-30`);
      expect(report.targets).toEqual([
        stock('trained-volunteers', 20, 2, 'red', 25),
        flow('interventions', 60, 7, 7, 'red', 80),
        indicator('support-hours-in-guide', [15, 25, 'hours'], 3, 5, 60),
        indicator('duration-in-guide', [56, 84, 'days'], 3, 5, 60),
      ]);
    });
  });

  describe('the query', () => {
    const refused = async (query: string, field: string): Promise<void> => {
      const response = await app.as('commissioner').get(`/api/targets${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid-request', details: [expect.objectContaining({ field })] });
    };

    it('needs a programme', () => refused('', 'programme'));
    it('refuses a programme it does not know', () => refused('?programme=youth-offending', 'programme'));
    it('refuses a date that does not exist', () => refused('?programme=restorative-justice&asOf=2015-02-29', 'asOf'));
    it('refuses a date in another form', () => refused('?programme=restorative-justice&from=01/04/2014', 'from'));
    it('refuses a period that ends before it starts', () => refused('?programme=restorative-justice&from=2015-04-01&to=2015-03-31', 'to'));
    it('refuses a start after the default end', () => refused('?programme=restorative-justice&from=2015-04-01&asOf=2015-03-10', 'from'));
    it('refuses an asOf whose default year would end after 9999', () => refused('?programme=restorative-justice&asOf=9999-06-01', 'asOf'));
    it('refuses a field it does not know', () => refused('?programme=restorative-justice&period=2014', 'period'));

    it('takes a one-day period', async () => {
      const report = await targets('programme=conditional-caution&from=2014-05-20&to=2014-05-20&asOf=2014-05-20');
      expect(report.targets.slice(0, 3)).toEqual([flow('referrals', 400, 1, 1, 'red'), flow('attendees', 200, 3, 3, 'red'), flow('courses-held', 12, 1, 1, 'red')]);
    });
  });
});
