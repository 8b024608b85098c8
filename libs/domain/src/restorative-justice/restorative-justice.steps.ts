import { closeProbe, probeReason, reoffenceProbe, StepProbe } from '../cases/shared-steps';
import { RestorativeJusticeCommand } from './restorative-justice.commands';
import { ReferredRestorativeJusticeCase } from './restorative-justice.state';

/** The steps of a restorative-justice case, in the order a case page lists them; `reoffence` is the referrer's. */
export const restorativeJusticeSteps = ['accept', 'decline', 'panel', 'agreement', 'no-agreement', 'upheld', 'breached', 'survey', 'close', 'reoffence'] as const;

export type RestorativeJusticeStep = (typeof restorativeJusticeSteps)[number];

/** Stands for a Victim Support volunteer trained by the panel's date: which facilitators sit is the panel's own question. */
const facilitatorId = 'any-trained-facilitator';

export const restorativeJusticeStepProbes: Record<RestorativeJusticeStep, StepProbe<ReferredRestorativeJusticeCase, RestorativeJusticeCommand>> = {
  accept: ({ caseId }, today) => ({ type: 'AcceptReferral', data: { caseId, acceptedOn: today, today } }),
  decline: ({ caseId }, today) => ({ type: 'DeclineReferral', data: { caseId, declinedOn: today, reason: probeReason, today } }),
  panel: ({ caseId }, today) => ({
    type: 'HoldPanel',
    data: {
      caseId,
      heldOn: today,
      facilitatorIds: [facilitatorId],
      victimAttended: true,
      facilitators: [{ volunteerId: facilitatorId, exists: true, organisation: 'victim-support', trainedOn: today }],
      today,
    },
  }),
  agreement: ({ caseId }, today) => ({ type: 'ReachAgreement', data: { caseId, reachedOn: today, reparation: ['a reparation'], today } }),
  'no-agreement': ({ caseId }, today) => ({ type: 'RecordNoAgreement', data: { caseId, on: today, reason: probeReason, today } }),
  upheld: ({ caseId }, today) => ({ type: 'UpholdAgreement', data: { caseId, on: today, today } }),
  breached: ({ caseId }, today) => ({ type: 'RecordAgreementBreached', data: { caseId, on: today, reason: probeReason, today } }),
  survey: ({ caseId }, today) => ({ type: 'RecordVictimSatisfaction', data: { caseId, surveyedOn: today, satisfied: true, today } }),
  close: closeProbe,
  reoffence: reoffenceProbe,
};
