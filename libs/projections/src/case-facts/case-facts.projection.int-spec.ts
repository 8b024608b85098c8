import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventLog, project } from './case-facts.fixtures';
import { CaseFactsProjection } from './case-facts.projection';

describe('case facts projection', () => {
  let pool: Pool;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    pool = new Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());
  beforeEach(() => pool.query('truncate case_facts, reoffence_facts, volunteer_facts'));

  const rows = async (table: string, key: string): Promise<Record<string, unknown>[]> =>
    (await pool.query<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from ${table} t order by ${key}`)).rows.map(({ row }) => row);

  it('writes one row per case with each step’s business date, never when it was recorded', async () => {
    const log = new EventLog();
    const rj = log.refer('restorative-justice', '2014-05-01');
    const facilitator = log.volunteer('victim-support', '2014-02-01', '2015-01-31');
    log
      .step(rj, 'ReferralAccepted', { acceptedOn: '2014-05-02' })
      .step(rj, 'PanelHeld', { heldOn: '2014-06-02', facilitatorIds: [facilitator], victimAttended: true })
      .step(rj, 'OutcomeAgreementReached', { reachedOn: '2014-06-02', reparation: ['apology'] })
      .step(rj, 'VictimSatisfactionRecorded', { surveyedOn: '2014-06-03', satisfied: true })
      .step(rj, 'OutcomeAgreementUpheld', { on: '2014-09-01' })
      .reoffence(rj, '2014-10-10')
      .reoffence(rj, '2014-11-11')
      .step(rj, 'CaseClosed', { closedOn: '2014-12-01' });
    await project(pool, log.events);

    expect(await rows('case_facts', 'case_id')).toEqual([
      {
        case_id: rj,
        programme: 'restorative-justice',
        referred_on: '2014-05-01',
        panel_held_on: '2014-06-02',
        agreement_reached_on: '2014-06-02',
        agreement_upheld_on: '2014-09-01',
        surveyed_on: '2014-06-03',
        satisfied: true,
        course_id: null,
        course_attended_on: null,
        course_completed_on: null,
        intervention_started_on: null,
        intervention_completed_on: null,
        support_quarter_hours: 0,
      },
    ]);
    expect(await rows('reoffence_facts', 'offence_date')).toEqual([
      { case_id: rj, offence_date: '2014-10-10' },
      { case_id: rj, offence_date: '2014-11-11' },
    ]);
    expect(await rows('volunteer_facts', 'volunteer_id')).toEqual([{ volunteer_id: facilitator, organisation: 'victim-support', trained_on: '2014-02-01', left_on: '2015-01-31' }]);
  });

  it('keeps two reoffences on the same day as one date', async () => {
    const log = new EventLog();
    const caseId = log.refer('conditional-caution', '2014-05-01');
    log.reoffence(caseId, '2014-10-10').reoffence(caseId, '2014-10-10');
    await project(pool, log.events, 1);
    expect(await rows('reoffence_facts', 'offence_date')).toEqual([{ case_id: caseId, offence_date: '2014-10-10' }]);
  });

  it('names every table it writes and every event type it reads', () => {
    const projection = new CaseFactsProjection();
    expect(projection.tables).toEqual(['case_facts', 'reoffence_facts', 'volunteer_facts']);
    expect(projection.handles).toEqual(expect.arrayContaining(['CaseReferred', 'CoachingSessionLogged', 'ReoffenceRecorded', 'VolunteerLeft', 'EntryStruckOut']));
  });

  describe('in batches', () => {
    const copies = ['one', 'seven', 'all'] as const;

    beforeAll(async () => {
      for (const copy of copies) {
        for (const table of ['case_facts', 'reoffence_facts', 'volunteer_facts']) {
          await pool.query(`create table ${table}_${copy} (like ${table} including all)`);
        }
      }
    });

    const busyYear = (): EventLog => {
      const log = new EventLog();
      const courses = [randomUUID(), randomUUID(), randomUUID()];
      for (let i = 0; i < 12; i += 1) {
        const day = String(i + 1).padStart(2, '0');
        const rj = log.refer('restorative-justice', `2014-05-${day}`);
        const caution = log.refer('conditional-caution', `2014-05-${day}`);
        const coaching = log.refer('community-coaching', `2014-05-${day}`);
        log.volunteer(i % 2 === 0 ? 'victim-support' : 'home-start', `2014-04-${day}`, i % 3 === 0 ? `2015-01-${day}` : undefined);
        log.step(rj, 'PanelHeld', { heldOn: `2014-06-${day}`, facilitatorIds: [], victimAttended: i % 2 === 0 });
        log.step(caution, 'CourseBooked', { courseId: courses[i % 3], courseDate: `2014-06-${day}` });
        log.step(coaching, 'InterventionStarted', { startedOn: `2014-06-${day}` });
        for (let session = 0; session < i; session += 1) log.step(coaching, 'CoachingSessionLogged', { sessionOn: `2014-07-${day}`, hours: 0.25 * (session + 1) });
        log.step(caution, 'CourseAttended', { courseId: courses[i % 3], attendedOn: `2014-06-${day}` });
        if (i % 4 !== 0) log.step(caution, 'CourseCompleted', { completedOn: `2014-06-${day}` });
        log.step(rj, 'OutcomeAgreementReached', { reachedOn: `2014-06-${day}`, reparation: [] });
        log.step(rj, 'VictimSatisfactionRecorded', { surveyedOn: `2014-07-${day}`, satisfied: i % 5 !== 0 });
        log.step(coaching, 'InterventionCompleted', { completedOn: `2014-09-${day}` });
        if (i % 3 === 1) log.reoffence(caution, `2014-10-${day}`).reoffence(rj, `2014-11-${day}`).reoffence(caution, `2014-12-${day}`);
      }
      return log;
    };

    it('gives the same tables whether events come one, seven or all at a time', async () => {
      const { events } = busyYear();
      await project(pool, events, 1, (table) => `${table}_one`);
      await project(pool, events, 7, (table) => `${table}_seven`);
      await project(pool, events, events.length, (table) => `${table}_all`);

      const snapshot = async (copy: (typeof copies)[number]) => ({
        cases: await rows(`case_facts_${copy}`, 'case_id'),
        reoffences: await rows(`reoffence_facts_${copy}`, 'case_id, offence_date'),
        volunteers: await rows(`volunteer_facts_${copy}`, 'volunteer_id'),
      });
      const all = await snapshot('all');
      expect(all.cases).toHaveLength(36);
      expect(all.reoffences).toHaveLength(12);
      expect(all.volunteers).toHaveLength(12);
      expect(all.cases.map((row) => row.support_quarter_hours)).toContain(66);
      expect(await snapshot('one')).toEqual(all);
      expect(await snapshot('seven')).toEqual(all);
    });
  });
});
