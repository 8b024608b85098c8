import { CalendarDate } from '../shared/calendar-date';
import { CloseCase, RecordReoffence } from './case.commands';

/**
 * A step a case may offer, as the command that would take it, built from the case's state and
 * today's date. It is dated `today` unless a rule caps the date (the latest date is the one no
 * "not before the previous step" rule refuses), and carries outside facts that meet the rules,
 * so that only the case itself can stand in its way.
 */
export type StepProbe<S, C> = (state: S, today: CalendarDate) => C;

/** A referrer's step, open on every case, closed or not. */
export const reoffenceProbe: StepProbe<{ caseId: string }, RecordReoffence> = ({ caseId }, today) => ({ type: 'RecordReoffence', data: { caseId, offenceDate: today, today } });

export const closeProbe: StepProbe<{ caseId: string }, CloseCase> = ({ caseId }, today) => ({ type: 'CloseCase', data: { caseId, closedOn: today, today } });

/** Stands for any reason a step needs: the rules judge that one is given, not what it says. */
export const probeReason = 'a reason';
