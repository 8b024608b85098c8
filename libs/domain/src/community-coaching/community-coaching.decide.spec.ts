import { CaseAlreadyClosed, ReoffenceBeforeReferral } from '../cases/case.errors';
import { fold } from '../shared/decider';
import { CaseNotFound, DateBeforePreviousStep, DateInFuture, WrongProgramme } from '../shared/domain-error';
import { CoachLeft, CoachNotHomeStart, CoachNotTrained } from '../volunteers/volunteer.errors';
import {
  CoachAlreadyAssigned,
  CoachNotFound,
  CommunityCoachingCommand,
  CommunityCoachingEvent,
  InterventionAlreadyStarted,
  InterventionBeforeCoach,
  InterventionNotOpen,
  coachOf,
  communityCoachingDecider,
  supportHoursOf,
} from '.';
import {
  assignCoach,
  caseId,
  closeCase,
  closed,
  coachAssigned,
  coachId,
  completeIntervention,
  interventionCompleted,
  interventionStarted,
  interventionWithdrawn,
  logSession,
  on,
  open,
  recordReoffence,
  refer,
  referred,
  referredElsewhere,
  sessionLogged,
  spec,
  startIntervention,
  withdrawIntervention,
} from './community-coaching.fixtures';

describe('community coaching', () => {
  it('follows a case from referral to closure, one exact event a step', () => {
    const story: [CommunityCoachingCommand, CommunityCoachingEvent][] = [
      [refer(), referred],
      [assignCoach(), coachAssigned],
      [startIntervention(), interventionStarted],
      [logSession(on.secondSession, 1.5), sessionLogged(on.secondSession, 1.5)],
      [logSession(on.firstSession, 0.75), sessionLogged(on.firstSession, 0.75)],
      [completeIntervention(), interventionCompleted],
      [closeCase(), closed()],
      [recordReoffence('2014-09-01'), { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2014-09-01', reference: 'CRIS 7781' } }],
    ];
    const history: CommunityCoachingEvent[] = [];
    for (const [command, event] of story) {
      spec.given(history).when(command).then([event]);
      history.push(event);
    }
    const state = fold(communityCoachingDecider, history);
    expect(state).toMatchObject({ status: 'completed', closed: true, volunteerId: coachId, startedOn: on.started, completedOn: on.completed });
    expect(supportHoursOf(state)).toBe(2.25);
  });

  describe('assigning a coach', () => {
    it("refuses a case that does not exist, another programme's case and a closed one", () => {
      spec.given([]).when(assignCoach()).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(assignCoach()).thenThrows(WrongProgramme, 'wrong-programme');
      spec
        .given([referred, closed(on.referred)])
        .when(assignCoach())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
    });

    it('refuses a volunteer who does not exist, as missing', () => {
      spec
        .given([referred])
        .when(assignCoach({ coach: { exists: false } }))
        .thenThrows(CoachNotFound, 'coach-not-found');
      expect(new CoachNotFound(coachId).kind).toBe('not-found');
    });

    it('refuses a Victim Support volunteer', () =>
      spec
        .given([referred])
        .when(assignCoach({ coach: { exists: true, organisation: 'victim-support', trainedOn: '2014-01-20' } }))
        .thenThrows(CoachNotHomeStart, 'coach-not-home-start'));

    it('assigns a coach trained on the day and refuses one untrained or trained the day after', () => {
      spec
        .given([referred])
        .when(assignCoach({ coach: { exists: true, organisation: 'home-start', trainedOn: on.assigned } }))
        .then([coachAssigned]);
      spec
        .given([referred])
        .when(assignCoach({ coach: { exists: true, organisation: 'home-start' } }))
        .thenThrows(CoachNotTrained, 'coach-not-trained');
      spec
        .given([referred])
        .when(assignCoach({ coach: { exists: true, organisation: 'home-start', trainedOn: '2014-03-11' } }))
        .thenThrows(CoachNotTrained, 'coach-not-trained');
    });

    it('assigns a coach who left the day after and refuses one who left on the day', () => {
      const leaving = (leftOn: string) => assignCoach({ coach: { exists: true, organisation: 'home-start', trainedOn: '2014-01-20', leftOn } });
      spec.given([referred]).when(leaving('2014-03-11')).then([coachAssigned]);
      spec.given([referred]).when(leaving(on.assigned)).thenThrows(CoachLeft, 'coach-left');
    });

    it('refuses a second coach', () => spec.given([referred, coachAssigned]).when(assignCoach()).thenThrows(CoachAlreadyAssigned, 'coach-already-assigned'));

    it('assigns on the referral date and refuses the day before or after today', () => {
      spec
        .given([referred])
        .when(assignCoach({ assignedOn: on.referred }))
        .then([{ type: 'CoachAssigned', data: { caseId, volunteerId: coachId, assignedOn: on.referred } }]);
      spec
        .given([referred])
        .when(assignCoach({ assignedOn: '2014-03-02' }))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec
        .given([referred])
        .when(assignCoach({ assignedOn: '2014-12-02' }))
        .thenThrows(DateInFuture, 'date-in-future');
    });
  });

  describe('starting the intervention', () => {
    it('refuses a start before a coach is assigned', () => spec.given([referred]).when(startIntervention()).thenThrows(InterventionBeforeCoach, 'intervention-before-coach'));

    it('refuses a second start, also after the intervention ended', () => {
      spec.given(open).when(startIntervention()).thenThrows(InterventionAlreadyStarted, 'intervention-already-started');
      spec
        .given([...open, interventionCompleted])
        .when(startIntervention())
        .thenThrows(InterventionAlreadyStarted, 'intervention-already-started');
    });

    it('starts on the assignment date and refuses the day before or after today', () => {
      spec
        .given([referred, coachAssigned])
        .when(startIntervention(on.assigned))
        .then([{ type: 'InterventionStarted', data: { caseId, startedOn: on.assigned } }]);
      spec.given([referred, coachAssigned]).when(startIntervention('2014-03-09')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec.given([referred, coachAssigned]).when(startIntervention('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
    });

    it('refuses a start on a closed case or one that does not exist', () => {
      spec
        .given([referred, coachAssigned, closed(on.assigned)])
        .when(startIntervention())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
      spec.given([]).when(startIntervention()).thenThrows(CaseNotFound, 'case-not-found');
    });
  });

  describe.each([
    ['completing', completeIntervention, (date: string): CommunityCoachingEvent => ({ type: 'InterventionCompleted', data: { caseId, completedOn: date } })],
    ['withdrawing', withdrawIntervention, (date: string): CommunityCoachingEvent => ({ type: 'InterventionWithdrawn', data: { caseId, on: date, reason: 'moved out of Barnet' } })],
  ])('%s the intervention', (_, end, ended) => {
    it('ends an intervention on its start date when no session was logged, and refuses the day before', () => {
      spec
        .given(open)
        .when(end(on.started))
        .then([ended(on.started)]);
      spec.given(open).when(end('2014-03-16')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('ends it on the latest session date, whatever order sessions were logged in, and refuses the day before', () => {
      const history = [...open, sessionLogged(on.secondSession, 2), sessionLogged(on.firstSession, 1)];
      spec
        .given(history)
        .when(end(on.secondSession))
        .then([ended(on.secondSession)]);
      spec.given(history).when(end('2014-04-06')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses to end an intervention not started or already ended', () => {
      spec.given([referred]).when(end()).thenThrows(InterventionNotOpen, 'intervention-not-open');
      spec.given([referred, coachAssigned]).when(end()).thenThrows(InterventionNotOpen, 'intervention-not-open');
      spec
        .given([...open, interventionCompleted])
        .when(end())
        .thenThrows(InterventionNotOpen, 'intervention-not-open');
      spec
        .given([...open, interventionWithdrawn])
        .when(end())
        .thenThrows(InterventionNotOpen, 'intervention-not-open');
    });

    it('refuses an end dated after today or on a closed case', () => {
      spec.given(open).when(end('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
      spec
        .given([...open, closed()])
        .when(end())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
    });
  });

  describe('reoffences and closure', () => {
    it('records a reoffence on a closed case, dated on or after the referral', () => {
      spec
        .given([...open, interventionCompleted, closed()])
        .when(recordReoffence(on.referred))
        .then([{ type: 'ReoffenceRecorded', data: { caseId, offenceDate: on.referred, reference: 'CRIS 7781' } }]);
      spec
        .given([...open, closed()])
        .when(recordReoffence('2014-03-02'))
        .thenThrows(ReoffenceBeforeReferral, 'reoffence-before-referral');
    });

    it('refuses a reoffence on a case that does not exist or belongs to another programme', () => {
      spec.given([]).when(recordReoffence('2014-09-01')).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(recordReoffence('2014-09-01')).thenThrows(WrongProgramme, 'wrong-programme');
    });

    it('closes a case mid-intervention no earlier than its latest session', () => {
      const history = [...open, sessionLogged(on.secondSession, 2)];
      spec
        .given(history)
        .when(closeCase(on.secondSession))
        .then([closed(on.secondSession)]);
      spec.given(history).when(closeCase('2014-04-06')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses to close a case twice or one that does not exist', () => {
      spec
        .given([referred, closed(on.referred)])
        .when(closeCase())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
      spec.given([]).when(closeCase()).thenThrows(CaseNotFound, 'case-not-found');
    });
  });

  it('names the coach to release once one is assigned', () => {
    const stateOf = (events: CommunityCoachingEvent[]) => fold(communityCoachingDecider, events);
    expect(coachOf(stateOf([]))).toBeUndefined();
    expect(coachOf(stateOf([referred]))).toBeUndefined();
    expect(coachOf(stateOf([referred, coachAssigned]))).toBe(coachId);
    expect(coachOf(stateOf([...open, interventionWithdrawn, closed()]))).toBe(coachId);
  });

  it('ignores an event out of order for the status', () => {
    expect(fold(communityCoachingDecider, [referred, interventionStarted])).toMatchObject({ status: 'referred', lastStepOn: on.referred });
    expect(fold(communityCoachingDecider, [coachAssigned])).toEqual({ status: 'none' });
  });
});
