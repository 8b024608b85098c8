import { CalendarDate } from '@safer-cases/domain';
import { DueItem, oldestFirst, sinceText } from '../due';

/** A restorative-justice case as its reminders read it (the case summary's fields). */
export type RjDueCase = {
  caseId: string;
  status: string;
  closed: boolean;
  panelHeldOn?: CalendarDate;
  surveyedOn?: CalendarDate;
  agreementReachedOn?: CalendarDate;
};

/**
 * What is due on the coordinator's open cases (DOMAIN.md): every victim is surveyed once after
 * the panel, so a panel held with no survey recorded is due; an outcome agreement reached is
 * followed by the outcome, upheld (the terms were kept) or breached, so one with neither is due.
 * A case may have both. Oldest first, by the date the wait began.
 */
export const rjDue = (cases: readonly RjDueCase[], today: CalendarDate): DueItem[] =>
  oldestFirst(
    cases
      .filter((each) => !each.closed)
      .flatMap((each) => {
        const { caseId } = each;
        const items: DueItem[] = [];
        if (each.panelHeldOn !== undefined && each.surveyedOn === undefined) {
          items.push({ caseId, due: 'Victim survey not taken', since: each.panelHeldOn, detail: sinceText('panel held', each.panelHeldOn, today) });
        }
        if (each.status === 'agreement-reached' && each.agreementReachedOn !== undefined) {
          items.push({
            caseId,
            due: 'Outcome agreement not yet upheld or breached',
            since: each.agreementReachedOn,
            detail: sinceText('agreement reached', each.agreementReachedOn, today),
          });
        }
        return items;
      }),
  );
