import { SharedCaseCommand } from '../cases/case.commands';
import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';
import { CoachFacts } from '../volunteers/volunteer.coach';

/**
 * `coach` is what the handler read from the volunteer's stream. The coach's capacity is not
 * judged here: the handler takes the case on the volunteer stream, whose revision settles races.
 */
export type AssignCoach = Command<'AssignCoach', { caseId: string; volunteerId: string; assignedOn: CalendarDate; coach: CoachFacts; today: CalendarDate }>;

export type StartIntervention = Command<'StartIntervention', { caseId: string; startedOn: CalendarDate; today: CalendarDate }>;

export type LogCoachingSession = Command<'LogCoachingSession', { caseId: string; sessionOn: CalendarDate; hours: number; today: CalendarDate }>;

export type CompleteIntervention = Command<'CompleteIntervention', { caseId: string; completedOn: CalendarDate; today: CalendarDate }>;

export type WithdrawIntervention = Command<'WithdrawIntervention', { caseId: string; on: CalendarDate; reason: string; today: CalendarDate }>;

export type CommunityCoachingCommand = SharedCaseCommand | AssignCoach | StartIntervention | LogCoachingSession | CompleteIntervention | WithdrawIntervention;
