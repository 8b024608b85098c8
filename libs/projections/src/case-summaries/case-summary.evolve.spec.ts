import {
  CaseReferred,
  CommunityCoachingEvent,
  ConditionalCautionEvent,
  IomEvent,
  Programme,
  RestorativeJusticeEvent,
  communityCoachingDecider,
  conditionalCautionDecider,
  iomDecider,
  restorativeJusticeDecider,
} from '@safer-cases/domain';
import fc from 'fast-check';
import { recorded, recordedAt } from '../testing/recorded';
import { CaseSummaryEvent, evolveCaseSummary } from './case-summary.evolve';
import { CaseSummaryRow } from './case-summary.row';

const caseId = '6f1d0c1e-0000-4000-8000-000000000001';
const personId = '6f1d0c1e-0000-4000-8000-000000000002';
const volunteerId = '6f1d0c1e-0000-4000-8000-000000000003';
const courseId = '6f1d0c1e-0000-4000-8000-000000000004';
const otherCourseId = '6f1d0c1e-0000-4000-8000-000000000005';

/** The events folded in order, at positions 1, 2, 3…, as the row engine folds them. */
const summarise = (events: readonly CaseSummaryEvent[]): CaseSummaryRow | undefined =>
  events.reduce<CaseSummaryRow | undefined>((row, event, index) => evolveCaseSummary(row, recorded(event, index + 1)), undefined);

const referred = (programme: Programme, referredOn = '2015-01-20'): CaseReferred => ({
  type: 'CaseReferred',
  data: {
    caseId,
    programme,
    referredOn,
    referrer: { organisation: 'police' },
    personId,
    ...(programme === 'community-coaching' ? { eligibility: { basis: 'risk-identified', indicators: ['truancy'] } } : { offence: { type: 'theft', date: '2015-01-10' } }),
  },
});

/** What the summary must agree on with each decider's state, after every event. */
const rjView = (events: readonly RestorativeJusticeEvent[]) => {
  const state = events.reduce(restorativeJusticeDecider.evolve, restorativeJusticeDecider.initialState());
  if (state.status === 'none') return undefined;
  return {
    status: state.status,
    closed: state.closed,
    accepted_on: 'acceptedOn' in state ? state.acceptedOn : null,
    panel_held_on: 'heldOn' in state ? state.heldOn : null,
    agreement_reached_on: 'reachedOn' in state ? state.reachedOn : null,
    surveyed_on: 'surveyedOn' in state && state.surveyedOn !== undefined ? state.surveyedOn : null,
  };
};

const cautionView = (events: readonly ConditionalCautionEvent[]) => {
  const state = events.reduce(conditionalCautionDecider.evolve, conditionalCautionDecider.initialState());
  if (state.status === 'none') return undefined;
  return {
    status: state.status,
    closed: state.closed,
    deadline: state.deadline,
    course_id: 'booking' in state && state.booking ? state.booking.courseId : null,
    course_date: 'booking' in state && state.booking ? state.booking.courseDate : null,
    fee_paid_on: state.feePaidOn ?? null,
    attended_on: 'attendedOn' in state && state.attendedOn !== undefined ? state.attendedOn : null,
    completed_on: 'completedOn' in state ? state.completedOn : null,
  };
};

const coachingView = (events: readonly CommunityCoachingEvent[]) => {
  const state = events.reduce(communityCoachingDecider.evolve, communityCoachingDecider.initialState());
  if (state.status === 'none') return undefined;
  return {
    status: state.status,
    closed: state.closed,
    volunteer_id: 'volunteerId' in state ? state.volunteerId : null,
    started_on: 'startedOn' in state ? state.startedOn : null,
    quarter_hours: 'quarterHours' in state ? state.quarterHours : null,
    session_count: 'sessionCount' in state ? state.sessionCount : null,
    latest_session_on: 'latestSessionOn' in state && state.latestSessionOn !== undefined ? state.latestSessionOn : null,
    completed_on: 'completedOn' in state ? state.completedOn : null,
    withdrawn_on: 'withdrawnOn' in state ? state.withdrawnOn : null,
  };
};

const iomView = (events: readonly IomEvent[]) => {
  const state = events.reduce(iomDecider.evolve, iomDecider.initialState());
  if (state.status === 'none') return undefined;
  return { status: state.status, closed: state.closed };
};

const summaryAs = <View extends object>(view: View | undefined, events: readonly CaseSummaryEvent[]) => {
  const row = summarise(events);
  if (view === undefined || row === undefined) return row;
  return Object.fromEntries(Object.keys(view).map((key) => [key, row[key as keyof CaseSummaryRow]]));
};

/** After every prefix of `events`, the summary and the decider's state agree. */
const expectAgreement = <E extends CaseSummaryEvent>(events: readonly E[], viewOf: (events: readonly E[]) => object | undefined): void => {
  for (let length = 0; length <= events.length; length += 1) {
    const prefix = events.slice(0, length);
    expect({ length, summary: summaryAs(viewOf(prefix), prefix) }).toEqual({ length, summary: viewOf(prefix) });
  }
};

const statusesAlong = (events: readonly CaseSummaryEvent[]): string[] => events.map((_, index) => summarise(events.slice(0, index + 1))?.status ?? 'none');

const rj = {
  accepted: { type: 'ReferralAccepted', data: { caseId, acceptedOn: '2015-01-22' } },
  declined: { type: 'ReferralDeclined', data: { caseId, declinedOn: '2015-01-22', reason: 'no consent' } },
  panel: { type: 'PanelHeld', data: { caseId, heldOn: '2015-02-02', facilitatorIds: [volunteerId], victimAttended: true } },
  agreement: { type: 'OutcomeAgreementReached', data: { caseId, reachedOn: '2015-02-02', reparation: ['apology'] } },
  noAgreement: { type: 'NoAgreementReached', data: { caseId, on: '2015-02-02', reason: 'walked out' } },
  upheld: { type: 'OutcomeAgreementUpheld', data: { caseId, on: '2015-03-02' } },
  breached: { type: 'OutcomeAgreementBreached', data: { caseId, on: '2015-03-02', reason: 'no apology' } },
  survey: { type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: '2015-02-09', satisfied: true, score: 4 } },
  laterSurvey: { type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: '2015-02-16', satisfied: false } },
  reoffence: { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2015-05-01' } },
  closed: { type: 'CaseClosed', data: { caseId, closedOn: '2015-04-01' } },
} satisfies Record<string, RestorativeJusticeEvent>;

const cc = {
  booked: { type: 'CourseBooked', data: { caseId, courseId, courseDate: '2015-03-05' } },
  rebooked: { type: 'CourseBooked', data: { caseId, courseId: otherCourseId, courseDate: '2015-04-02' } },
  cancelled: { type: 'BookingCancelled', data: { caseId, courseId } },
  paid: { type: 'FeePaid', data: { caseId, paidOn: '2015-02-01', amountPence: 4400 } },
  paidAgain: { type: 'FeePaid', data: { caseId, paidOn: '2015-02-15', amountPence: 4400 } },
  attended: { type: 'CourseAttended', data: { caseId, courseId, attendedOn: '2015-03-05' } },
  completed: { type: 'CourseCompleted', data: { caseId, completedOn: '2015-03-06' } },
  breached: { type: 'ConditionBreached', data: { caseId, on: '2015-03-05', reason: 'did-not-attend' } },
  reoffence: { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2015-05-01' } },
  closed: { type: 'CaseClosed', data: { caseId, closedOn: '2015-04-01' } },
} satisfies Record<string, ConditionalCautionEvent>;

const coach = {
  assigned: { type: 'CoachAssigned', data: { caseId, volunteerId, assignedOn: '2015-02-09' } },
  started: { type: 'InterventionStarted', data: { caseId, startedOn: '2015-02-16' } },
  session: { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2015-02-20', hours: 1.5 } },
  longSession: { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2015-03-20', hours: 8 } },
  completed: { type: 'InterventionCompleted', data: { caseId, completedOn: '2015-04-20' } },
  withdrawn: { type: 'InterventionWithdrawn', data: { caseId, on: '2015-04-20', reason: 'moved away' } },
  reoffence: { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2015-05-01' } },
  closed: { type: 'CaseClosed', data: { caseId, closedOn: '2015-04-01' } },
} satisfies Record<string, CommunityCoachingEvent>;

describe('case summary status', () => {
  describe('restorative justice', () => {
    const paths: Record<string, RestorativeJusticeEvent[]> = {
      'agreement upheld': [referred('restorative-justice'), rj.accepted, rj.panel, rj.survey, rj.agreement, rj.upheld, rj.reoffence, rj.closed],
      'agreement breached': [referred('restorative-justice'), rj.accepted, rj.panel, rj.agreement, rj.breached, rj.closed],
      'no agreement': [referred('restorative-justice'), rj.accepted, rj.panel, rj.noAgreement, rj.survey, rj.laterSurvey, rj.closed],
      declined: [referred('restorative-justice'), rj.declined, rj.panel, rj.closed, rj.reoffence],
    };
    it.each(Object.entries(paths))('agrees with the decider along the path: %s', (_, events) => expectAgreement(events, rjView));

    it('moves through the panel to an upheld agreement', () => {
      expect(statusesAlong(paths['agreement upheld'])).toEqual([
        'referred',
        'accepted',
        'panel-held',
        'panel-held',
        'agreement-reached',
        'agreement-upheld',
        'agreement-upheld',
        'agreement-upheld',
      ]);
    });

    it('is stamped with the last event it took in, whether or not the event moved it', () => {
      const row = summarise([referred('restorative-justice'), rj.accepted, rj.upheld]);
      expect({ status: row?.status, position: row?.last_event_position, at: row?.updated_at }).toEqual({ status: 'accepted', position: '3', at: recordedAt });
    });

    it('keeps the first survey only', () => {
      expect(summarise(paths['no agreement'])?.surveyed_on).toBe('2015-02-09');
    });
  });

  describe('conditional caution', () => {
    const paths: Record<string, ConditionalCautionEvent[]> = {
      completed: [referred('conditional-caution'), cc.paid, cc.booked, cc.attended, cc.completed, cc.reoffence, cc.closed],
      'cancelled and booked again': [referred('conditional-caution'), cc.booked, cc.cancelled, cc.rebooked, cc.paid, cc.paidAgain],
      'breached before attending': [referred('conditional-caution'), cc.booked, cc.breached, cc.attended, cc.completed, cc.closed],
      'breached unbooked': [referred('conditional-caution'), cc.breached, cc.booked, cc.paid],
    };
    it.each(Object.entries(paths))('agrees with the decider along the path: %s', (_, events) => expectAgreement(events, cautionView));

    it('sets the deadline 84 days after the offence', () => {
      expect(summarise([referred('conditional-caution')])?.deadline).toBe('2015-04-04');
    });

    it('clears a cancelled booking and keeps the later one', () => {
      const row = summarise(paths['cancelled and booked again']);
      expect({ status: row?.status, course: row?.course_id, date: row?.course_date }).toEqual({ status: 'booked', course: otherCourseId, date: '2015-04-02' });
    });

    it('counts reoffences, even on a closed case', () => {
      expect(summarise([referred('conditional-caution'), cc.closed, cc.reoffence, cc.reoffence])?.reoffence_count).toBe(2);
    });

    it('is open again, with no closure date, once reopened, and keeps its status', () => {
      const reopening = { type: 'CaseReopened', data: { caseId, on: '2015-04-08', reason: 'further work agreed' } } as const;
      const row = summarise([referred('conditional-caution'), cc.booked, cc.closed, reopening]);
      expect({ status: row?.status, closed: row?.closed, closedOn: row?.closed_on, position: row?.last_event_position }).toEqual({
        status: 'booked',
        closed: false,
        closedOn: null,
        position: '4',
      });
      expect(summarise([referred('conditional-caution'), cc.closed, reopening, cc.closed])).toMatchObject({ closed: true, closed_on: '2015-04-01' });
    });
  });

  describe('community coaching', () => {
    const paths: Record<string, CommunityCoachingEvent[]> = {
      completed: [referred('community-coaching'), coach.assigned, coach.started, coach.session, coach.longSession, coach.completed, coach.session, coach.closed],
      withdrawn: [referred('community-coaching'), coach.assigned, coach.started, coach.session, coach.withdrawn, coach.reoffence],
      'sessions before the start': [referred('community-coaching'), coach.assigned, coach.session, coach.started, coach.session],
    };
    it.each(Object.entries(paths))('agrees with the decider along the path: %s', (_, events) => expectAgreement(events, coachingView));

    it('totals the hours of the sessions logged while the intervention was open', () => {
      const row = summarise(paths.completed);
      expect({ status: row?.status, hours: row?.quarter_hours, sessions: row?.session_count }).toEqual({ status: 'completed', hours: 38, sessions: 2 });
    });

    it('keeps the latest session’s date, whatever order the sessions were logged in', () => {
      const opened = [referred('community-coaching'), coach.assigned, coach.started];
      expect(summarise(opened)?.latest_session_on).toBeNull();
      expect(summarise([...opened, coach.longSession, coach.session])?.latest_session_on).toBe('2015-03-20');
      expect(summarise([...opened, coach.session, coach.longSession])?.latest_session_on).toBe('2015-03-20');
    });
  });

  describe('IOM', () => {
    const iomReferral: CaseReferred = { type: 'CaseReferred', data: { caseId, programme: 'iom', referredOn: '2015-01-20', referrer: { organisation: 'probation' }, personId } };
    const iom = {
      adopted: { type: 'CohortMemberAdopted', data: { caseId, adoptedOn: '2015-01-26' } },
      assigned: { type: 'ComparisonMemberAssigned', data: { caseId, assignedOn: '2015-01-26' } },
      left: { type: 'CohortMemberLeft', data: { caseId, leftOn: '2015-06-01', reason: 'custody' } },
      convicted: { type: 'ConvictionRecorded', data: { caseId, offenceDate: '2014-05-02', convictedOn: '2014-06-30' } },
      arrested: { type: 'ArrestRecorded', data: { caseId, arrestedOn: '2015-03-03' } },
      closed: { type: 'CaseClosed', data: { caseId, closedOn: '2015-06-10' } },
    } satisfies Record<string, IomEvent>;
    const paths: Record<string, IomEvent[]> = {
      'adopted and left': [iomReferral, iom.convicted, iom.adopted, iom.arrested, iom.assigned, iom.left, iom.convicted, iom.closed],
      'comparison member': [iomReferral, iom.assigned, iom.adopted, iom.arrested, iom.left, iom.left],
    };
    it.each(Object.entries(paths))('agrees with the decider along the path: %s', (_, events) => expectAgreement(events, iomView));

    it('moves from the referral into one group and out of it, convictions and arrests leaving the status as it is', () => {
      expect(statusesAlong(paths['adopted and left'])).toEqual(['referred', 'referred', 'cohort-member', 'cohort-member', 'cohort-member', 'left', 'left', 'left']);
      expect(statusesAlong(paths['comparison member'])).toEqual(['referred', 'comparison-member', 'comparison-member', 'comparison-member', 'left', 'left']);
    });
  });

  describe('for any order of events after the referral', () => {
    const date = fc.constantFrom('2015-01-20', '2015-02-01', '2015-03-01');
    /** A referral, then any of the programme's events in any order and number, a second referral among them. */
    const sequences = <E extends CaseSummaryEvent>(steps: fc.Arbitrary<E>, programme: Programme): fc.Arbitrary<E[]> => {
      const again = date.map((on) => referred(programme, on) as E);
      return fc
        .tuple(date, fc.array(fc.oneof({ arbitrary: steps, weight: 5 }, { arbitrary: again, weight: 1 }), { maxLength: 12 }))
        .map(([on, rest]) => [referred(programme, on) as E, ...rest]);
    };

    it('restorative justice: the summary agrees with the decider after every event', () => {
      fc.assert(fc.property(sequences(fc.constantFrom<RestorativeJusticeEvent>(...Object.values(rj)), 'restorative-justice'), (events) => expectAgreement(events, rjView)));
    });

    it('conditional caution: the summary agrees with the decider after every event', () => {
      fc.assert(fc.property(sequences(fc.constantFrom<ConditionalCautionEvent>(...Object.values(cc)), 'conditional-caution'), (events) => expectAgreement(events, cautionView)));
    });

    it('community coaching: the summary agrees with the decider after every event', () => {
      const session = fc
        .integer({ min: 1, max: 32 })
        .map((quarters): CommunityCoachingEvent => ({ type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2015-03-01', hours: quarters / 4 } }));
      const steps = fc.oneof(fc.constantFrom<CommunityCoachingEvent>(...Object.values(coach)), session);
      fc.assert(fc.property(sequences(steps, 'community-coaching'), (events) => expectAgreement(events, coachingView)));
    });

    it('ignores every step before the referral', () => {
      expect(summarise([rj.accepted, cc.paid, coach.assigned, rj.closed])).toBeUndefined();
    });
  });
});
