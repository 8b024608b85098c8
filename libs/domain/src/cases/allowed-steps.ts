import { CommunityCoachingStep, communityCoachingStepProbes, communityCoachingSteps } from '../community-coaching/community-coaching.steps';
import { ConditionalCautionStep, conditionalCautionStepProbes, conditionalCautionSteps } from '../conditional-caution/conditional-caution.steps';
import { IomStep, iomStepProbes, iomSteps } from '../iom/iom.steps';
import { RestorativeJusticeStep, restorativeJusticeStepProbes, restorativeJusticeSteps } from '../restorative-justice/restorative-justice.steps';
import { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';
import { caseDecider, CaseState, CommunityCoachingCaseState, ConditionalCautionCaseState, IomCaseState, RestorativeJusticeCaseState } from './case-decider';
import { CaseCommand } from './case-programmes';
import { StepProbe } from './shared-steps';

export type CaseStep = RestorativeJusticeStep | ConditionalCautionStep | CommunityCoachingStep | IomStep;

/** Refused by a rule, the step is not offered; any other failure is a fault and is not hidden. */
const accepted = (command: CaseCommand, state: CaseState): boolean => {
  try {
    caseDecider.decide(command, state);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

const allowedOf = <Step extends string, S>(
  steps: readonly Step[],
  probes: Record<Step, StepProbe<S, CaseCommand>>,
  programmeState: S,
  state: CaseState,
  today: CalendarDate,
): Step[] => steps.filter((step) => accepted(probes[step](programmeState, today), state));

/**
 * The steps the case's decider would take today, each tried as its probe command, in the order
 * of the programme's step list: what a case page offers comes from the rules, not from a second
 * list of them. Nothing before a referral.
 */
export function allowedSteps(state: RestorativeJusticeCaseState, today: CalendarDate): RestorativeJusticeStep[];
export function allowedSteps(state: ConditionalCautionCaseState, today: CalendarDate): ConditionalCautionStep[];
export function allowedSteps(state: CommunityCoachingCaseState, today: CalendarDate): CommunityCoachingStep[];
export function allowedSteps(state: IomCaseState, today: CalendarDate): IomStep[];
export function allowedSteps(state: CaseState, today: CalendarDate): CaseStep[];
export function allowedSteps(state: CaseState, today: CalendarDate): CaseStep[] {
  switch (state.programme) {
    case null:
      return [];
    case 'restorative-justice':
      return allowedOf(restorativeJusticeSteps, restorativeJusticeStepProbes, state.state, state, today);
    case 'conditional-caution':
      return allowedOf(conditionalCautionSteps, conditionalCautionStepProbes, state.state, state, today);
    case 'community-coaching':
      return allowedOf(communityCoachingSteps, communityCoachingStepProbes, state.state, state, today);
    case 'iom':
      return allowedOf(iomSteps, iomStepProbes, state.state, state, today);
  }
}
