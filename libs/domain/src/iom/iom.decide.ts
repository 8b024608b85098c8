import { CloseCase } from '../cases/case.commands';
import { caseReferred, closeCase, existingCaseOf, openCaseOf, referralChecks, stepChecks, stripUndefined } from '../cases/case-steps';
import { notInFuture } from '../shared/decider';
import { UnknownCommand, WrongProgramme } from '../shared/domain-error';
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
import { ArrestRecorded, ConvictionRecorded, IomEvent, iomProgramme, isIomLeavingReason } from './iom.events';
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

const existingCase = (state: IomCase, caseId: string): ReferredIomCase => existingCaseOf(state, caseId, iomProgramme);

const openCase = (state: IomCase, caseId: string): ReferredIomCase => openCaseOf(state, caseId, iomProgramme);

/** The shared referral checks, and the IOM team's own: no offence is needed, the referrer is police or probation. */
const referCase = (command: ReferIomCase, state: IomCase): IomEvent[] => {
  const { caseId, programme, referrer } = command.data;
  if (programme !== iomProgramme) throw new WrongProgramme(caseId, programme, iomProgramme);
  referralChecks(command, state.status === 'none' ? undefined : state);
  if (!iomReferrers.includes(referrer.organisation)) throw new IomReferrerNotPoliceOrProbation(referrer.organisation);
  return [caseReferred(command)];
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
