import { CalendarDate, daysBetween } from '@safer-cases/domain';
import { PersonDisplay } from '../people/personal-data.store';
import { personName } from '../people/person-name';
import { shortReference } from './short-reference';
import { formatDate } from './view-filters';

/**
 * One thing due on a case, as a coordinator's start page lists it: what is due, in the
 * programme's own words ("Victim survey not taken"), and since when ("panel held 3 November
 * 2026 (29 days ago)"). `since` orders the list, oldest first.
 */
export type DueItem = { caseId: string; due: string; since: CalendarDate; detail: string };

/** How long ago a date was, as a sentence says it: "today", "yesterday", "29 days ago". */
export const daysAgoText = (since: CalendarDate, today: CalendarDate): string => {
  const days = daysBetween(since, today);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
};

/** "panel held 3 November 2026 (29 days ago)": a step's words, its date, and how long ago that was. */
export const sinceText = (step: string, since: CalendarDate, today: CalendarDate): string => `${step} ${formatDate(since)} (${daysAgoText(since, today)})`;

/** Oldest first; a case's items keep their order, and ties go by case id, so the list reads the same on every visit. */
export const oldestFirst = (items: readonly DueItem[]): DueItem[] =>
  items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.since.localeCompare(b.item.since) || a.item.caseId.localeCompare(b.item.caseId) || a.index - b.index)
    .map(({ item }) => item);

/** The cases of `candidates` that `items` names: the ones whose names the page must read. */
export const casesDue = <C extends { caseId: string }>(candidates: readonly C[], items: readonly DueItem[]): C[] => {
  const due = new Set(items.map((item) => item.caseId));
  return candidates.filter((candidate) => due.has(candidate.caseId));
};

/** Each case once, the first time it comes: a page reads the names of its list and its reminders in one read, each audited once. */
export const eachCaseOnce = <C extends { caseId: string }>(cases: readonly C[]): C[] => {
  const seen = new Set<string>();
  return cases.filter((each) => !seen.has(each.caseId) && Boolean(seen.add(each.caseId)));
};

/** What the start page's "What is due" draws (views/macros/due.njk): each item with its case's reference and, where one is held, its person's name. */
export const dueView = (
  items: readonly DueItem[],
  names: ReadonlyMap<string, Pick<PersonDisplay, 'givenName' | 'familyName' | 'erased'> | null>,
  page: { casePath: string; nothing: string },
) => ({
  ...page,
  items: items.map((item) => ({ ...item, reference: shortReference(item.caseId), name: personName(names.get(item.caseId)) })),
});
