import type { CaseView } from '../../cases/case-reader';
import type { VolunteerName } from '../../volunteers/volunteer-queries';
import { RosterVolunteer, shortReference } from './restorative-justice.steps';

/** What the case page reads of a case (CaseQueries.get): its history and its decider's state. */
type CaseRead = Pick<CaseView, 'history' | 'state'>;

/** The statuses a coordinator filters the case list by, in the order a case meets them. */
export const caseStatuses = ['referred', 'accepted', 'declined', 'panel-held', 'agreement-reached', 'no-agreement', 'agreement-upheld', 'agreement-breached'] as const;

export { caseListQuery, referralOf } from '../case-views';
export type { CaseListFilter } from '../case-views';

/** The ids of the panel's facilitators (the case page names them from CaseQueries.volunteerNames). */
export const panelFacilitatorsOf = (view: CaseRead): string[] => {
  // A panel struck out counts as never held, so its facilitators are not the case's.
  const panel = view.history.find((entry) => entry.type === 'PanelHeld' && entry.struckOut === undefined);
  const ids = panel?.data.facilitatorIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
};

/** A volunteer as the roster and the pickers show one: by name where one is held, always with the short reference. */
export const volunteerRow = <V extends RosterVolunteer & { name?: VolunteerName | null }>(volunteer: V) => {
  const reference = shortReference(volunteer.volunteerId);
  const name = [volunteer.name?.givenName, volunteer.name?.familyName].filter((part) => part).join(' ');
  return { ...volunteer, reference, displayName: name ? `${name} (${reference})` : `Volunteer ${reference}` };
};
