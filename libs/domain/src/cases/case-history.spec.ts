import fc from 'fast-check';
import * as coaching from '../community-coaching/community-coaching.fixtures';
import { communityCoachingStepProbes } from '../community-coaching/community-coaching.steps';
import * as caution from '../conditional-caution/conditional-caution.fixtures';
import { conditionalCautionStepProbes } from '../conditional-caution/conditional-caution.steps';
import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { restorativeJusticeStepProbes } from '../restorative-justice/restorative-justice.steps';
import { addDays, CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { allowedSteps } from './allowed-steps';
import { CaseReferred } from './case.events';
import { corrections, programmeStateOf, referredCase } from './case-corrections.fixtures';
import { caseDecider, ReferredCaseState } from './case-decider';
import { latestStandingStep } from './case-entries';
import { caseEntriesOf, mayReopen, standingEntries, strikeableRevisions, struckOutRevisions } from './case-history';
import { CaseCommand, CaseEvent } from './case-programmes';

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

/*
 * Random histories, each written by the rules themselves: from the referral, every move is one
 * the case's decider accepts that day (a step its page offers, a strike it allows, a reopening),
 * with the days running on between moves.
 */
const referrals: { referral: CaseReferred; caseId: string }[] = [
  { referral: rj.referred as CaseReferred, caseId: rj.caseId },
  { referral: caution.referred() as CaseReferred, caseId: caution.caseId },
  { referral: coaching.referred as CaseReferred, caseId: coaching.caseId },
];

const stepCommands = (state: ReferredCaseState, today: CalendarDate): CaseCommand[] => {
  switch (state.programme) {
    case 'restorative-justice':
      return allowedSteps(state, today).map((step) => restorativeJusticeStepProbes[step](state.state, today));
    case 'conditional-caution':
      return allowedSteps(state, today).map((step) => conditionalCautionStepProbes[step](state.state, today));
    case 'community-coaching':
      return allowedSteps(state, today).map((step) => communityCoachingStepProbes[step](state.state, today));
  }
};

/** The moves open to the case that day, by kind: its own steps, closing or a reoffence, strikes, a reopening. */
const moves = (state: ReferredCaseState, today: CalendarDate): CaseCommand[][] => {
  const { strikeOut, reopen } = corrections(state.referral.caseId, today);
  const steps = stepCommands(state, today);
  const shared = (command: CaseCommand) => command.type === 'CloseCase' || command.type === 'RecordReoffence';
  return [
    steps.filter((command) => !shared(command)),
    steps.filter(shared),
    strikeableRevisions(state).map((revision) => strikeOut(revision)),
    mayReopen(state, today) ? [reopen(today)] : [],
  ];
};

/* Mostly the programme's own steps, so that histories run deep; closing, reoffending, striking and reopening now and then. */
const kindsOfMove = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3];

const walks = fc.array(fc.record({ days: fc.integer({ min: 0, max: 20 }), kind: fc.constantFrom(...kindsOfMove), pick: fc.nat() }), { minLength: 3, maxLength: 24 });

const historyOf = (referral: CaseReferred, walk: { days: number; kind: number; pick: number }[]): { events: CaseEvent[]; today: CalendarDate } => {
  let events: CaseEvent[] = [referral];
  let today = referral.data.referredOn;
  for (const { days, kind, pick } of walk) {
    today = addDays(today, days);
    const state = referredCase(events);
    const byKind = moves(state, today);
    // Reoffences are always open, so some kind of move always is.
    const open = byKind.filter((options) => options.length > 0);
    const options = byKind[kind].length > 0 ? byKind[kind] : open[pick % open.length];
    events = [...events, ...caseDecider.decide(options[pick % options.length], state)];
  }
  return { events, today };
};

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
      fc.property(fc.constantFrom(...referrals), walks, ({ referral }, walk) => {
        const { events, today } = historyOf(referral, walk);
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
      fc.property(fc.constantFrom(...referrals), walks, fc.nat(), ({ referral }, walk, pick) => {
        const { events, today } = historyOf(referral, walk);
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
