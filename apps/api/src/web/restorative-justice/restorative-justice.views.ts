import { RosterVolunteer, shortReference } from './restorative-justice.steps';

/** The answers of the API the pages read (docs/api-additions.md), as far as the pages use them. */
export type CaseListItem = {
  caseId: string;
  status: string;
  closed: boolean;
  referrer: { organisation: string };
  referredOn: string;
  offenceDate?: string;
  panelHeldOn?: string;
};

export type CaseListPage = { items: CaseListItem[]; nextCursor: string | null };

export type CaseHistoryEntry = { type: string; date?: string; recordedAt: string; recordedBy: string; data: Record<string, unknown> };

export type CaseView = { caseId: string; programme: string; status: string; closed: boolean; state: Record<string, unknown>; history: CaseHistoryEntry[] };

export type VolunteerView = {
  volunteerId: string;
  organisation: string;
  status: string;
  recruitedOn: string;
  trainedOn?: string;
  leftOn?: string;
  /** With `names=true`: the volunteer's name (each read audited), null when none is held. */
  name?: { givenName?: string; familyName?: string; erased: boolean } | null;
};

/** The statuses a coordinator filters the case list by, in the order a case meets them. */
export const caseStatuses = ['referred', 'accepted', 'declined', 'panel-held', 'agreement-reached', 'no-agreement', 'agreement-upheld', 'agreement-breached'] as const;

export { caseListQuery, referralOf } from '../case-views';
export type { CaseListFilter } from '../case-views';

/** The panel's facilitators, by their short references (volunteers' names are not on the roster the API gives). */
export const panelFacilitatorsOf = (view: CaseView): string[] => {
  const panel = view.history.find((entry) => entry.type === 'PanelHeld');
  const ids = panel?.data.facilitatorIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').map(shortReference) : [];
};

export const isSurveyed = (view: CaseView): boolean => typeof view.state.surveyedOn === 'string';

/** A volunteer as the roster and the pickers show one: by name where one is held, always with the short reference. */
export const volunteerRow = <V extends RosterVolunteer & Pick<VolunteerView, 'name'>>(volunteer: V) => {
  const reference = shortReference(volunteer.volunteerId);
  const name = [volunteer.name?.givenName, volunteer.name?.familyName].filter((part) => part).join(' ');
  return { ...volunteer, reference, displayName: name ? `${name} (${reference})` : `Volunteer ${reference}` };
};
