import fc from 'fast-check';
import { allowedSteps } from '../cases/allowed-steps';
import { corrections, referredCase } from '../cases/case-corrections.fixtures';
import { caseDecider, ReferredCaseState } from '../cases/case-decider';
import { CaseReferred } from '../cases/case.events';
import { mayReopen, strikeableRevisions } from '../cases/case-history';
import { CaseCommand, CaseEvent } from '../cases/case-programmes';
import * as coaching from '../community-coaching/community-coaching.fixtures';
import { communityCoachingStepProbes } from '../community-coaching/community-coaching.steps';
import * as caution from '../conditional-caution/conditional-caution.fixtures';
import { conditionalCautionStepProbes } from '../conditional-caution/conditional-caution.steps';
import * as iom from '../iom/iom.fixtures';
import { iomStepProbes } from '../iom/iom.steps';
import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { restorativeJusticeStepProbes } from '../restorative-justice/restorative-justice.steps';
import { addDays, CalendarDate } from '../shared/calendar-date';

/*
 * Random case histories, each written by the rules themselves: from the referral, every move is
 * one the case's decider accepts that day (a step its page offers, a strike it allows, a
 * reopening), with the days running on between moves. The domain's own history spec and the
 * read models' specs walk the same histories.
 */

/** One referral of each programme, each under its fixture's case id. */
export const walkReferrals: readonly CaseReferred[] = [rj.referred as CaseReferred, caution.referred() as CaseReferred, coaching.referred as CaseReferred, iom.referral()];

/** The case ids the fixtures' referrals carry. */
export const walkFixtureCaseIds: readonly string[] = [rj.caseId, caution.caseId, coaching.caseId, iom.caseId];

const stepCommands = (state: ReferredCaseState, today: CalendarDate): CaseCommand[] => {
  switch (state.programme) {
    case 'restorative-justice':
      return allowedSteps(state, today).map((step) => restorativeJusticeStepProbes[step](state.state, today));
    case 'conditional-caution':
      return allowedSteps(state, today).map((step) => conditionalCautionStepProbes[step](state.state, today));
    case 'community-coaching':
      return allowedSteps(state, today).map((step) => communityCoachingStepProbes[step](state.state, today));
    case 'iom':
      return allowedSteps(state, today).map((step) => iomStepProbes[step](state.state, today));
  }
};

/** The moves open to the case that day, by kind: its own steps (0), closing or a reoffence (1), strikes (2), a reopening (3). */
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

export type Walk = { days: number; kind: number; pick: number }[];

/** Walks of 3 to 24 moves, each move's kind drawn from `kindsOfMove` (a kind listed more often comes more often). */
export const walksOf = (kindsOfMove: readonly number[]): fc.Arbitrary<Walk> =>
  fc.array(fc.record({ days: fc.integer({ min: 0, max: 20 }), kind: fc.constantFrom(...kindsOfMove), pick: fc.nat() }), { minLength: 3, maxLength: 24 });

/** The history a walk writes from a referral, and the day it ends on. */
export const walkHistory = (referral: CaseReferred, walk: Walk): { events: CaseEvent[]; today: CalendarDate } => {
  let events: CaseEvent[] = [referral];
  let today = referral.data.referredOn;
  for (const { days, kind, pick } of walk) {
    today = addDays(today, days);
    const state = referredCase(events);
    const byKind = moves(state, today);
    // Reoffences (and an IOM case's convictions and arrests) are always open, so some kind of move always is.
    const open = byKind.filter((options) => options.length > 0);
    const options = byKind[kind].length > 0 ? byKind[kind] : open[pick % open.length];
    events = [...events, ...caseDecider.decide(options[pick % options.length], state)];
  }
  return { events, today };
};
