import { migrate } from '@safer-cases/database';
import { Programme, programmes } from '@safer-cases/domain';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventLog, project } from '../case-facts/case-facts.fixtures';
import { neverRecorded } from '../testing/case-walks.fixtures';
import { streamsOf } from '../testing/streams';
import { computeTargets, TargetFigure } from './compute-targets';

const window = { from: '2014-04-01', to: '2015-03-31', asOf: '2015-09-30' };

/** Targets count only what stands: an entry struck out is as if it had never been recorded. */
describe('targets, when entries are struck out', () => {
  let pool: Pool;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());
  beforeEach(() => pool.query('truncate case_facts, reoffence_facts, volunteer_facts'));

  const figures = async (programme: Programme): Promise<Record<string, TargetFigure>> =>
    Object.fromEntries((await computeTargets(pool, { programme, ...window })).targets.map((figure) => [figure.id, figure]));

  const everyProgramme = async () => Object.fromEntries(await Promise.all(programmes.map(async (programme) => [programme, await figures(programme)] as const)));

  /** A restorative-justice case up to its agreement (the start of its follow-up), reoffending on the dates given. */
  const agreed = (log: EventLog, day: string, ...offences: string[]): string => {
    const caseId = log.refer('restorative-justice', `2014-05-${day}`);
    log
      .step(caseId, 'ReferralAccepted', { acceptedOn: `2014-05-${day}` })
      .step(caseId, 'PanelHeld', { heldOn: `2014-06-${day}`, facilitatorIds: [], victimAttended: true })
      .step(caseId, 'OutcomeAgreementReached', { reachedOn: `2014-06-${day}`, reparation: ['apology'] });
    for (const offence of offences) log.reoffence(caseId, offence);
    return caseId;
  };

  it('drop a struck reoffence and a struck panel, as if they had never been recorded', async () => {
    const log = new EventLog();
    agreed(log, '02', '2014-08-01');
    const wrongReoffence = agreed(log, '03', '2014-08-02');
    const wrongPanel = log.refer('restorative-justice', '2014-06-10');
    log.step(wrongPanel, 'ReferralAccepted', { acceptedOn: '2014-06-11' }).step(wrongPanel, 'PanelHeld', { heldOn: '2014-07-01', facilitatorIds: [], victimAttended: false });
    await project(pool, log.events);
    const before = await figures('restorative-justice');

    const recorded = log.events.length;
    log.strike(wrongReoffence).strike(wrongPanel);
    await project(pool, log.events.slice(recorded), undefined, undefined, streamsOf(log.events));
    const after = await figures('restorative-justice');

    expect({ panels: before['panels-held'], reoffending: before['reoffending-6m'] }).toMatchObject({
      panels: { actual: 3 },
      reoffending: { numerator: 2, denominator: 2, actual: 100 },
    });
    expect({ panels: after['panels-held'], reoffending: after['reoffending-6m'] }).toMatchObject({
      panels: { actual: 2 },
      reoffending: { numerator: 1, denominator: 2, actual: 50 },
    });
    expect(after['reoffending-12m']).toMatchObject({ numerator: 1, denominator: 2 });

    await pool.query('truncate case_facts, reoffence_facts, volunteer_facts');
    await project(pool, neverRecorded(log.events));
    expect(await figures('restorative-justice')).toEqual(after);
  });

  it('still count a case that reoffended when one of two reoffences on the same day is struck, and not once both are', async () => {
    const log = new EventLog();
    const caseId = agreed(log, '02', '2014-08-01', '2014-08-01');
    const first = log.latestRevision(caseId) - 1;
    log.strike(caseId);
    await project(pool, log.events, 1);
    expect((await figures('restorative-justice'))['reoffending-6m']).toMatchObject({ numerator: 1, denominator: 1 });

    const recorded = log.events.length;
    log.strike(caseId, first);
    await project(pool, log.events.slice(recorded), undefined, undefined, streamsOf(log.events));
    expect((await figures('restorative-justice'))['reoffending-6m']).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('drop a struck attendance, completion and coaching session from every programme’s figures, and count a reopened case as before', async () => {
    const log = new EventLog();
    const courseId = randomUUID();
    const caution = (day: string): string => {
      const caseId = log.refer('conditional-caution', `2014-05-${day}`);
      log
        .step(caseId, 'CourseBooked', { courseId, courseDate: '2014-06-10' })
        .step(caseId, 'CourseAttended', { courseId, attendedOn: '2014-06-10' })
        .step(caseId, 'CourseCompleted', { completedOn: '2014-06-10' });
      return caseId;
    };
    const coaching = (hours: number[]): string => {
      const caseId = log.refer('community-coaching', '2014-05-01');
      log.step(caseId, 'CoachAssigned', { volunteerId: randomUUID(), assignedOn: '2014-05-02' }).step(caseId, 'InterventionStarted', { startedOn: '2014-05-05' });
      for (const each of hours) log.step(caseId, 'CoachingSessionLogged', { sessionOn: '2014-05-12', hours: each });
      log.step(caseId, 'InterventionCompleted', { completedOn: '2014-07-14' }).step(caseId, 'CaseClosed', { closedOn: '2014-07-15' });
      return caseId;
    };
    caution('01');
    const notAttended = caution('02');
    coaching([20]);
    const oneSessionTooMany = coaching([20, 8]);
    await project(pool, log.events);
    const before = await everyProgramme();

    const recorded = log.events.length;
    // Revisions: the referral 0, the booking 1, the attendance 2, the completion 3; the second session 4, before its completion and closure.
    const extraSession = log.latestRevision(oneSessionTooMany) - 2;
    log.strike(notAttended, 3).strike(notAttended, 2);
    log.strike(oneSessionTooMany, extraSession).step(oneSessionTooMany, 'CaseReopened', { on: '2014-08-01', reason: 'further work agreed' });
    await project(pool, log.events.slice(recorded), undefined, undefined, streamsOf(log.events));
    const after = await everyProgramme();

    expect(before['conditional-caution']).toMatchObject({ attendees: { actual: 2 }, 'completion-rate': { numerator: 2, denominator: 2 } });
    expect(after['conditional-caution']).toMatchObject({ attendees: { actual: 1 }, 'completion-rate': { numerator: 1, denominator: 1 }, 'courses-held': { actual: 1 } });
    expect(before['community-coaching']['support-hours-in-guide']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(after['community-coaching']['support-hours-in-guide']).toMatchObject({ numerator: 2, denominator: 2 });
    expect(after['community-coaching'].interventions).toEqual(before['community-coaching'].interventions);

    await pool.query('truncate case_facts, reoffence_facts, volunteer_facts');
    await project(pool, neverRecorded(log.events));
    expect(await everyProgramme()).toEqual(after);
  });
});
