import { randomUUID } from 'node:crypto';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';

/**
 * GET /api/targets/series through HTTP: every month of the period, each the period to the
 * month's end as of the earlier of that day and asOf, and each exactly GET /api/targets' answer
 * for that period and day. Today is 10 July 2014, 101 days into the financial year 2014 to 2015.
 */
const today = '2014-07-10';

type Figure = { id: string; actual: number | null; forecast?: number | null; numerator?: number; denominator?: number };
type Series = { programme: string; from: string; to: string; asOf: string; months: { month: string; to: string; targets: Figure[] }[] };

describe('a series of targets through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
    const courseId = randomUUID();
    expectAccepted(await app.as('caution-officer').post('/api/courses').send({ courseId, date: '2014-05-20', venue: 'Hendon' }));
    const refer = async (referredOn: string): Promise<string> => {
      const caseId = randomUUID();
      const offence = { type: 'drunk and disorderly', date: referredOn };
      expectAccepted(
        await app
          .as('referrer', 'police')
          .post('/api/cases')
          .send({ caseId, programme: 'conditional-caution', referredOn, referrer: { organisation: 'police' }, subject: { givenName: 'Sam' }, offence }),
      );
      return caseId;
    };
    const step = async (caseId: string, path: string, body: Record<string, unknown>): Promise<void> => {
      expectAccepted(await app.as('caution-officer').post(`/api/cases/${caseId}/${path}`).send(body));
    };
    await refer('2014-04-05');
    for (const [referredOn, completedOn] of [
      ['2014-04-25', '2014-05-20'],
      ['2014-05-02', '2014-07-05'],
    ]) {
      const caseId = await refer(referredOn);
      await step(caseId, 'booking', { courseId });
      await step(caseId, 'fee', { paidOn: '2014-05-10', amountPence: 4400 });
      await step(caseId, 'attendance', { courseId, attendedOn: '2014-05-20' });
      await step(caseId, 'course-completion', { completedOn });
    }
    await refer('2014-06-15');
    await refer('2014-07-02');
    await app.caughtUp();
  });
  afterAll(() => app.close());

  const series = async (query: string): Promise<Series> => {
    const response = await app.as('commissioner').get(`/api/targets/series?${query}`);
    expect(response.status).toBe(200);
    return response.body as Series;
  };
  const figure = (targets: Figure[], id: string): Figure | undefined => targets.find((each) => each.id === id);

  it('has every month of the financial year holding today, each to its end, as of its end or today', async () => {
    const answer = await series('programme=conditional-caution');
    expect({ ...answer, months: answer.months.length }).toEqual({ programme: 'conditional-caution', from: '2014-04-01', to: '2015-03-31', asOf: today, months: 12 });
    expect(answer.months.map(({ month, to }) => `${month} ${to}`)).toEqual([
      '2014-04 2014-04-30',
      '2014-05 2014-05-31',
      '2014-06 2014-06-30',
      '2014-07 2014-07-31',
      '2014-08 2014-08-31',
      '2014-09 2014-09-30',
      '2014-10 2014-10-31',
      '2014-11 2014-11-30',
      '2014-12 2014-12-31',
      '2015-01 2015-01-31',
      '2015-02 2015-02-28',
      '2015-03 2015-03-31',
    ]);
    const referrals = answer.months.map(({ targets }) => figure(targets, 'referrals'));
    expect(referrals.slice(0, 5).map((each) => [each?.actual, each?.forecast])).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 6], // to 31 July as of today: 5 × 122 / 101 days = 6.04
      [5, 8], // to 31 August as of today: 5 × 153 / 101 days = 7.57
    ]);
    expect(referrals[11]).toMatchObject({ actual: 5, forecast: 18 }); // 5 × 365 / 101 days = 18.07
    const completion = answer.months.map(({ targets }) => figure(targets, 'completion-rate'));
    expect(completion.slice(0, 4).map((each) => [each?.numerator, each?.denominator, each?.actual])).toEqual([
      [0, 0, null],
      [1, 2, 50],
      [1, 2, 50],
      [2, 2, 100],
    ]);
  });

  it('answers for each month exactly what GET /api/targets answers for that period and day', async () => {
    const answer = await series('programme=conditional-caution&from=2014-04-15&to=2014-09-10&asOf=2014-06-20');
    expect(answer.months.map(({ month, to }) => `${month} ${to}`)).toEqual([
      '2014-04 2014-04-30',
      '2014-05 2014-05-31',
      '2014-06 2014-06-30',
      '2014-07 2014-07-31',
      '2014-08 2014-08-31',
      '2014-09 2014-09-10',
    ]);
    for (const month of answer.months) {
      const asOf = month.to < answer.asOf ? month.to : answer.asOf;
      const single = await app.as('commissioner').get(`/api/targets?programme=conditional-caution&from=${answer.from}&to=${month.to}&asOf=${asOf}`);
      expect(single.status).toBe(200);
      expect({ month: month.month, targets: month.targets }).toEqual({ month: month.month, targets: single.body.targets });
    }
    const year = await app.as('commissioner').get('/api/targets?programme=conditional-caution');
    expect((await series('programme=conditional-caution')).months[11].targets).toEqual(year.body.targets);
  });

  describe('the query', () => {
    const refused = async (query: string, field: string): Promise<void> => {
      const response = await app.as('commissioner').get(`/api/targets/series${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid-request', details: [expect.objectContaining({ field })] });
    };

    it('needs a programme', () => refused('', 'programme'));
    it('refuses a date that does not exist', () => refused('?programme=conditional-caution&to=2015-02-29', 'to'));
    it('refuses a period that ends before it starts', () => refused('?programme=conditional-caution&from=2015-04-01&to=2015-03-31', 'to'));
    it('refuses a period of more than 1200 months', () => refused('?programme=conditional-caution&from=1900-01-01&to=2015-03-31', 'to'));
    it('refuses a field it does not know', () => refused('?programme=conditional-caution&month=2014-05', 'month'));

    it('takes a period of exactly 1200 months', async () => {
      const answer = await series('programme=conditional-caution&from=1915-04-01&to=2015-03-31');
      expect(answer.months).toHaveLength(1200);
      expect(figure(answer.months[1199].targets, 'referrals')).toMatchObject({ actual: 5 });
    });

    it('is for commissioners, and for a provider of its own programme only', async () => {
      expect((await app.as('caution-officer').get('/api/targets/series?programme=conditional-caution')).status).toBe(200);
      expect((await app.as('caution-officer').get('/api/targets/series?programme=restorative-justice')).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      expect((await app.as('referrer', 'police').get('/api/targets/series?programme=conditional-caution')).status).toBe(403);
      expect((await app.http().get('/api/targets/series?programme=conditional-caution')).status).toBe(401);
    });
  });
});
