import { SharedCaseEvent } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

/** Whether the volunteer could coach on that date, and had room, was decided when the event was written. */
export type CoachAssigned = Event<'CoachAssigned', { caseId: string; volunteerId: string; assignedOn: CalendarDate }>;

/** Counted by the `interventions` target. */
export type InterventionStarted = Event<'InterventionStarted', { caseId: string; startedOn: CalendarDate }>;

/** `hours` is a whole number of quarter hours, 0.25 to 8. */
export type CoachingSessionLogged = Event<'CoachingSessionLogged', { caseId: string; sessionOn: CalendarDate; hours: number }>;

/** The start point of the reoffending measures. */
export type InterventionCompleted = Event<'InterventionCompleted', { caseId: string; completedOn: CalendarDate }>;

export type InterventionWithdrawn = Event<'InterventionWithdrawn', { caseId: string; on: CalendarDate; reason: string }>;

export type CommunityCoachingEvent = SharedCaseEvent | CoachAssigned | InterventionStarted | CoachingSessionLogged | InterventionCompleted | InterventionWithdrawn;
