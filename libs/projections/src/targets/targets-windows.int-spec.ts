import { migrate } from '@safer-cases/database';
import { addDays, addMonths, CalendarDate, Programme, programmes } from '@safer-cases/domain';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventLog, project } from '../case-facts/case-facts.fixtures';
import { computeTargets, computeTargetsForWindows, TargetsWindow } from './compute-targets';
import { Queryable } from './target-measures';
import { computeTargetSeries } from './target-series';

const firstDay = '2013-01-01';
const day = (span = 365 * 4): fc.Arbitrary<CalendarDate> => fc.integer({ min: 0, max: span }).map((offset) => addDays(firstDay, offset));
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

/** A case of any programme with any of the steps the targets count, on dates that need not make sense together. */
const caseArbitrary = fc.record({
  programme: fc.constantFrom(...programmes),
  referredOn: day(),
  panel: maybe(fc.record({ heldOn: day(), survey: maybe(fc.record({ surveyedOn: day(), satisfied: fc.boolean() })) })),
  agreement: maybe(fc.record({ reachedOn: day(), upheldOn: maybe(day()) })),
  course: maybe(fc.record({ course: fc.integer({ min: 0, max: 3 }), attendedOn: day(), completedOn: maybe(day()) })),
  intervention: maybe(fc.record({ startedOn: day(), hours: fc.array(fc.constantFrom(1, 2.5, 4, 7.75, 8), { maxLength: 4 }), completedOn: maybe(day()) })),
  reoffences: fc.uniqueArray(day(), { maxLength: 3 }),
});

const volunteerArbitrary = fc.record({ organisation: fc.constantFrom('victim-support' as const, 'home-start' as const), trainedOn: maybe(day()), leftOn: maybe(day()) });

/** A window anywhere from a year before the facts to a year after; `to` may lie before `from`, `asOf` anywhere. */
const windowArbitrary: fc.Arbitrary<TargetsWindow> = fc
  .record({ from: day(365 * 5), length: fc.integer({ min: -30, max: 800 }), asOf: day(365 * 6) })
  .map(({ from, length, asOf }) => ({ from: addDays(from, -365), to: addDays(from, length - 365), asOf: addDays(asOf, -365) }));

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const factsOf = (cases: ValueOf<typeof caseArbitrary>[], volunteers: ValueOf<typeof volunteerArbitrary>[]): EventLog => {
  const log = new EventLog();
  const courses = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  for (const each of cases) {
    const caseId = log.refer(each.programme, each.referredOn);
    if (each.panel) {
      log.step(caseId, 'PanelHeld', { heldOn: each.panel.heldOn, facilitatorIds: [], victimAttended: true });
      if (each.panel.survey) log.step(caseId, 'VictimSatisfactionRecorded', each.panel.survey);
    }
    if (each.agreement) {
      log.step(caseId, 'OutcomeAgreementReached', { reachedOn: each.agreement.reachedOn, reparation: ['apology'] });
      if (each.agreement.upheldOn) log.step(caseId, 'OutcomeAgreementUpheld', { on: each.agreement.upheldOn });
    }
    if (each.course) {
      const courseId = courses[each.course.course];
      log.step(caseId, 'CourseBooked', { courseId, courseDate: each.course.attendedOn }).step(caseId, 'CourseAttended', { courseId, attendedOn: each.course.attendedOn });
      if (each.course.completedOn) log.step(caseId, 'CourseCompleted', { completedOn: each.course.completedOn });
    }
    if (each.intervention) {
      log.step(caseId, 'InterventionStarted', { startedOn: each.intervention.startedOn });
      for (const hours of each.intervention.hours) log.step(caseId, 'CoachingSessionLogged', { sessionOn: each.intervention.startedOn, hours });
      if (each.intervention.completedOn) log.step(caseId, 'InterventionCompleted', { completedOn: each.intervention.completedOn });
    }
    for (const offence of each.reoffences) log.reoffence(caseId, offence);
  }
  for (const volunteer of volunteers) log.volunteer(volunteer.organisation, volunteer.trainedOn, volunteer.leftOn);
  return log;
};

/** The database, counting the statements sent through it. */
const counting = (db: Queryable): Queryable & { statements: number } => {
  const counter = {
    statements: 0,
    query: ((...args: Parameters<Queryable['query']>) => {
      counter.statements += 1;
      return (db.query as (...all: unknown[]) => unknown)(...args);
    }) as Queryable['query'],
  };
  return counter;
};

/** A financial year as the dashboard reads it: the year, and per month the year to the month's end and the month alone. */
const yearOfWindows = (asOf: CalendarDate): TargetsWindow[] => {
  const year = { from: '2014-04-01', to: '2015-03-31' };
  const months = Array.from({ length: 12 }, (_, index) => addMonths(year.from, index));
  return [
    { ...year, asOf },
    ...months.map((start) => ({ ...year, asOf: addDays(addMonths(start, 1), -1) })),
    ...months.map((start) => ({ from: start, to: addDays(addMonths(start, 1), -1), asOf })),
  ];
};

describe('targets over many windows', () => {
  let pool: Pool;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());
  beforeEach(() => pool.query('truncate case_facts, reoffence_facts, volunteer_facts'));

  it('gives every window exactly the figures it has alone, for any facts and any windows, in the order asked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArbitrary, { maxLength: 40 }),
        fc.array(volunteerArbitrary, { maxLength: 8 }),
        fc.array(windowArbitrary, { minLength: 1, maxLength: 12 }),
        async (cases, volunteers, windows) => {
          await pool.query('truncate case_facts, reoffence_facts, volunteer_facts');
          await project(pool, factsOf(cases, volunteers).events);
          const asked = [...windows, windows[0]];
          for (const programme of programmes) {
            const together = await computeTargetsForWindows(pool, programme, asked);
            const alone = [];
            for (const window of asked) alone.push(await computeTargets(pool, { programme, ...window }));
            expect(together).toEqual(alone);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts what the fixtures hold the same way together as alone', async () => {
    const log = new EventLog();
    const panel = log.refer('restorative-justice', '2014-04-20');
    log.step(panel, 'PanelHeld', { heldOn: '2014-05-01', facilitatorIds: [], victimAttended: true });
    log.step(panel, 'VictimSatisfactionRecorded', { surveyedOn: '2014-06-02', satisfied: true });
    log.step(panel, 'OutcomeAgreementReached', { reachedOn: '2014-05-01', reparation: ['apology'] }).reoffence(panel, '2014-09-01');
    log.volunteer('victim-support', '2014-01-01', '2014-10-01');
    await project(pool, log.events);
    const windows = yearOfWindows('2015-03-10');
    const together = await computeTargetsForWindows(pool, 'restorative-justice', windows);
    const figures = (index: number) => Object.fromEntries(together[index].targets.map((figure) => [figure.id, figure]));
    const [year, yearToApril, yearToMay] = [figures(0), figures(1), figures(2)];
    const [april, may] = [figures(13), figures(14)];
    expect(year['panels-held']).toMatchObject({ actual: 1, forecast: 1 }); // 1 × 365 / 344 days
    expect(year['trained-volunteers']).toMatchObject({ actual: 0 });
    expect(year['reoffending-6m']).toMatchObject({ numerator: 1, denominator: 1, provisional: { cases: 0, reoffended: 0 } });
    expect(yearToApril['panels-held']).toMatchObject({ actual: 0, forecast: 0 });
    expect(yearToMay['panels-held']).toMatchObject({ actual: 1, forecast: 6 }); // 1 × 365 / 61 days = 5.98
    expect(yearToMay['survey-completion']).toMatchObject({ numerator: 0, denominator: 1 });
    expect(yearToMay['trained-volunteers']).toMatchObject({ actual: 1 });
    expect(yearToMay['reoffending-6m']).toMatchObject({ numerator: 0, denominator: 0, provisional: { cases: 1, reoffended: 0 } });
    expect(april['panels-held']).toMatchObject({ actual: 0, forecast: 0 });
    expect(may['panels-held']).toMatchObject({ actual: 1, forecast: 1 });
    expect(may['survey-completion']).toMatchObject({ numerator: 1, denominator: 1 });
    for (const [index, window] of windows.entries()) expect(together[index]).toEqual(await computeTargets(pool, { programme: 'restorative-justice', ...window }));
  });

  it('reads a year of windows in one statement per programme, and none for no windows', async () => {
    const db = counting(pool);
    for (const programme of programmes) {
      const before = db.statements;
      const reports = await computeTargetsForWindows(db, programme, yearOfWindows('2015-03-10'));
      expect({ programme, reports: reports.length, statements: db.statements - before }).toEqual({ programme, reports: 25, statements: 1 });
    }
    expect(await computeTargetsForWindows(db, 'community-coaching', [])).toEqual([]);
    expect(db.statements).toBe(programmes.length);
  });

  it('reads a series of every month of the period in one statement, each month the period to its end', async () => {
    const log = new EventLog();
    for (const referredOn of ['2014-04-01', '2014-04-30', '2014-05-01', '2014-06-15', '2014-07-02']) log.refer('conditional-caution', referredOn);
    await project(pool, log.events);
    const db = counting(pool);
    const query = { programme: 'conditional-caution' as Programme, from: '2014-04-01', to: '2014-08-15', asOf: '2014-07-01' };
    const series = await computeTargetSeries(db, query);
    expect(db.statements).toBe(1);
    expect(series.months.map(({ month, to }) => [month, to])).toEqual([
      ['2014-04', '2014-04-30'],
      ['2014-05', '2014-05-31'],
      ['2014-06', '2014-06-30'],
      ['2014-07', '2014-07-31'],
      ['2014-08', '2014-08-15'],
    ]);
    const referrals = series.months.map((month) => month.targets.find((figure) => figure.id === 'referrals'));
    expect(referrals.map((figure) => figure?.kind === 'count-at-least' && [figure.actual, figure.forecast])).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [4, 5], // to 31 July as of 1 July: 4 × 122 / 92 days = 5.30
      [4, 6], // to 15 August as of 1 July: 4 × 137 / 92 days = 5.96
    ]);
    for (const month of series.months) {
      const asOf = month.to < query.asOf ? month.to : query.asOf;
      expect(month.targets).toEqual((await computeTargets(pool, { programme: query.programme, from: query.from, to: month.to, asOf })).targets);
    }
  });
});
