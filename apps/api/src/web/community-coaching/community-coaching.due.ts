import { CalendarDate, daysBetween } from '@safer-cases/domain';
import { DueItem, oldestFirst, sinceText } from '../due';

/** Three weeks: an open intervention with no session for this long is due a look. */
export const daysWithoutSession = 21;

/** A coaching case as its reminders read it (the case summary's fields). */
export type CoachingDueCase = {
  caseId: string;
  status: string;
  closed: boolean;
  startedOn?: CalendarDate;
  latestSessionOn?: CalendarDate;
};

/**
 * The interventions started and not yet ended (completed or withdrawn) with no session logged
 * for 21 days or more: counted from the latest session, or from the start when there is none.
 * The longest wait first.
 */
export const coachingDue = (cases: readonly CoachingDueCase[], today: CalendarDate): DueItem[] =>
  oldestFirst(
    cases.flatMap((each) => {
      if (each.closed || each.status !== 'intervention-open' || each.startedOn === undefined) return [];
      const since = each.latestSessionOn ?? each.startedOn;
      if (daysBetween(since, today) < daysWithoutSession) return [];
      const detail = each.latestSessionOn ? sinceText('last session', since, today) : sinceText('none since the intervention started', since, today);
      return [{ caseId: each.caseId, due: 'No session for three weeks or more', since, detail }];
    }),
  );
