import { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';
import { strikeChecks } from './case-corrections';
import { caseDecider, CaseState } from './case-decider';
import { CaseEntry, isStanding } from './case-entries';
import { probeReason } from './shared-steps';

/** Refused by a rule, the answer is no; any other failure is a fault and is not hidden. */
const refusedByRule = (attempt: () => unknown): boolean => {
  try {
    attempt();
    return false;
  } catch (error) {
    if (error instanceof DomainError) return true;
    throw error;
  }
};

/** Every event the case has taken, struck or standing, in stream order; none before the referral. */
export const caseEntriesOf = (state: CaseState): readonly CaseEntry[] => (state.programme === null ? [] : state.entries);

/** The entries every rule and figure counts. */
export const standingEntries = (state: CaseState): CaseEntry[] => caseEntriesOf(state).filter(isStanding);

/** The revisions a history shows struck through. */
export const struckOutRevisions = (state: CaseState): number[] =>
  caseEntriesOf(state)
    .filter((entry) => !isStanding(entry))
    .map((entry) => entry.revision);

/** The entry at `revision`, for a caller that must know what kind of step a correction would strike. */
export const entryAt = (state: CaseState, revision: number): CaseEntry | undefined => caseEntriesOf(state).find((entry) => entry.revision === revision);

/**
 * The revisions the rules would let be struck now, judged by the same checks as a strike: the
 * latest standing step, if nothing rests on it, and any standing fact.
 */
export const strikeableRevisions = (state: CaseState): number[] => {
  if (state.programme === null) return [];
  const current = { caseId: state.referral.caseId, basics: state.state, entries: state.entries };
  return state.entries.filter((entry) => !refusedByRule(() => strikeChecks(current, entry.revision))).map((entry) => entry.revision);
};

/** Whether the case's decider would reopen it today. */
export const mayReopen = (state: CaseState, today: CalendarDate): boolean =>
  state.programme !== null &&
  !refusedByRule(() => caseDecider.decide({ type: 'ReopenCase', data: { caseId: state.referral.caseId, on: today, reason: probeReason, today } }, state));
