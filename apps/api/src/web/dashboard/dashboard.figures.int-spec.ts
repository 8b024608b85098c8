import { ForbiddenException } from '@nestjs/common';
import { migrate } from '@safer-cases/database';
import { addDays } from '@safer-cases/domain';
import { EventLog, project } from '@safer-cases/projections/case-facts/case-facts.fixtures';
import { programmesWithTargets } from '@safer-cases/projections/targets';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { Actor } from '../../auth/actor';
import { Clock } from '../../shared/clock';
import { Database } from '../../shared/database';
import { TargetsQueries } from '../../targets/targets.queries';
import { readProgrammeFigures, readReports } from './dashboard.figures';
import { financialYear, trendSteps } from './dashboard.period';

const today = '2015-03-10';
const year = financialYear(2014);

class TestDatabase extends Database {
  constructor(readonly pool: Pool) {
    super();
  }
}

class FixedClock extends Clock {
  now(): Date {
    return new Date(`${today}T12:00:00Z`);
  }
}

const commissioner: Actor = { userId: randomUUID(), username: 'commissioner', role: 'commissioner', organisation: 'council' };

/** A little of each programme's year, so that the figures the dashboard reads are not all zero. */
const aYearOfCases = (): EventLog => {
  const log = new EventLog();
  for (const heldOn of ['2014-04-10', '2014-07-01', '2014-12-24']) {
    const caseId = log.refer('restorative-justice', addDays(heldOn, -20));
    log.step(caseId, 'PanelHeld', { heldOn, facilitatorIds: [], victimAttended: true });
    log.step(caseId, 'OutcomeAgreementReached', { reachedOn: heldOn, reparation: ['apology'] });
    log.step(caseId, 'VictimSatisfactionRecorded', { surveyedOn: addDays(heldOn, 7), satisfied: true });
  }
  const courseId = randomUUID();
  for (const attendedOn of ['2014-05-20', '2014-10-20']) {
    const caseId = log.refer('conditional-caution', addDays(attendedOn, -30));
    log.step(caseId, 'CourseAttended', { courseId, attendedOn }).step(caseId, 'CourseCompleted', { completedOn: attendedOn });
  }
  const coaching = log.refer('community-coaching', '2014-04-02');
  log.step(coaching, 'InterventionStarted', { startedOn: '2014-04-07' }).step(coaching, 'CoachingSessionLogged', { sessionOn: '2014-04-14', hours: 16 });
  log.step(coaching, 'InterventionCompleted', { completedOn: '2014-06-09' });
  log.volunteer('victim-support', '2014-03-01');
  log.volunteer('home-start', '2014-06-01');
  return log;
};

/**
 * Every statement node-postgres sends from this process while `read` runs, through a pool or a
 * client checked out of it alike: the dashboard's reads are counted where they leave for the server.
 */
const statementsOf = async <T>(read: () => Promise<T>): Promise<{ result: T; statements: number }> => {
  const sent = jest.spyOn(Client.prototype, 'query');
  try {
    const result = await read();
    return { result, statements: sent.mock.calls.length };
  } finally {
    sent.mockRestore();
  }
};

describe('the dashboard’s figures', () => {
  let pool: Pool;
  let targets: TargetsQueries;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 4 });
    await project(pool, aYearOfCases().events);
    targets = new TargetsQueries(new TestDatabase(pool), new FixedClock());
  });
  afterAll(() => pool.end());

  it('reads a year with its monthly trends in one statement per programme', async () => {
    const { result, statements } = await statementsOf(() => readProgrammeFigures(targets, commissioner, year, today));
    expect(trendSteps(year, today)).toHaveLength(12);
    expect(result.map((figures) => [figures.programme, figures.toDate.length, figures.byStep.length])).toEqual(programmesWithTargets.map((programme) => [programme, 12, 12]));
    expect(statements).toBe(programmesWithTargets.length);
  });

  it('shows per figure exactly what GET /api/targets answers for that period and day', async () => {
    const figures = await readProgrammeFigures(targets, commissioner, year, today);
    for (const { programme, report, steps, toDate, byStep } of figures) {
      expect(report).toEqual(await targets.report(commissioner, { programme, ...year, asOf: today }));
      for (const [index, step] of steps.entries()) {
        expect(toDate[index]).toEqual(await targets.report(commissioner, { programme, ...year, asOf: step.asOf }));
        expect(byStep[index]).toEqual(await targets.report(commissioner, { programme, from: step.start, to: step.end, asOf: today }));
      }
    }
    const panels = figures[0].report.targets.find((figure) => figure.id === 'panels-held');
    expect(panels).toMatchObject({ actual: 3 });
  });

  it('reads ten years of quarterly trends in one statement per programme too', async () => {
    const decade = { from: '2005-04-01', to: '2015-03-31' };
    const { result, statements } = await statementsOf(() => readProgrammeFigures(targets, commissioner, decade, today));
    expect(result[0].steps).toHaveLength(40);
    expect(statements).toBe(programmesWithTargets.length);
  });

  it('reads the CSV’s figures in one statement per programme', async () => {
    const { result, statements } = await statementsOf(() => readReports(targets, commissioner, year, today));
    expect(result.map((report) => report.programme)).toEqual([...programmesWithTargets]);
    expect(statements).toBe(programmesWithTargets.length);
  });

  it('reads a provider’s own programme only, in one statement', async () => {
    const coordinator: Actor = { ...commissioner, role: 'caution-officer', organisation: 'wdp' };
    const { result, statements } = await statementsOf(() => readProgrammeFigures(targets, coordinator, year, today));
    expect(result.map((figures) => figures.programme)).toEqual(['conditional-caution']);
    expect(result[0].report).toEqual(await targets.report(commissioner, { programme: 'conditional-caution', ...year, asOf: today }));
    expect(statements).toBe(1);
    expect((await readReports(targets, coordinator, year, today)).map((report) => report.programme)).toEqual(['conditional-caution']);
  });

  it('refuses a provider another programme’s targets, and anyone the policy does not let read targets, before reading anything', async () => {
    const coordinator: Actor = { ...commissioner, role: 'rj-coordinator', organisation: 'victim-support' };
    const referrer: Actor = { ...commissioner, role: 'referrer', organisation: 'police' };
    const { result, statements } = await statementsOf(() =>
      Promise.all([
        targets.report(coordinator, { programme: 'community-coaching', ...year, asOf: today }).catch((error: unknown) => error),
        targets.reports(coordinator, 'conditional-caution', [{ ...year, asOf: today }]).catch((error: unknown) => error),
        targets.series(coordinator, { programme: 'conditional-caution', ...year, asOf: today }).catch((error: unknown) => error),
        readProgrammeFigures(targets, referrer, year, today).catch((error: unknown) => error),
        readReports(targets, referrer, year, today).catch((error: unknown) => error),
      ]),
    );
    for (const refusal of result) expect(refusal).toBeInstanceOf(ForbiddenException);
    expect(statements).toBe(0);
  });
});
