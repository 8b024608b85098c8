import fc from 'fast-check';
import { CaseAlreadyClosed } from '../cases/case.errors';
import { fold } from '../shared/decider';
import { DateInFuture } from '../shared/domain-error';
import { CommunityCoachingEvent, InterventionNotOpen, SessionBeforeStart, SessionHours, communityCoachingDecider, supportHoursOf } from '.';
import { caseId, closed, coachAssigned, interventionCompleted, interventionWithdrawn, logSession, on, open, referred, sessionLogged, spec } from './community-coaching.fixtures';

const quarterHourLengths = Array.from({ length: 32 }, (_, index) => (index + 1) / 4);

describe('community coaching: sessions', () => {
  it.each([0.25, 1, 2.75, 8])('logs a session of %d hours', (hours) =>
    spec
      .given(open)
      .when(logSession(on.firstSession, hours))
      .then([{ type: 'CoachingSessionLogged', data: { caseId, sessionOn: on.firstSession, hours } }]),
  );

  it.each([0, 8.25, 0.3, -0.25, 1.1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a session of %d hours', (hours) =>
    spec.given(open).when(logSession(on.firstSession, hours)).thenThrows(SessionHours, 'session-hours'),
  );

  it('logs a session on the start date and refuses one the day before', () => {
    spec
      .given(open)
      .when(logSession(on.started, 1))
      .then([sessionLogged(on.started, 1)]);
    spec.given(open).when(logSession('2014-03-16', 1)).thenThrows(SessionBeforeStart, 'session-before-start');
  });

  it('logs an earlier session after a later one', () =>
    spec
      .given([...open, sessionLogged(on.secondSession, 1)])
      .when(logSession(on.firstSession, 1))
      .then([sessionLogged(on.firstSession, 1)]));

  it('refuses a session dated after today', () => spec.given(open).when(logSession('2014-12-02', 1)).thenThrows(DateInFuture, 'date-in-future'));

  it('refuses a session outside an open intervention', () => {
    spec.given([referred]).when(logSession(on.firstSession, 1)).thenThrows(InterventionNotOpen, 'intervention-not-open');
    spec.given([referred, coachAssigned]).when(logSession(on.firstSession, 1)).thenThrows(InterventionNotOpen, 'intervention-not-open');
    spec
      .given([...open, interventionCompleted])
      .when(logSession(on.firstSession, 1))
      .thenThrows(InterventionNotOpen, 'intervention-not-open');
    spec
      .given([...open, interventionWithdrawn])
      .when(logSession(on.firstSession, 1))
      .thenThrows(InterventionNotOpen, 'intervention-not-open');
  });

  it('refuses a session on a closed case', () =>
    spec
      .given([...open, closed()])
      .when(logSession(on.firstSession, 1))
      .thenThrows(CaseAlreadyClosed, 'case-closed'));

  it('accepts a length exactly when it is a whole number of quarter hours from 0.25 to 8', () => {
    const lengths = fc.oneof(
      fc.constantFrom(...quarterHourLengths),
      fc.integer({ min: -8, max: 40 }).map((quarters) => quarters / 4),
      fc.double({ min: -2, max: 10, noNaN: true }),
    );
    fc.assert(
      fc.property(lengths, (hours) => {
        let accepted: boolean;
        try {
          communityCoachingDecider.decide(logSession(on.firstSession, hours), fold(communityCoachingDecider, open));
          accepted = true;
        } catch (error) {
          if (!(error instanceof SessionHours)) throw error;
          accepted = false;
        }
        expect(accepted).toBe(quarterHourLengths.includes(hours));
      }),
    );
  });

  it('totals the hours logged exactly, however many quarter hours are added', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...quarterHourLengths), { maxLength: 60 }), (lengths) => {
        let state = fold(communityCoachingDecider, open);
        for (const hours of lengths) {
          state = communityCoachingDecider.decide(logSession(on.secondSession, hours), state).reduce(communityCoachingDecider.evolve, state);
        }
        const quarters = lengths.reduce((sum, hours) => sum + quarterHourLengths.indexOf(hours) + 1, 0);
        expect(state).toMatchObject({ quarterHours: quarters, sessionCount: lengths.length });
        expect(supportHoursOf(state)).toBe(quarters / 4);
      }),
    );
    const quarterHourSessions: CommunityCoachingEvent[] = Array.from({ length: 10 }, () => sessionLogged(on.firstSession, 0.25));
    expect(supportHoursOf(fold(communityCoachingDecider, [...open, ...quarterHourSessions]))).toBe(2.5);
  });
});
