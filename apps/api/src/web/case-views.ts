import type { VolunteerName } from '../volunteers/volunteer-queries';
import { shortReference } from './short-reference';
import { describeEntry, EntryDetail, formatDate, humanise } from './view-filters';

/** A case list's filter, as its page's own address carries it; `q` is the search box's text. */
export type CaseListFilter = { status?: string; closed?: string; q?: string };

/** The query of a case list's own address: the filter, and the page's cursor when past the first. */
export const caseListQuery = (filter: CaseListFilter, cursor?: string): string => {
  const parameters = new URLSearchParams();
  if (filter.status) parameters.set('status', filter.status);
  if (filter.closed) parameters.set('closed', filter.closed);
  if (filter.q) parameters.set('q', filter.q);
  if (cursor) parameters.set('cursor', cursor);
  const query = parameters.toString();
  return query ? `?${query}` : '';
};

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const objectOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** What the referral said, from the case's first event (the history CaseQueries.get gives): when, who referred it, their reference, the offence. */
export const referralOf = (view: { history: readonly { type: string; data: Record<string, unknown> }[] }) => {
  const referral = view.history.find((entry) => entry.type === 'CaseReferred')?.data ?? {};
  const referrer = objectOf(referral.referrer);
  const offence = objectOf(referral.offence);
  return {
    referredOn: stringOf(referral.referredOn) ?? '',
    referredBy: humanise(stringOf(referrer.organisation) ?? ''),
    reference: stringOf(referrer.reference),
    offenceType: stringOf(offence.type),
    offenceDate: stringOf(offence.date),
  };
};

/** What CaseQueries.volunteerNames read: the names of the volunteers a case's history names, by id; undefined for a reader who may not see them. */
export type VolunteerNames = ReadonlyMap<string, VolunteerName> | undefined;

const nameOf = (volunteer: VolunteerName | undefined): string | undefined => [volunteer?.givenName, volunteer?.familyName].filter((part) => part).join(' ') || undefined;

/** A volunteer in a case's summary: "Ann Lee (9d8c7b6a)", or by the reference the roster shows when no name is held or it was erased. */
export const volunteerLabel = (volunteerId: string, names: VolunteerNames, noun = 'Volunteer'): string => {
  const volunteer = names?.get(volunteerId);
  const name = volunteer?.erased ? undefined : nameOf(volunteer);
  return name ? `${name} (${shortReference(volunteerId)})` : `${noun} ${shortReference(volunteerId)}${volunteer?.erased ? ' (erased)' : ''}`;
};

/**
 * The names a case's history is told in (describeEntry's `names`): each volunteer read by name,
 * "Volunteer (erased)" once erased (one with no name held is left to describeEntry, which gives
 * the reference), and each course booked by its date, so that a cancelled booking says which
 * course it was. Undefined when there is nothing to name and the reader may not see volunteers'
 * names, so that a panel then says how many facilitators sat.
 */
export const historyNamesOf = (history: readonly { type: string; data: Record<string, unknown> }[], volunteers: VolunteerNames): Map<string, string> | undefined => {
  const courses = history.flatMap(({ type, data }) =>
    type === 'CourseBooked' && typeof data.courseId === 'string' && typeof data.courseDate === 'string' ? [[data.courseId, formatDate(data.courseDate)] as const] : [],
  );
  const named = [...(volunteers ?? [])].flatMap(([id, volunteer]) => {
    const name = volunteer.erased ? 'Volunteer (erased)' : nameOf(volunteer);
    return name ? [[id, name] as const] : [];
  });
  return volunteers === undefined && courses.length === 0 ? undefined : new Map([...courses, ...named]);
};

/** A timeline entry (corrections.timelineOf) with its details as labelled words, for the case timeline macro. */
export type HistoryRow<Entry> = Entry & { name: string; words: EntryDetail[] };

/**
 * The case timeline's entries, each titled and with its details as labelled words ("Panel held",
 * "Victim attended: Yes"; describeEntry), facilitators and coaches by name. The date the
 * timeline shows in its own column is not said again. A strike keeps the sentence timelineOf
 * gives it ("The panel held on 20 November 2015. Reason: …"), which names what it struck.
 */
export const caseHistoryOf = <Entry extends { type: string; date?: string; data: Record<string, unknown> }>(
  timeline: readonly Entry[],
  volunteers: VolunteerNames,
): HistoryRow<Entry>[] => {
  const names = historyNamesOf(timeline, volunteers);
  return timeline.map((entry) => {
    const shownDate = entry.date ? formatDate(entry.date) : undefined;
    const described = describeEntry(entry, names);
    const words = entry.type === 'EntryStruckOut' ? [] : described.details.filter((detail) => !(detail.label === 'Date' && detail.text === shownDate));
    return { ...entry, name: described.title, words };
  });
};
