import { Organisation, Programme } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { Role } from '../../apps/api/src/auth/actor';
import { expectAccepted } from './expectations';
import { TestApp } from './test-app';
import { coordinatorOf, keeperOf } from './who-does-what';

export const restorativeJusticeStages = [
  'referred',
  'declined',
  'accepted',
  'panel-held',
  'no-agreement',
  'agreement-reached',
  'agreement-upheld',
  'agreement-breached',
  'surveyed',
] as const;
export type RestorativeJusticeStage = (typeof restorativeJusticeStages)[number];

/** `deadline-passed` was referred after its 12-week deadline; `overdue` passed it since, unbooked. */
export const cautionStages = ['referred', 'booked', 'booking-cancelled', 'paid', 'attended', 'completed', 'breached', 'deadline-passed', 'overdue', 'deadline-near'] as const;
export type CautionStage = (typeof cautionStages)[number];

export const coachingStages = ['referred', 'coach-assigned', 'intervention-open', 'completed', 'withdrawn'] as const;
export type CoachingStage = (typeof coachingStages)[number];

/** Dates that fit every programme's rules on a test app whose today is 2015-12-31. */
export const historyDates = {
  rj: { offence: '2015-01-10', referred: '2015-01-20', accepted: '2015-01-27', panel: '2015-02-10', surveyed: '2015-02-20', upheld: '2015-05-01' },
  caution: { offence: '2015-02-01', referred: '2015-02-05', paid: '2015-02-20', course: '2015-03-05', breached: '2015-03-06' },
  coaching: { referred: '2015-03-02', assigned: '2015-03-09', started: '2015-03-16', session: '2015-03-23', ended: '2015-05-25' },
  trained: '2015-01-05',
  reoffence: '2015-11-01',
  closed: '2015-12-01',
};

/** `follows`: the earlier case a coaching referral follows, if it is not on the risk-identified pathway. */
export type MadeCase = { caseId: string; personId: string; programme: Programme; referredBy: Organisation; stage: string; closed: boolean; follows?: string };

/**
 * Cases in any state of their lifecycle, made through the API exactly as the pages and other
 * systems make them: for tests that need a case at a given step, or a whole history.
 */
export const caseHistories = (app: TestApp) => {
  const dates = historyDates;
  const ok = async (request: Test): Promise<Response> => expectAccepted(await request);
  const step = (role: Role, caseId: string, path: string, body: Record<string, unknown>): Promise<Response> => ok(app.as(role).post(`/api/cases/${caseId}/${path}`).send(body));

  const volunteer = async (organisation: 'victim-support' | 'home-start'): Promise<string> => {
    const volunteerId = randomUUID();
    const keeper = keeperOf(organisation);
    await ok(
      app
        .as(keeper)
        .post('/api/volunteers')
        .send({ volunteerId, organisation, recruitedOn: '2014-12-01', givenName: 'Vol', familyName: `Unteer ${volunteerId.slice(0, 4)}` }),
    );
    await ok(app.as(keeper).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: dates.trained }));
    return volunteerId;
  };

  const refer = async (programme: Programme, body: Record<string, unknown>, referredBy: Organisation = 'police'): Promise<MadeCase> => {
    const caseId = randomUUID();
    const response = await ok(
      app
        .as('referrer', referredBy)
        .post('/api/cases')
        .send({ caseId, programme, referrer: { organisation: referredBy, reference: `REF ${caseId.slice(0, 6)}` }, ...body }),
    );
    return { caseId, personId: response.body.personId, programme, referredBy, stage: 'referred', closed: false };
  };

  const subject = () => ({ givenName: 'Jordan', familyName: `Hale-${randomUUID().slice(0, 4)}`, dateOfBirth: '1997-03-14' });

  const restorativeJustice = async (stage: RestorativeJusticeStage, referredBy: Organisation = 'police'): Promise<MadeCase> => {
    const rj = 'rj-coordinator';
    const made = await refer(
      'restorative-justice',
      {
        referredOn: dates.rj.referred,
        subject: subject(),
        offence: { type: 'criminal damage', date: dates.rj.offence },
        victim: { givenName: 'Pat', familyName: 'Morgan', contact: '020 8359 0000' },
      },
      referredBy,
    );
    const { caseId } = made;
    const done = { ...made, stage };
    if (stage === 'referred') return done;
    if (stage === 'declined') {
      await step(rj, caseId, 'decline', { declinedOn: dates.rj.accepted, reason: 'The victim did not consent' });
      return done;
    }
    await step(rj, caseId, 'acceptance', { acceptedOn: dates.rj.accepted });
    if (stage === 'accepted') return done;
    await step(rj, caseId, 'panel', { heldOn: dates.rj.panel, facilitatorIds: [await volunteer('victim-support')], victimAttended: true });
    if (stage === 'panel-held') return done;
    if (stage === 'surveyed') {
      await step(rj, caseId, 'victim-survey', { surveyedOn: dates.rj.surveyed, satisfied: true, score: 5 });
      return done;
    }
    if (stage === 'no-agreement') {
      await step(rj, caseId, 'no-agreement', { on: dates.rj.panel, reason: 'No terms could be agreed' });
      return done;
    }
    await step(rj, caseId, 'agreement', { reachedOn: dates.rj.panel, reparation: ['A written apology', 'Repaint the fence'] });
    if (stage === 'agreement-upheld') await step(rj, caseId, 'agreement/upheld', { on: dates.rj.upheld });
    if (stage === 'agreement-breached') await step(rj, caseId, 'agreement/breached', { on: dates.rj.upheld, reason: 'The apology was never written' });
    return done;
  };

  const schedule = async (date: string): Promise<string> => {
    const courseId = randomUUID();
    await ok(app.as('caution-officer').post('/api/courses').send({ courseId, date, venue: 'Hendon, The Burroughs' }));
    return courseId;
  };

  const caution = async (stage: CautionStage, referredBy: Organisation = 'police'): Promise<MadeCase & { courseId?: string }> => {
    const officer = 'caution-officer';
    const offence = { type: 'drunk and disorderly', date: dates.caution.offence };
    const referral = (referredOn: string, offenceDate: string) =>
      refer('conditional-caution', { referredOn, subject: subject(), offence: { ...offence, date: offenceDate } }, referredBy);
    if (stage === 'deadline-passed') return { ...(await referral('2015-05-01', '2015-01-01')), stage };
    if (stage === 'overdue') return { ...(await referral('2015-09-05', '2015-09-01')), stage };
    if (stage === 'deadline-near') return { ...(await referral('2015-10-25', '2015-10-20')), stage };
    const made = { ...(await referral(dates.caution.referred, dates.caution.offence)), stage };
    if (stage === 'referred') return made;
    const { caseId } = made;
    const courseId = await schedule(dates.caution.course);
    await step(officer, caseId, 'booking', { courseId });
    if (stage === 'booking-cancelled') {
      await ok(app.as(officer).delete(`/api/cases/${caseId}/booking`));
      return { ...made, courseId };
    }
    if (stage === 'breached') {
      await step(officer, caseId, 'breach', { on: dates.caution.breached, reason: 'did-not-attend' });
      return { ...made, courseId };
    }
    if (stage === 'booked') return { ...made, courseId };
    await step(officer, caseId, 'fee', { paidOn: dates.caution.paid, amountPence: 4400 });
    if (stage === 'paid') return { ...made, courseId };
    await step(officer, caseId, 'attendance', { courseId, attendedOn: dates.caution.course });
    if (stage === 'attended') return { ...made, courseId };
    await step(officer, caseId, 'course-completion', { completedOn: dates.caution.course });
    return { ...made, courseId };
  };

  /** A coaching case at `stage`, on the risk-identified pathway unless it follows an earlier case of the same person. */
  const coaching = async (stage: CoachingStage, { referredBy = 'council', follows }: { referredBy?: Organisation; follows?: MadeCase } = {}): Promise<MadeCase> => {
    const coordinator = 'coaching-coordinator';
    const eligibility = follows
      ? { basis: follows.programme === 'restorative-justice' ? 'completed-restorative-justice' : 'completed-conditional-caution', linkedCaseId: follows.caseId }
      : { basis: 'risk-identified', indicators: ['Regular truancy', 'Tom & Jerry\'s "school" <b>report</b>'] };
    const made = await refer(
      'community-coaching',
      { referredOn: dates.coaching.referred, subject: follows ? { personId: follows.personId } : subject(), eligibility },
      follows?.referredBy ?? referredBy,
    );
    const { caseId } = made;
    const done = { ...made, stage, follows: follows?.caseId };
    if (stage === 'referred') return done;
    await step(coordinator, caseId, 'coach', { volunteerId: await volunteer('home-start'), assignedOn: dates.coaching.assigned });
    if (stage === 'coach-assigned') return done;
    await step(coordinator, caseId, 'intervention/start', { startedOn: dates.coaching.started });
    await step(coordinator, caseId, 'sessions', { sessionOn: dates.coaching.session, hours: 1.5 });
    if (stage === 'intervention-open') return done;
    if (stage === 'withdrawn') await step(coordinator, caseId, 'intervention/withdrawal', { on: dates.coaching.ended, reason: 'Moved out of the borough' });
    else await step(coordinator, caseId, 'intervention/completion', { completedOn: dates.coaching.ended });
    return done;
  };

  const reoffence = (made: MadeCase): Promise<Response> =>
    ok(app.as('referrer', made.referredBy).post(`/api/cases/${made.caseId}/reoffences`).send({ offenceDate: dates.reoffence, reference: 'CRIS 9/15' }));

  const close = async (made: MadeCase): Promise<MadeCase> => {
    await step(coordinatorOf[made.programme], made.caseId, 'closure', { closedOn: dates.closed, reason: 'Work finished' });
    return { ...made, closed: true };
  };

  return { volunteer, schedule, restorativeJustice, caution, coaching, reoffence, close };
};
