import { humanise } from './view-filters';

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
