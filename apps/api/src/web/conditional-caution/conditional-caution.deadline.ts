import { addDays, CalendarDate, cautionDeadlineDays, daysBetween } from '@safer-cases/domain';

/** The statuses of a caution still working towards its course: the ones a deadline matters to. */
export const underwayStatuses = ['referred', 'booked', 'attended'] as const;

const isUnderway = (status: string): boolean => underwayStatuses.some((underway) => underway === status);

export type Referral = { referredOn: CalendarDate; offenceDate?: CalendarDate };

/**
 * DOMAIN.md: the course is completed within 12 weeks (84 days) of the offence. Every caution
 * referral carries its offence date; were one missing, the decider counts from the referral,
 * and so does this.
 */
export const cautionDeadline = ({ referredOn, offenceDate }: Referral): CalendarDate => addDays(offenceDate ?? referredOn, cautionDeadlineDays);

/**
 * Whether the 12 weeks had run out before the case was even referred: no course can then be
 * booked (none lies between the referral and the deadline), and the caution can only be breached.
 */
export const deadlinePassedBeforeReferral = (referredOn: CalendarDate, deadline: CalendarDate): boolean => deadline < referredOn;

/** Whole days from today to the deadline: 0 on the day itself, negative once it has passed. */
export const daysLeft = (deadline: CalendarDate, today: CalendarDate): number => daysBetween(today, deadline);

/** How the pages say it: "3 days left", "Due today", "Overdue by 2 days". */
export const daysLeftText = (days: number): string => {
  if (days === 0) return 'Due today';
  const count = Math.abs(days);
  const unit = count === 1 ? 'day' : 'days';
  return days > 0 ? `${count} ${unit} left` : `Overdue by ${count} ${unit}`;
};

export type NearDeadline<C> = C & { deadline: CalendarDate; daysLeft: number; daysLeftText: string };

/**
 * The open cautions still working towards their course whose deadline is at most `withinDays`
 * away or has passed: the most overdue first, then the soonest, ties by the earlier referral.
 */
export const nearDeadlines = <C extends Referral & { caseId: string; status: string; closed: boolean }>(
  cases: readonly C[],
  today: CalendarDate,
  withinDays: number,
): NearDeadline<C>[] =>
  cases
    .filter((each) => !each.closed && isUnderway(each.status))
    .map((each) => {
      const deadline = cautionDeadline(each);
      const days = daysLeft(deadline, today);
      return { ...each, deadline, daysLeft: days, daysLeftText: daysLeftText(days) };
    })
    .filter((each) => each.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.referredOn.localeCompare(b.referredOn) || a.caseId.localeCompare(b.caseId));
