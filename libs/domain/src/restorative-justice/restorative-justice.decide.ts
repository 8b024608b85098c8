import { CloseCase, ReferCase } from '../cases/case.commands';
import { caseReferred, closeCase, existingCaseOf, openCaseOf, recordReoffence, referralChecks, stepChecks, stripUndefined } from '../cases/case-steps';
import { UnknownCommand, WrongProgramme } from '../shared/domain-error';
import {
  AcceptReferral,
  DeclineReferral,
  HoldPanel,
  ReachAgreement,
  RecordAgreementBreached,
  RecordNoAgreement,
  RecordVictimSatisfaction,
  RestorativeJusticeCommand,
  UpholdAgreement,
} from './restorative-justice.commands';
import {
  AgreementAlreadyDecided,
  AgreementBeforePanel,
  AgreementOutcomeAlreadyRecorded,
  NoAgreementToUphold,
  OffenceRequired,
  PanelAlreadyHeld,
  PanelBeforeAcceptance,
  ReferralAlreadyDecided,
  ReparationRequired,
  ScoreOutOfRange,
  SurveyAlreadyRecorded,
  SurveyBeforePanel,
} from './restorative-justice.errors';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import { checkFacilitators } from './restorative-justice.facilitators';
import { RestorativeJusticeCase, ReferredRestorativeJusticeCase, hasHadPanel } from './restorative-justice.state';

const programme = 'restorative-justice';

export const decide = (command: RestorativeJusticeCommand, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  switch (command.type) {
    case 'ReferCase':
      return referCase(command, state);
    case 'AcceptReferral':
      return acceptReferral(command, state);
    case 'DeclineReferral':
      return declineReferral(command, state);
    case 'HoldPanel':
      return holdPanel(command, state);
    case 'ReachAgreement':
      return reachAgreement(command, state);
    case 'RecordNoAgreement':
      return recordNoAgreement(command, state);
    case 'UpholdAgreement':
      return upholdAgreement(command, state);
    case 'RecordAgreementBreached':
      return recordAgreementBreached(command, state);
    case 'RecordVictimSatisfaction':
      return recordVictimSatisfaction(command, state);
    case 'RecordReoffence':
      return recordReoffence(command, existingCase(state, command.data.caseId));
    case 'CloseCase':
      return close(command, state);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

const existingCase = (state: RestorativeJusticeCase, caseId: string): ReferredRestorativeJusticeCase => existingCaseOf(state, caseId, programme);

const openCase = (state: RestorativeJusticeCase, caseId: string): ReferredRestorativeJusticeCase => openCaseOf(state, caseId, programme);

const referCase = (command: ReferCase, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, programme: requested } = command.data;
  if (requested !== programme) throw new WrongProgramme(caseId, requested, programme);
  referralChecks(command, state.status === 'none' ? undefined : state);
  if (!command.data.offence) throw new OffenceRequired();
  return [caseReferred(command)];
};

const acceptReferral = (command: AcceptReferral, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, acceptedOn, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status !== 'referred') throw new ReferralAlreadyDecided(caseId, current.status);
  stepChecks(current, 'acceptedOn', acceptedOn, today, 'the referral');
  return [{ type: 'ReferralAccepted', data: { caseId, acceptedOn } }];
};

const declineReferral = (command: DeclineReferral, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, declinedOn, reason, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status !== 'referred') throw new ReferralAlreadyDecided(caseId, current.status);
  stepChecks(current, 'declinedOn', declinedOn, today, 'the referral');
  return [{ type: 'ReferralDeclined', data: { caseId, declinedOn, reason } }];
};

const holdPanel = (command: HoldPanel, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, heldOn, facilitatorIds, victimAttended, facilitators, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status === 'referred' || current.status === 'declined') throw new PanelBeforeAcceptance(caseId, current.status);
  if (current.status !== 'accepted') throw new PanelAlreadyHeld(caseId);
  stepChecks(current, 'heldOn', heldOn, today, 'the acceptance');
  checkFacilitators(facilitatorIds, facilitators, heldOn);
  return [{ type: 'PanelHeld', data: { caseId, heldOn, facilitatorIds, victimAttended } }];
};

const awaitingPanelOutcome = (state: RestorativeJusticeCase, caseId: string): ReferredRestorativeJusticeCase => {
  const current = openCase(state, caseId);
  if (!hasHadPanel(current)) throw new AgreementBeforePanel(caseId, current.status);
  if (current.status !== 'panel-held') throw new AgreementAlreadyDecided(caseId, current.status);
  return current;
};

const reachAgreement = (command: ReachAgreement, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, reachedOn, reparation, today } = command.data;
  const current = awaitingPanelOutcome(state, caseId);
  stepChecks(current, 'reachedOn', reachedOn, today, 'the panel');
  if (reparation.length === 0 || reparation.some((term) => term.trim() === '')) throw new ReparationRequired();
  return [{ type: 'OutcomeAgreementReached', data: { caseId, reachedOn, reparation } }];
};

const recordNoAgreement = (command: RecordNoAgreement, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, on, reason, today } = command.data;
  const current = awaitingPanelOutcome(state, caseId);
  stepChecks(current, 'on', on, today, 'the panel');
  return [{ type: 'NoAgreementReached', data: { caseId, on, reason } }];
};

const agreementInForce = (state: RestorativeJusticeCase, caseId: string): ReferredRestorativeJusticeCase => {
  const current = openCase(state, caseId);
  if (current.status === 'agreement-upheld' || current.status === 'agreement-breached') {
    throw new AgreementOutcomeAlreadyRecorded(caseId, current.status);
  }
  if (current.status !== 'agreement-reached') throw new NoAgreementToUphold(caseId, current.status);
  return current;
};

const upholdAgreement = (command: UpholdAgreement, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, on, today } = command.data;
  stepChecks(agreementInForce(state, caseId), 'on', on, today, 'the outcome agreement');
  return [{ type: 'OutcomeAgreementUpheld', data: { caseId, on } }];
};

const recordAgreementBreached = (command: RecordAgreementBreached, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, on, reason, today } = command.data;
  stepChecks(agreementInForce(state, caseId), 'on', on, today, 'the outcome agreement');
  return [{ type: 'OutcomeAgreementBreached', data: { caseId, on, reason } }];
};

const recordVictimSatisfaction = (command: RecordVictimSatisfaction, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const { caseId, surveyedOn, satisfied, score, today } = command.data;
  const current = openCase(state, caseId);
  if (!hasHadPanel(current)) throw new SurveyBeforePanel(caseId, current.status);
  if (current.surveyedOn !== undefined) throw new SurveyAlreadyRecorded(caseId, current.surveyedOn);
  stepChecks({ ...current, lastStepOn: current.heldOn }, 'surveyedOn', surveyedOn, today, 'the panel');
  if (score !== undefined && !(Number.isInteger(score) && score >= 1 && score <= 5)) throw new ScoreOutOfRange(score);
  return [{ type: 'VictimSatisfactionRecorded', data: stripUndefined({ caseId, surveyedOn, satisfied, score }) }];
};

/** A case is not closed before its victim survey either, though the survey is outside the main chain. */
const close = (command: CloseCase, state: RestorativeJusticeCase): RestorativeJusticeEvent[] => {
  const current = existingCase(state, command.data.caseId);
  const surveyedOn = hasHadPanel(current) ? current.surveyedOn : undefined;
  const lastStepOn = surveyedOn !== undefined && surveyedOn > current.lastStepOn ? surveyedOn : current.lastStepOn;
  return closeCase(command, { ...current, lastStepOn });
};
