import { closeProbe, StepProbe } from '../cases/shared-steps';
import { IomCommand } from './iom.commands';
import { IomLeavingReason } from './iom.events';
import { ReferredIomCase } from './iom.state';

/** The steps of an IOM case, in the order a member's page lists them. No `reoffence`: an IOM case records convictions. */
export const iomSteps = ['adoption', 'comparison', 'exit', 'conviction', 'arrest', 'close'] as const;

export type IomStep = (typeof iomSteps)[number];

/** Stands for any reason on the fixed list: which one is the officer's choice, not a rule. */
const probeLeavingReason: IomLeavingReason = 'other';

export const iomStepProbes: Record<IomStep, StepProbe<ReferredIomCase, IomCommand>> = {
  adoption: ({ caseId }, today) => ({ type: 'AdoptCohortMember', data: { caseId, adoptedOn: today, today } }),
  comparison: ({ caseId }, today) => ({ type: 'AssignComparisonMember', data: { caseId, assignedOn: today, today } }),
  exit: ({ caseId }, today) => ({ type: 'RecordIomExit', data: { caseId, leftOn: today, reason: probeLeavingReason, today } }),
  conviction: ({ caseId }, today) => ({ type: 'RecordConviction', data: { caseId, offenceDate: today, convictedOn: today, today } }),
  arrest: ({ caseId }, today) => ({ type: 'RecordArrest', data: { caseId, arrestedOn: today, today } }),
  close: closeProbe,
};
