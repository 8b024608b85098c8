import * as coaching from '../community-coaching/community-coaching.fixtures';
import { ReferredCommunityCoachingCase, supportHoursOf } from '../community-coaching/community-coaching.state';
import * as caution from '../conditional-caution/conditional-caution.fixtures';
import * as iom from '../iom/iom.fixtures';
import { fold } from '../shared/decider';
import { allowedSteps } from './allowed-steps';
import { StrikeDependentEntriesFirst, StrikeLatestStepFirst } from './case.errors';
import { corrections, programmeStateOf, spec } from './case-corrections.fixtures';
import { caseDecider, caseFactsOf } from './case-decider';

describe('correcting a conditional-caution case', () => {
  const { strikeOut, struckOut, reopen, reopened } = corrections(caution.caseId, caution.today);

  it('strikes a fee payment recorded in error, then the booking before it', () => {
    const paid = [caution.referred(), caution.booked(), caution.feePaid()];
    spec.given(paid).when(strikeOut(1)).thenThrows(StrikeLatestStepFirst, 'strike-latest-step-first');
    spec
      .given(paid)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    spec
      .given([...paid, struckOut(2)])
      .when(strikeOut(1))
      .then([struckOut(1)]);
    expect(programmeStateOf([...paid, struckOut(2), struckOut(1)])).toEqual(programmeStateOf([caution.referred()]));
  });

  it('strikes an attendance, which may then be recorded again', () => {
    const attended = [caution.referred(), caution.feePaid(), caution.booked(), caution.attended()];
    spec
      .given(attended)
      .when(strikeOut(3))
      .then([struckOut(3)]);
    spec
      .given([...attended, struckOut(3)])
      .when(caution.recordAttendance())
      .then([caution.attended()]);
  });

  it('strikes a breach, and the caution is under way again as before it', () => {
    const breached = [caution.referred(), caution.booked(), caution.breached()];
    spec
      .given(breached)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    expect(programmeStateOf([...breached, struckOut(2)])).toEqual(programmeStateOf([caution.referred(), caution.booked()]));
    expect(allowedSteps(fold(caseDecider, [...breached, struckOut(2)]), caution.today)).toEqual(
      allowedSteps(fold(caseDecider, [caution.referred(), caution.booked()]), caution.today),
    );
  });

  it('strikes a completion, leaving the course attended', () => {
    const completed = [caution.referred(), caution.feePaid(), caution.booked(), caution.attended(), caution.completed()];
    spec
      .given(completed)
      .when(strikeOut(4))
      .then([struckOut(4)]);
    expect(caseFactsOf(fold(caseDecider, [...completed, struckOut(4)]))?.status).toBe('attended');
  });

  it('strikes a cancellation, which stands the booking again', () => {
    const cancelled = [caution.referred(), caution.booked(), caution.bookingCancelled()];
    spec
      .given(cancelled)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    expect(programmeStateOf([...cancelled, struckOut(2)])).toEqual(programmeStateOf([caution.referred(), caution.booked()]));
  });

  it('strikes a reoffence in any order', () =>
    spec
      .given([caution.referred(), caution.booked(), caution.reoffended(), caution.attended()])
      .when(strikeOut(2))
      .then([struckOut(2)]));

  it('strikes a closure, or reopens the closed case where it stood', () => {
    const closed = [caution.referred(), caution.booked(), caution.closed()];
    spec
      .given(closed)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    spec
      .given(closed)
      .when(reopen('2014-06-10'))
      .then([reopened('2014-06-10')]);
    expect(caseFactsOf(fold(caseDecider, [...closed, reopened('2014-06-10')]))).toMatchObject({ status: 'booked', closed: false, lastStepOn: '2014-06-10' });
  });
});

describe('correcting a community-coaching case', () => {
  const { strikeOut, struckOut, reopen, reopened } = corrections(coaching.caseId, coaching.today);
  const thirdSession = '2014-04-14';
  const sessions = [
    ...coaching.open,
    coaching.sessionLogged(coaching.on.firstSession, 1.5),
    coaching.sessionLogged(coaching.on.secondSession, 2),
    coaching.sessionLogged(thirdSession, 1),
  ];

  it('strikes a session out of order, and its hours no longer count', () => {
    spec
      .given(sessions)
      .when(strikeOut(3))
      .then([struckOut(3)]);
    const struck = programmeStateOf([...sessions, struckOut(3)]);
    expect(supportHoursOf(struck as ReferredCommunityCoachingCase)).toBe(3);
    expect(struck).toEqual(programmeStateOf([...coaching.open, sessions[4], sessions[5]]));
  });

  it('strikes a session after the intervention has ended', () =>
    spec
      .given([...sessions, coaching.interventionCompleted])
      .when(strikeOut(4))
      .then([struckOut(4)]));

  it('refuses to strike the start while sessions logged on it stand, naming them', () => {
    spec.given(sessions).when(strikeOut(2)).thenThrows(StrikeDependentEntriesFirst, 'strike-dependent-entries-first');
    expect(() => caseDecider.decide(strikeOut(2), fold(caseDecider, sessions))).toThrow('revisions 3, 4, 5');
    spec
      .given([...sessions, struckOut(3), struckOut(4), struckOut(5)])
      .when(strikeOut(2))
      .then([struckOut(2)]);
  });

  it('strikes the start and then the coach, back to the referral', () => {
    const struck = [...coaching.open, struckOut(2), struckOut(1)];
    spec
      .given([...coaching.open, struckOut(2)])
      .when(strikeOut(1))
      .then([struckOut(1)]);
    expect(programmeStateOf(struck)).toEqual(programmeStateOf([coaching.referred]));
    expect(allowedSteps(fold(caseDecider, struck), coaching.today)).toEqual(['coach', 'close', 'reoffence']);
  });

  it('strikes a completion, leaving the intervention open for more sessions', () => {
    const completed = [...sessions, coaching.interventionCompleted];
    spec
      .given(completed)
      .when(strikeOut(6))
      .then([struckOut(6)]);
    spec
      .given([...completed, struckOut(6)])
      .when(coaching.logSession('2014-06-01', 1))
      .then([coaching.sessionLogged('2014-06-01', 1)]);
  });

  it('strikes a withdrawal, or a session before it while the withdrawal stands', () => {
    const withdrawn = [...sessions, coaching.interventionWithdrawn];
    spec
      .given(withdrawn)
      .when(strikeOut(6))
      .then([struckOut(6)]);
    spec
      .given(withdrawn)
      .when(strikeOut(5))
      .then([struckOut(5)]);
  });

  it('strikes a closure, or reopens the closed case', () => {
    const closed = [...coaching.open, coaching.interventionCompleted, coaching.closed()];
    spec
      .given(closed)
      .when(strikeOut(4))
      .then([struckOut(4)]);
    spec
      .given(closed)
      .when(reopen('2014-07-01'))
      .then([reopened('2014-07-01')]);
    expect(caseFactsOf(fold(caseDecider, [...closed, reopened('2014-07-01')]))).toMatchObject({ status: 'completed', closed: false });
  });
});

describe('correcting an IOM case', () => {
  const { strikeOut, struckOut } = corrections(iom.caseId, iom.today);

  it('strikes convictions and arrests in any order, and they no longer count', () => {
    const recorded = [iom.referred, iom.adopted, iom.convicted(iom.on.baselineOffence, iom.on.baselineConviction), iom.arrested(), iom.convicted()];
    spec
      .given(recorded)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    spec
      .given([...recorded, struckOut(2)])
      .when(strikeOut(3))
      .then([struckOut(3)]);
    const state = programmeStateOf([...recorded, struckOut(2), struckOut(3)]);
    expect(state).toMatchObject({ status: 'cohort-member', convictions: [{ offenceDate: iom.on.offence, convictedOn: iom.on.convicted }], arrests: [] });
  });

  it('strikes the lifecycle latest first: the leaving before the adoption, though convictions were recorded after both', () => {
    const left = [iom.referred, iom.adopted, iom.left(), iom.convicted()];
    spec.given(left).when(strikeOut(1)).thenThrows(StrikeLatestStepFirst, 'strike-latest-step-first');
    spec
      .given(left)
      .when(strikeOut(2))
      .then([struckOut(2)]);
    spec
      .given([...left, struckOut(2)])
      .when(strikeOut(1))
      .then([struckOut(1)]);
    // With the adoption struck, the person may be assigned to the comparison group instead.
    spec
      .given([...left, struckOut(2), struckOut(1)])
      .when(iom.assignComparison())
      .then([iom.assigned]);
  });
});
