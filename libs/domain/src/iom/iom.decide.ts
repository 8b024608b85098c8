import { CloseCase } from '../cases/case.commands';
import { closeCase, stepChecks, stripUndefined } from '../cases/case-steps';
import { CaseAlreadyClosed, OffenceAfterReferral } from '../cases/case.errors';
import { notInFuture } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, UnknownCommand, WrongProgramme } from '../shared/domain-error';
import { AdoptCohortMember, AssignComparisonMember, IomCommand, RecordArrest, RecordConviction, RecordIomExit, ReferIomCase } from './iom.commands';
import {
  AlreadyAdopted,
  AlreadyInComparisonGroup,
  ConvictionBeforeOffence,
  IomReferrerNotPoliceOrProbation,
  MemberAlreadyLeft,
  MemberNotJoined,
  ReoffenceNotForIom,
  UnknownLeavingReason,
} from './iom.errors';
import { ArrestRecorded, ConvictionRecorded, IomEvent, IomReferral, iomProgramme, isIomLeavingReason } from './iom.events';
import { IomCase, IomGroup, ReferredIomCase } from './iom.state';

/** The organisations whose officers put persistent offenders forward for the cohort. */
const iomReferrers: readonly string[] = ['police', 'probation'];

export const decideIom = (command: IomCommand, state: IomCase): IomEvent[] => {
  switch (command.type) {
    case 'ReferCase':
      return referCase(command, state);
    case 'AdoptCohortMember':
      return adoptCohortMember(command, state);
    case 'AssignComparisonMember':
      return assignComparisonMember(command, state);
    case 'RecordIomExit':
      return recordIomExit(command, state);
    case 'RecordConviction':
      return recordConviction(command, state);
    case 'RecordArrest':
      return recordArrest(command, state);
    case 'RecordReoffence':
      throw new ReoffenceNotForIom(existingCase(state, command.data.caseId).caseId);
    case 'CloseCase':
      return close(command, state);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

/*
 * The shared existingCaseOf and openCaseOf take a `Programme`, which does not yet include `iom`;
 * these are the same checks for an IOM case.
 */
const existingCase = (state: IomCase, caseId: string): ReferredIomCase => {
  if (state.status === 'none') throw new CaseNotFound(caseId);
  if (state.programme !== iomProgramme) throw new WrongProgramme(caseId, state.programme, iomProgramme);
  return state;
};

const openCase = (state: IomCase, caseId: string): ReferredIomCase => {
  const current = existingCase(state, caseId);
  if (current.closed) throw new CaseAlreadyClosed(caseId);
  return current;
};

/** The shared referral checks, and the IOM team's own: no offence is needed, the referrer is police or probation. */
const referCase = (command: ReferIomCase, state: IomCase): IomEvent[] => {
  const { linkedCase: _linked, today, ...data } = command.data;
  const { caseId, programme, referredOn, offence, referrer } = data;
  if (programme !== iomProgramme) throw new WrongProgramme(caseId, programme, iomProgramme);
  if (state.status !== 'none') throw new CaseAlreadyExists(caseId);
  notInFuture('referredOn', referredOn, today);
  if (offence) {
    notInFuture('offence.date', offence.date, today);
    if (offence.date > referredOn) throw new OffenceAfterReferral(offence.date, referredOn);
  }
  if (!iomReferrers.includes(referrer.organisation)) throw new IomReferrerNotPoliceOrProbation(referrer.organisation);
  return [{ type: 'CaseReferred', data: stripUndefined({ ...data, programme: iomProgramme }) as IomReferral['data'] }];
};

/** Adoption and the comparison group exclude each other: a person is in one group, once. */
const joiningChecks = (current: ReferredIomCase): void => {
  if (current.status === 'referred') return;
  if (current.group === 'cohort') throw new AlreadyAdopted(current.caseId, current.joinedOn);
  throw new AlreadyInComparisonGroup(current.caseId, current.joinedOn);
};

const adoptCohortMember = (command: AdoptCohortMember, state: IomCase): IomEvent[] => {
  const { caseId, adoptedOn, today } = command.data;
  const current = openCase(state, caseId);
  joiningChecks(current);
  stepChecks(current, 'adoptedOn', adoptedOn, today, 'the referral');
  return [{ type: 'CohortMemberAdopted', data: { caseId, adoptedOn } }];
};

const assignComparisonMember = (command: AssignComparisonMember, state: IomCase): IomEvent[] => {
  const { caseId, assignedOn, today } = command.data;
  const current = openCase(state, caseId);
  joiningChecks(current);
  stepChecks(current, 'assignedOn', assignedOn, today, 'the referral');
  return [{ type: 'ComparisonMemberAssigned', data: { caseId, assignedOn } }];
};

const joiningStep: Record<IomGroup, string> = { cohort: 'the adoption', comparison: 'the assignment to the comparison group' };

const recordIomExit = (command: RecordIomExit, state: IomCase): IomEvent[] => {
  const { caseId, leftOn, reason, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status === 'referred') throw new MemberNotJoined(caseId);
  if (current.status === 'left') throw new MemberAlreadyLeft(caseId, current.leftOn);
  stepChecks(current, 'leftOn', leftOn, today, joiningStep[current.group]);
  if (!isIomLeavingReason(reason)) throw new UnknownLeavingReason(reason);
  return [{ type: 'CohortMemberLeft', data: { caseId, leftOn, reason } }];
};

/**
 * Convictions and arrests are found at any time, closed case or not, and may be dated before the
 * referral: the team enters the year before adoption as the baseline. Only the future is refused.
 */
const recordConviction = (command: RecordConviction, state: IomCase): ConvictionRecorded[] => {
  const { caseId, offenceDate, convictedOn, reference, today } = command.data;
  existingCase(state, caseId);
  notInFuture('offenceDate', offenceDate, today);
  notInFuture('convictedOn', convictedOn, today);
  if (convictedOn < offenceDate) throw new ConvictionBeforeOffence(convictedOn, offenceDate);
  return [{ type: 'ConvictionRecorded', data: stripUndefined({ caseId, offenceDate, convictedOn, reference }) as ConvictionRecorded['data'] }];
};

const recordArrest = (command: RecordArrest, state: IomCase): ArrestRecorded[] => {
  const { caseId, arrestedOn, reference, today } = command.data;
  existingCase(state, caseId);
  notInFuture('arrestedOn', arrestedOn, today);
  return [{ type: 'ArrestRecorded', data: stripUndefined({ caseId, arrestedOn, reference }) as ArrestRecorded['data'] }];
};

const close = (command: CloseCase, state: IomCase): IomEvent[] => closeCase(command, existingCase(state, command.data.caseId));
