import { CloseCase, RecordReoffence, ReferCase } from '../cases/case.commands';
import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';

/** The shared referral command: an IOM referral needs no offence. */
export type ReferIomCase = ReferCase;

export type AdoptCohortMember = Command<'AdoptCohortMember', { caseId: string; adoptedOn: CalendarDate; today: CalendarDate }>;

export type AssignComparisonMember = Command<'AssignComparisonMember', { caseId: string; assignedOn: CalendarDate; today: CalendarDate }>;

/** `reason` is checked against the fixed list by the decider, as well as where the request is read. */
export type RecordIomExit = Command<'RecordIomExit', { caseId: string; leftOn: CalendarDate; reason: string; today: CalendarDate }>;

export type RecordConviction = Command<'RecordConviction', { caseId: string; offenceDate: CalendarDate; convictedOn: CalendarDate; reference?: string; today: CalendarDate }>;

export type RecordArrest = Command<'RecordArrest', { caseId: string; arrestedOn: CalendarDate; reference?: string; today: CalendarDate }>;

/**
 * `RecordReoffence` is among them because the case decider hands every programme the shared
 * commands; the IOM decider refuses it by name rather than failing as an unknown command.
 */
export type IomCommand = ReferIomCase | RecordReoffence | CloseCase | AdoptCohortMember | AssignComparisonMember | RecordIomExit | RecordConviction | RecordArrest;
