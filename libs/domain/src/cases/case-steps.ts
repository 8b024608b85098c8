import { CalendarDate } from '../shared/calendar-date';
import { notInFuture } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, DateBeforePreviousStep, WrongProgramme } from '../shared/domain-error';
import { CaseAlreadyClosed, OffenceAfterReferral, ReoffenceBeforeReferral } from './case.errors';
import { CaseClosed, CaseReferred, Programme, ReoffenceRecorded } from './case.events';
import { CloseCase, RecordReoffence, ReferCase } from './case.commands';

/**
 * What every programme's state knows, whatever its status: enough to refuse a second referral,
 * to check a reoffence's date and to close the case. Programme states extend it.
 */
export type CaseBasics = { caseId: string; referredOn: CalendarDate; lastStepOn: CalendarDate; closed: boolean };

/** The checks every referral shares; programme deciders add their own before building the event. */
export const referralChecks = (command: ReferCase, existing: CaseBasics | undefined): void => {
  const { caseId, referredOn, offence, today } = command.data;
  if (existing) throw new CaseAlreadyExists(caseId);
  notInFuture('referredOn', referredOn, today);
  if (offence) {
    notInFuture('offence.date', offence.date, today);
    if (offence.date > referredOn) throw new OffenceAfterReferral(offence.date, referredOn);
  }
};

export const caseReferred = (command: ReferCase): CaseReferred => {
  const { linkedCase: _linked, today: _today, ...data } = command.data;
  return { type: 'CaseReferred', data: stripUndefined(data) as CaseReferred['data'] };
};

export const recordReoffence = (command: RecordReoffence, state: CaseBasics | undefined): ReoffenceRecorded[] => {
  const { caseId, offenceDate, reference, today } = command.data;
  if (!state) throw new CaseNotFound(caseId);
  notInFuture('offenceDate', offenceDate, today);
  if (offenceDate < state.referredOn) throw new ReoffenceBeforeReferral(offenceDate, state.referredOn);
  return [{ type: 'ReoffenceRecorded', data: stripUndefined({ caseId, offenceDate, reference }) as ReoffenceRecorded['data'] }];
};

export const closeCase = (command: CloseCase, state: CaseBasics | undefined): CaseClosed[] => {
  const { caseId, closedOn, reason, today } = command.data;
  if (!state) throw new CaseNotFound(caseId);
  if (state.closed) throw new CaseAlreadyClosed(caseId);
  notInFuture('closedOn', closedOn, today);
  if (closedOn < state.lastStepOn) throw new DateBeforePreviousStep('closedOn', closedOn, state.lastStepOn, 'the previous step');
  return [{ type: 'CaseClosed', data: stripUndefined({ caseId, closedOn, reason }) as CaseClosed['data'] }];
};

/** Refuses a step on a closed case, and one dated before the step it follows. */
export const stepChecks = (state: CaseBasics, field: string, on: CalendarDate, today: CalendarDate, previousStep = 'the previous step'): void => {
  if (state.closed) throw new CaseAlreadyClosed(state.caseId);
  notInFuture(field, on, today);
  if (on < state.lastStepOn) throw new DateBeforePreviousStep(field, on, state.lastStepOn, previousStep);
};

export const stripUndefined = <T extends Record<string, unknown>>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

type ProgrammeState = { status: string } | (CaseBasics & { status: string; programme: Programme });

/** The referred case of `programme` that `state` holds, or the refusal: not found, or another programme's. */
export const existingCaseOf = <S extends ProgrammeState>(state: S, caseId: string, programme: Programme): Exclude<S, { status: 'none' }> => {
  if (state.status === 'none' || !('programme' in state)) throw new CaseNotFound(caseId);
  if (state.programme !== programme) throw new WrongProgramme(caseId, state.programme, programme);
  return state as Exclude<S, { status: 'none' }>;
};

/** The same, refused when the case is closed. */
export const openCaseOf = <S extends ProgrammeState>(state: S, caseId: string, programme: Programme): Exclude<S, { status: 'none' }> => {
  const existing = existingCaseOf(state, caseId, programme);
  if ((existing as CaseBasics).closed) throw new CaseAlreadyClosed(caseId);
  return existing;
};

/** The state every programme's case starts in, from its referral. */
export const referredCase = ({ data: { caseId, programme, referredOn, personId } }: CaseReferred) =>
  ({ status: 'referred', caseId, programme, personId, referredOn, lastStepOn: referredOn, closed: false }) as const;
