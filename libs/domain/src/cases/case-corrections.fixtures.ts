import { CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { DeciderSpecification } from '../testing/decider-specification';
import { caseDecider, ReferredCaseState } from './case-decider';
import { CaseCommand, CaseEvent } from './case-programmes';

/** The corrections of one case, whatever its programme, for the correction specs. */
export const corrections = (caseId: string, today: CalendarDate) => ({
  strikeOut: (revision: number, reason = 'recorded in error'): CaseCommand => ({ type: 'StrikeOutEntry', data: { caseId, revision, reason, today } }),
  struckOut: (revision: number, reason = 'recorded in error'): CaseEvent => ({ type: 'EntryStruckOut', data: { caseId, revision, reason } }),
  reopen: (on: CalendarDate, reason = 'further work agreed'): CaseCommand => ({ type: 'ReopenCase', data: { caseId, on, reason, today } }),
  reopened: (on: CalendarDate, reason = 'further work agreed'): CaseEvent => ({ type: 'CaseReopened', data: { caseId, on, reason } }),
});

export const spec = DeciderSpecification.for(caseDecider);

/** A referred case folded from `events`; a spec whose history has no referral is wrong, and says so. */
export const referredCase = (events: readonly CaseEvent[]): ReferredCaseState => {
  const state = fold(caseDecider, events);
  if (state.programme === null) throw new Error('the history holds no referral');
  return state;
};

/** The programme's state a history leaves. */
export const programmeStateOf = (events: readonly CaseEvent[]) => referredCase(events).state;
