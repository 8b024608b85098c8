import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';
import { Eligibility, Offence, Programme, Referrer } from './case.events';

/** Every command carries `today` (Europe/London): domain code never reads the clock. */
export type ReferCase = Command<
  'ReferCase',
  {
    caseId: string;
    programme: Programme;
    referredOn: CalendarDate;
    referrer: Referrer;
    personId: string;
    victimId?: string;
    offence?: Offence;
    eligibility?: Eligibility;
    /** Coaching only: what the handler found of the linked earlier case, if one is named. */
    linkedCase?: LinkedCaseFacts;
    today: CalendarDate;
  }
>;

export type LinkedCaseFacts = { exists: false } | { exists: true; programme: Programme; personId: string; completed: boolean };

export type RecordReoffence = Command<'RecordReoffence', { caseId: string; offenceDate: CalendarDate; reference?: string; today: CalendarDate }>;

export type CloseCase = Command<'CloseCase', { caseId: string; closedOn: CalendarDate; reason?: string; today: CalendarDate }>;

/** The commands every programme takes; `CaseCommand` (case-programmes.ts) is every command of any case. */
export type SharedCaseCommand = ReferCase | RecordReoffence | CloseCase;

/** `revision` is the struck event's 0-based position in the case stream. */
export type StrikeOutEntry = Command<'StrikeOutEntry', { caseId: string; revision: number; reason: string; today: CalendarDate }>;

export type ReopenCase = Command<'ReopenCase', { caseId: string; on: CalendarDate; reason: string; today: CalendarDate }>;

/** Corrections, taken by the case decider for every programme rather than by each programme's own. */
export type CaseCorrectionCommand = StrikeOutEntry | ReopenCase;
