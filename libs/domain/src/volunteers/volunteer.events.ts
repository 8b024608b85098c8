import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

export const volunteerOrganisations = ['victim-support', 'home-start'] as const;
export type VolunteerOrganisation = (typeof volunteerOrganisations)[number];

/** Ids only: a volunteer's names live in the personal-data store under `volunteerId`. */
export type VolunteerRecruited = Event<'VolunteerRecruited', { volunteerId: string; organisation: VolunteerOrganisation; recruitedOn: CalendarDate }>;

export type VolunteerTrained = Event<'VolunteerTrained', { volunteerId: string; trainedOn: CalendarDate }>;

export type VolunteerLeft = Event<'VolunteerLeft', { volunteerId: string; leftOn: CalendarDate }>;

/**
 * Written on the coach's own stream, not only on the case, so that two assignments racing for a
 * coach's last place clash on this stream's revision.
 */
export type CoachingCaseTaken = Event<'CoachingCaseTaken', { volunteerId: string; caseId: string; takenOn: CalendarDate }>;

export type CoachingCaseReleased = Event<'CoachingCaseReleased', { volunteerId: string; caseId: string; releasedOn: CalendarDate }>;

export type VolunteerEvent = VolunteerRecruited | VolunteerTrained | VolunteerLeft | CoachingCaseTaken | CoachingCaseReleased;

export const volunteerStreamId = (volunteerId: string): string => `volunteer-${volunteerId}`;
