import { migrate } from '@safer-cases/database';
import { addDays, addMonths, CalendarDate, Programme } from '@safer-cases/domain';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventLog, project } from '../case-facts/case-facts.fixtures';
import { computeTargets, TargetFigure } from './compute-targets';
import { defaultTargetsConfiguration, TargetsConfiguration } from './targets.config';

const year = { from: '2014-04-01', to: '2015-03-31' };

describe('targets', () => {
  let pool: Pool;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());
  beforeEach(() => pool.query('truncate case_facts, reoffence_facts, volunteer_facts'));

  const targets = async (programme: Programme, asOf: CalendarDate, period = year): Promise<Record<string, TargetFigure>> => {
    const report = await computeTargets(pool, { programme, ...period, asOf });
    return Object.fromEntries(report.targets.map((figure) => [figure.id, figure]));
  };

  const panels = (log: EventLog, dates: CalendarDate[]): string[] =>
    dates.map((heldOn) => {
      const caseId = log.refer('restorative-justice', addDays(heldOn, -10));
      log.step(caseId, 'PanelHeld', { heldOn, facilitatorIds: [], victimAttended: true });
      return caseId;
    });

  describe('flow counts', () => {
    it('count an event on the first and on the last day of the period, not the day before or after', async () => {
      const log = new EventLog();
      panels(log, ['2014-03-31', '2014-04-01', '2015-03-31', '2015-04-01']);
      await project(pool, log.events);
      expect((await targets('restorative-justice', '2015-06-30'))['panels-held']).toEqual({
        id: 'panels-held',
        kind: 'count-at-least',
        target: 100,
        ceiling: 200,
        actual: 2,
        forecast: 2,
        status: 'red',
      });
    });

    it('stop at asOf: a later business date is not yet counted, whenever it was recorded', async () => {
      const log = new EventLog();
      panels(log, ['2014-09-30', '2014-10-01']);
      await project(pool, log.events);
      expect((await targets('restorative-justice', '2014-09-30'))['panels-held']).toMatchObject({ actual: 1, forecast: 2 });
    });

    it('forecast the whole period at the pace so far and judge the forecast', async () => {
      const log = new EventLog();
      const fifty = Array.from({ length: 50 }, (_, i) => addDays('2014-04-01', i * 3));
      panels(log, fifty);
      await project(pool, log.events);
      expect((await targets('restorative-justice', '2014-09-30'))['panels-held']).toMatchObject({ actual: 50, forecast: 100, status: 'green' });
      await pool.query(`update case_facts set panel_held_on = null where case_id in (select case_id from case_facts where panel_held_on is not null limit 5)`);
      expect((await targets('restorative-justice', '2014-09-30'))['panels-held']).toMatchObject({ actual: 45, forecast: 90, status: 'amber' });
      await pool.query(`update case_facts set panel_held_on = null where case_id in (select case_id from case_facts where panel_held_on is not null limit 1)`);
      expect((await targets('restorative-justice', '2014-09-30'))['panels-held']).toMatchObject({ actual: 44, forecast: 88, status: 'red' });
    });

    it('count conditional-caution referrals only, attendees, and each course attended once', async () => {
      const log = new EventLog();
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      const attend = (courseId: string, attendedOn: CalendarDate, completedOn?: CalendarDate): void => {
        const caseId = log.refer('conditional-caution', addDays(attendedOn, -20));
        log.step(caseId, 'CourseBooked', { courseId, courseDate: attendedOn }).step(caseId, 'CourseAttended', { courseId, attendedOn });
        if (completedOn) log.step(caseId, 'CourseCompleted', { completedOn });
      };
      attend(first, '2014-05-20', '2014-05-21');
      attend(first, '2014-05-20', '2014-05-20');
      attend(first, '2014-05-20');
      attend(second, '2014-06-20', '2014-06-21');
      attend(third, '2015-04-02', '2015-04-02');
      const cancelled = log.refer('conditional-caution', '2014-07-01');
      log.step(cancelled, 'CourseBooked', { courseId: third, courseDate: '2014-07-20' }).step(cancelled, 'BookingCancelled', { courseId: third });
      log.refer('restorative-justice', '2014-07-01');
      await project(pool, log.events);

      const full = await targets('conditional-caution', '2015-03-31');
      expect(full.referrals).toMatchObject({ actual: 6, forecast: 6, status: 'red' });
      expect(full.attendees).toMatchObject({ actual: 4, forecast: 4 });
      expect(full['courses-held']).toMatchObject({ actual: 2, forecast: 2, status: 'red' });
      expect(full['completion-rate']).toEqual({ id: 'completion-rate', kind: 'rate-at-least', target: 90, numerator: 3, denominator: 4, actual: 75, status: 'red' });

      const early = await targets('conditional-caution', '2014-06-20');
      expect(early['completion-rate']).toMatchObject({ numerator: 2, denominator: 4, actual: 50 });
    });
  });

  describe('configuration', () => {
    it('takes targets and thresholds from the configuration it is given', async () => {
      const log = new EventLog();
      panels(log, ['2014-05-01', '2014-06-01', '2014-07-01']);
      await project(pool, log.events);
      const configuration: TargetsConfiguration = {
        ...defaultTargetsConfiguration,
        countAmberPercent: 50,
        programmes: {
          ...defaultTargetsConfiguration.programmes,
          'restorative-justice': [{ id: 'panels-held', kind: 'count-at-least', target: 6, measure: { type: 'flow', of: 'panels-held' } }],
        },
      };
      const report = await computeTargets(pool, { programme: 'restorative-justice', ...year, asOf: '2015-03-31' }, configuration);
      expect(report.targets).toEqual([{ id: 'panels-held', kind: 'count-at-least', target: 6, actual: 3, forecast: 3, status: 'amber' }]);
    });
  });

  describe('trained volunteers', () => {
    it('are the provider’s volunteers trained by the window’s end and not gone by it', async () => {
      const log = new EventLog();
      log.volunteer('victim-support', '2015-03-31');
      log.volunteer('victim-support', '2013-05-01', '2015-04-01');
      log.volunteer('victim-support', '2015-04-01');
      log.volunteer('victim-support', '2013-05-01', '2015-03-31');
      log.volunteer('victim-support');
      log.volunteer('home-start', '2013-05-01');
      await project(pool, log.events);

      expect((await targets('restorative-justice', '2015-06-30'))['trained-volunteers']).toEqual({
        id: 'trained-volunteers',
        kind: 'count-at-least',
        target: 20,
        actual: 2,
        status: 'red',
      });
      expect((await targets('restorative-justice', '2014-12-31'))['trained-volunteers']).toMatchObject({ actual: 2 });
      expect((await targets('community-coaching', '2015-06-30'))['trained-volunteers']).toMatchObject({ actual: 1, target: 20, ceiling: 25 });
    });
  });

  describe('before the period starts', () => {
    it('has no forecast and no status, only what the tables hold so far', async () => {
      const log = new EventLog();
      log.volunteer('victim-support', '2014-01-01');
      panels(log, ['2014-03-01']);
      await project(pool, log.events);
      const report = await computeTargets(pool, { programme: 'restorative-justice', ...year, asOf: '2014-03-31' });
      expect(report.targets).toEqual([
        { id: 'trained-volunteers', kind: 'count-at-least', target: 20, actual: 1, status: 'no-data' },
        { id: 'panels-held', kind: 'count-at-least', target: 100, ceiling: 200, actual: 0, forecast: null, status: 'no-data' },
        { id: 'agreements-upheld', kind: 'count-at-least', target: 100, actual: 0, forecast: null, status: 'no-data' },
        { id: 'survey-completion', kind: 'rate-at-least', target: 100, numerator: 0, denominator: 0, actual: null, status: 'no-data' },
        { id: 'victim-satisfaction', kind: 'rate-above', target: 85, numerator: 0, denominator: 0, actual: null, status: 'no-data' },
        {
          id: 'reoffending-6m',
          kind: 'rate-below',
          target: 10,
          numerator: 0,
          denominator: 0,
          actual: null,
          provisional: { cases: 0, reoffended: 0 },
          status: 'no-data',
        },
        {
          id: 'reoffending-12m',
          kind: 'rate-below',
          target: 10,
          numerator: 0,
          denominator: 0,
          actual: null,
          provisional: { cases: 0, reoffended: 0 },
          status: 'no-data',
        },
      ]);
    });
  });

  describe('victim surveys', () => {
    it('count the panels of the window surveyed by asOf, and the satisfied among them', async () => {
      const log = new EventLog();
      const [satisfied, unsatisfied, surveyedLater, , outside] = panels(log, ['2014-05-01', '2014-06-01', '2014-07-01', '2014-08-01', '2014-03-01']);
      log.step(satisfied, 'VictimSatisfactionRecorded', { surveyedOn: '2014-05-02', satisfied: true });
      log.step(unsatisfied, 'VictimSatisfactionRecorded', { surveyedOn: '2014-06-02', satisfied: false });
      log.step(surveyedLater, 'VictimSatisfactionRecorded', { surveyedOn: '2014-09-02', satisfied: true });
      log.step(outside, 'VictimSatisfactionRecorded', { surveyedOn: '2014-04-02', satisfied: true });
      await project(pool, log.events);

      const early = await targets('restorative-justice', '2014-09-01');
      expect(early['survey-completion']).toMatchObject({ numerator: 2, denominator: 4, actual: 50, status: 'red' });
      expect(early['victim-satisfaction']).toMatchObject({ numerator: 1, denominator: 2, actual: 50, status: 'red' });
      const late = await targets('restorative-justice', '2014-09-02');
      expect(late['survey-completion']).toMatchObject({ numerator: 3, denominator: 4, actual: 75 });
      expect(late['victim-satisfaction']).toMatchObject({ numerator: 2, denominator: 3, actual: 66.7 });
    });
  });

  describe('reoffending', () => {
    const agreement = (log: EventLog, reachedOn: CalendarDate, ...offences: CalendarDate[]): string => {
      const caseId = log.refer('restorative-justice', addDays(reachedOn, -30));
      log.step(caseId, 'OutcomeAgreementReached', { reachedOn, reparation: ['apology'] });
      for (const offence of offences) log.reoffence(caseId, offence);
      return caseId;
    };

    it('counts matured cases only, over a follow-up that clamps 31 August + 6 months to 28 February', async () => {
      const log = new EventLog();
      agreement(log, '2014-08-31', '2015-02-28');
      agreement(log, '2014-08-31', '2015-03-01');
      agreement(log, '2014-08-31', '2014-08-31');
      agreement(log, '2014-04-01');
      agreement(log, '2014-05-15', '2014-06-01');
      agreement(log, '2014-09-01', '2014-12-01');
      agreement(log, '2014-10-01', '2015-02-01');
      agreement(log, '2014-11-01', '2015-03-15');
      agreement(log, '2014-03-31', '2014-05-01');
      await project(pool, log.events);

      const figures = await targets('restorative-justice', '2015-02-28');
      expect(figures['reoffending-6m']).toEqual({
        id: 'reoffending-6m',
        kind: 'rate-below',
        target: 10,
        numerator: 2,
        denominator: 5,
        actual: 40,
        provisional: { cases: 3, reoffended: 2 },
        status: 'red',
      });
      expect(figures['reoffending-12m']).toMatchObject({ numerator: 0, denominator: 0, actual: null, provisional: { cases: 8, reoffended: 4 }, status: 'no-data' });
    });

    it('matures a case started on 31 August 2015 on 29 February 2016, and counts a reoffence that day but not the next', async () => {
      const log = new EventLog();
      agreement(log, '2015-08-31', '2016-02-29');
      agreement(log, '2015-08-31', '2016-03-01');
      await project(pool, log.events);
      const period = { from: '2015-04-01', to: '2016-03-31' };

      expect((await targets('restorative-justice', '2016-02-28', period))['reoffending-6m']).toMatchObject({
        numerator: 0,
        denominator: 0,
        provisional: { cases: 2, reoffended: 0 },
      });
      expect((await targets('restorative-justice', '2016-02-29', period))['reoffending-6m']).toMatchObject({
        numerator: 1,
        denominator: 2,
        actual: 50,
        provisional: { cases: 0, reoffended: 0 },
        status: 'red',
      });
    });

    it('starts from the completed course for a caution and the completed intervention for coaching', async () => {
      const log = new EventLog();
      const caution = log.refer('conditional-caution', '2014-05-01');
      log.step(caution, 'CourseCompleted', { completedOn: '2014-05-20' }).reoffence(caution, '2015-03-20');
      const coaching = log.refer('community-coaching', '2014-05-01');
      log.step(coaching, 'InterventionCompleted', { completedOn: '2014-06-20' }).reoffence(coaching, '2014-07-01');
      agreement(log, '2014-05-20', '2014-06-01');
      await project(pool, log.events);

      const caution10 = (await targets('conditional-caution', '2015-03-20'))['reoffending-10m'];
      expect(caution10).toMatchObject({ numerator: 1, denominator: 1, actual: 100, provisional: { cases: 0, reoffended: 0 } });
      const caution6 = (await targets('conditional-caution', '2015-03-20'))['reoffending-6m'];
      expect(caution6).toMatchObject({ numerator: 0, denominator: 1, actual: 0, status: 'green' });
    });

    it('ends every follow-up on the same day as the domain’s addMonths', async () => {
      const day = fc.integer({ min: 0, max: 365 * 200 }).map((offset) => addDays('1900-01-01', offset));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(day, fc.integer({ min: 1, max: 24 })), { minLength: 1, maxLength: 50 }), async (samples) => {
          const { rows } = await pool.query<{ ends: string[] }>(
            `select array_agg(((start + make_interval(months => months))::date)::text order by ordinality) as ends
             from unnest($1::date[], $2::int[]) with ordinality as s(start, months, ordinality)`,
            [samples.map(([start]) => start), samples.map(([, months]) => months)],
          );
          expect(rows[0].ends).toEqual(samples.map(([start, months]) => addMonths(start, months)));
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('coaching guide indicators', () => {
    it('share the interventions completed in the window with 15–25 hours and 56–84 days', async () => {
      const log = new EventLog();
      const intervention = (startedOn: CalendarDate, days: number, sessions: number[]): void => {
        const caseId = log.refer('community-coaching', addDays(startedOn, -7));
        log.step(caseId, 'InterventionStarted', { startedOn });
        for (const hours of sessions) log.step(caseId, 'CoachingSessionLogged', { sessionOn: startedOn, hours });
        log.step(caseId, 'InterventionCompleted', { completedOn: addDays(startedOn, days) });
      };
      intervention('2014-05-01', 56, [8, 7]);
      intervention('2014-05-01', 84, [8, 8, 8, 1]);
      intervention('2014-05-01', 55, [8, 8, 4]);
      intervention('2014-05-01', 85, [8, 8, 8, 1.25]);
      intervention('2014-05-01', 60, [8, 6.75]);
      intervention('2015-03-01', 60, [8, 7]);
      await project(pool, log.events);

      const report = await computeTargets(pool, { programme: 'community-coaching', ...year, asOf: '2015-03-31' });
      expect(report).toEqual({
        programme: 'community-coaching',
        ...year,
        asOf: '2015-03-31',
        targets: [
          { id: 'trained-volunteers', kind: 'count-at-least', target: 20, ceiling: 25, actual: 0, status: 'red' },
          { id: 'interventions', kind: 'count-at-least', target: 60, ceiling: 80, actual: 6, forecast: 6, status: 'red' },
          { id: 'support-hours-in-guide', kind: 'indicator', guide: { min: 15, max: 25, unit: 'hours' }, numerator: 3, denominator: 5, actual: 60, status: 'n/a' },
          { id: 'duration-in-guide', kind: 'indicator', guide: { min: 56, max: 84, unit: 'days' }, numerator: 3, denominator: 5, actual: 60, status: 'n/a' },
        ],
      });
    });
  });
});
