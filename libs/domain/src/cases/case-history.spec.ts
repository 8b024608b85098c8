import fc from 'fast-check';
import * as coaching from '../community-coaching/community-coaching.fixtures';
import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { addDays, CalendarDate } from '../shared/calendar-date';
import { walkHistory, walkReferrals, walksOf } from '../testing/case-walks';
import { fold } from '../shared/decider';
import { allowedSteps } from './allowed-steps';
import { corrections, programmeStateOf, referredCase } from './case-corrections.fixtures';
import { caseDecider } from './case-decider';
import { latestStandingStep } from './case-entries';
import { caseEntriesOf, mayReopen, standingEntries, strikeableRevisions, struckOutRevisions } from './case-history';
import { CaseEvent } from './case-programmes';

const rjCase = corrections(rj.caseId, rj.today);
const reoffence: CaseEvent = { type: 'ReoffenceRecorded', data: { caseId: rj.caseId, offenceDate: rj.on.panel } };

describe('a case’s history and its corrections', () => {
  it('has no entries before a referral, and nothing to strike or reopen', () => {
    expect(caseEntriesOf(caseDecider.initialState())).toEqual([]);
    expect(strikeableRevisions(caseDecider.initialState())).toEqual([]);
    expect(mayReopen(caseDecider.initialState(), rj.today)).toBe(false);
  });

  it('offers the latest standing step and every standing fact to be struck', () => {
    expect(strikeableRevisions(fold(caseDecider, [rj.referred, rj.accepted, reoffence, rj.panelHeld]))).toEqual([2, 3]);
    expect(strikeableRevisions(fold(caseDecider, [rj.referred, rj.accepted, reoffence, rj.panelHeld, rjCase.struckOut(3)]))).toEqual([1, 2]);
  });

  it('offers no step behind a reopening', () => expect(strikeableRevisions(fold(caseDecider, [rj.referred, rj.closed, rjCase.reopened(rj.on.closed), reoffence]))).toEqual([3]));

  it('offers no intervention start while sessions logged on it stand', () => {
    const sessions = [...coaching.open, coaching.sessionLogged(coaching.on.firstSession, 1), coaching.sessionLogged(coaching.on.secondSession, 1)];
    expect(strikeableRevisions(fold(caseDecider, sessions))).toEqual([3, 4]);
    expect(strikeableRevisions(fold(caseDecider, [...sessions, coaching.interventionCompleted]))).toEqual([3, 4, 5]);
  });

  it('shows which entries are struck and which stand', () => {
    const state = fold(caseDecider, [rj.referred, rj.accepted, rj.panelHeld, rjCase.struckOut(2), reoffence, rjCase.struckOut(4)]);
    expect(struckOutRevisions(state)).toEqual([2, 4]);
    expect(standingEntries(state).map((entry) => entry.revision)).toEqual([0, 1, 3, 5]);
  });

  it('offers a reopening on a closed case from the closure’s day', () => {
    const closed = fold(caseDecider, [rj.referred, rj.closed]);
    expect(mayReopen(closed, rj.on.closed)).toBe(true);
    expect(mayReopen(closed, addDays(rj.on.closed, -1))).toBe(false);
    expect(mayReopen(fold(caseDecider, [rj.referred]), rj.today)).toBe(false);
  });
});

/* Mostly the programme's own steps, so that histories run deep; closing, reoffending, striking and reopening now and then. */
const walks = walksOf([0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3]);

/** The history as if the event at `revision` had never been recorded: later strikes name the revisions their entries then had. */
const neverRecorded = (events: readonly CaseEvent[], revision: number): CaseEvent[] =>
  events
    .filter((_, index) => index !== revision)
    .map((event) => (event.type === 'EntryStruckOut' && event.data.revision > revision ? { ...event, data: { ...event.data, revision: event.data.revision - 1 } } : event));

const struckAndNever = (events: CaseEvent[], revision: number, today: CalendarDate) => {
  const struck = [...events, ...caseDecider.decide(corrections(referredCase(events).referral.caseId, today).strikeOut(revision), referredCase(events))];
  return { struck, never: neverRecorded(events, revision) };
};

describe('striking out, for any history the rules allow', () => {
  it('gives, for the latest lifecycle step, the state of a case that never recorded it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...walkReferrals), walks, (referral, walk) => {
        const { events, today } = walkHistory(referral, walk);
        const latest = latestStandingStep(referredCase(events).entries);
        fc.pre(latest !== undefined && strikeableRevisions(referredCase(events)).includes(latest.revision));
        const { struck, never } = struckAndNever(events, latest?.revision ?? 0, today);
        expect(programmeStateOf(struck)).toEqual(programmeStateOf(never));
        expect(allowedSteps(fold(caseDecider, struck), today)).toEqual(allowedSteps(fold(caseDecider, never), today));
      }),
      { numRuns: 150 },
    );
  });

  it('gives, for any entry the rules let be struck, the state of a case that never recorded it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...walkReferrals), walks, fc.nat(), (referral, walk, pick) => {
        const { events, today } = walkHistory(referral, walk);
        const strikeable = strikeableRevisions(referredCase(events));
        fc.pre(strikeable.length > 0);
        const { struck, never } = struckAndNever(events, strikeable[pick % strikeable.length], today);
        expect(programmeStateOf(struck)).toEqual(programmeStateOf(never));
        expect(allowedSteps(fold(caseDecider, struck), today)).toEqual(allowedSteps(fold(caseDecider, never), today));
      }),
      { numRuns: 150 },
    );
  });
});
