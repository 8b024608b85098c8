import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';

/**
 * The handler keeps the volunteer's names in the personal-data store; they never reach the
 * command or the event. `organisation` is whatever the client sent: the decider refuses any
 * other than Victim Support or Home-Start.
 */
export type RecruitVolunteer = Command<'RecruitVolunteer', { volunteerId: string; organisation: string; recruitedOn: CalendarDate; today: CalendarDate }>;

export type TrainVolunteer = Command<'TrainVolunteer', { volunteerId: string; trainedOn: CalendarDate; today: CalendarDate }>;

export type RecordVolunteerDeparture = Command<'RecordVolunteerDeparture', { volunteerId: string; leftOn: CalendarDate; today: CalendarDate }>;

export type TakeCoachingCase = Command<'TakeCoachingCase', { volunteerId: string; caseId: string; takenOn: CalendarDate; today: CalendarDate }>;

export type ReleaseCoachingCase = Command<'ReleaseCoachingCase', { volunteerId: string; caseId: string; releasedOn: CalendarDate; today: CalendarDate }>;

export type VolunteerCommand = RecruitVolunteer | TrainVolunteer | RecordVolunteerDeparture | TakeCoachingCase | ReleaseCoachingCase;
