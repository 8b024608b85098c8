import { CalendarDate } from '../shared/calendar-date';
import { CaseEvent } from './case-programmes';

/**
 * One event of a case stream at its revision (its 0-based position in the stream). `struckOut`
 * says which later EntryStruckOut struck it and why; a struck entry stays in the history and
 * counts for no rule.
 */
export type CaseEntry = { revision: number; event: CaseEvent; struckOut?: { revision: number; reason: string } };

/**
 * How corrections treat an entry. `step`: the lifecycle, struck latest first so that what stands
 * is always a history the rules allow. `fact`: found outside the lifecycle, struck in any order.
 * `referral`, `strike` and `reopening` are never struck; a reopening still ends the lifecycle
 * before it, so the closure it reopened stays as it was.
 */
export type EntryKind = 'referral' | 'step' | 'fact' | 'strike' | 'reopening';

/** Typed from every event a case holds, so a new event does not compile until it is given its kind. */
export const entryKinds: Record<CaseEvent['type'], EntryKind> = {
  CaseReferred: 'referral',
  ReoffenceRecorded: 'fact',
  CaseClosed: 'step',
  EntryStruckOut: 'strike',
  CaseReopened: 'reopening',
  ReferralAccepted: 'step',
  ReferralDeclined: 'step',
  PanelHeld: 'step',
  OutcomeAgreementReached: 'step',
  NoAgreementReached: 'step',
  OutcomeAgreementUpheld: 'step',
  OutcomeAgreementBreached: 'step',
  VictimSatisfactionRecorded: 'step',
  CourseBooked: 'step',
  BookingCancelled: 'step',
  FeePaid: 'step',
  CourseAttended: 'step',
  CourseCompleted: 'step',
  ConditionBreached: 'step',
  CoachAssigned: 'step',
  InterventionStarted: 'step',
  CoachingSessionLogged: 'fact',
  InterventionCompleted: 'step',
  InterventionWithdrawn: 'step',
  CohortMemberAdopted: 'step',
  ComparisonMemberAssigned: 'step',
  CohortMemberLeft: 'step',
  ConvictionRecorded: 'fact',
  ArrestRecorded: 'fact',
};

/**
 * The step a fact cannot stand without: a session belongs to a started intervention, so the
 * start is not struck while sessions logged on it stand. Other facts rest on the referral alone.
 */
const restsOn: Partial<Record<CaseEvent['type'], CaseEvent['type']>> = { CoachingSessionLogged: 'InterventionStarted' };

export const isStanding = (entry: CaseEntry): boolean => entry.struckOut === undefined;

const last = <T>(items: readonly T[], matches: (item: T) => boolean): T | undefined => {
  for (let index = items.length - 1; index >= 0; index -= 1) if (matches(items[index])) return items[index];
  return undefined;
};

/** The latest standing entry of the lifecycle: the only step that may be struck. */
export const latestStandingStep = (entries: readonly CaseEntry[]): CaseEntry | undefined =>
  last(entries, (entry) => isStanding(entry) && (entryKinds[entry.event.type] === 'step' || entryKinds[entry.event.type] === 'reopening'));

/** The standing facts recorded after `step` that cannot stand without it. */
export const dependantsOf = (entries: readonly CaseEntry[], step: CaseEntry): CaseEntry[] =>
  entries.filter((entry) => entry.revision > step.revision && isStanding(entry) && restsOn[entry.event.type] === step.event.type);

/** The date of the closure that stands, if the case is closed. */
export const closedOnOf = (entries: readonly CaseEntry[]): CalendarDate | undefined => {
  const closure = last(entries, (entry) => isStanding(entry) && entry.event.type === 'CaseClosed')?.event;
  return closure?.type === 'CaseClosed' ? closure.data.closedOn : undefined;
};
