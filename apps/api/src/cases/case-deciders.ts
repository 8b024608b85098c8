import { communityCoachingDecider, conditionalCautionDecider, Command, Decider, Event, Programme, restorativeJusticeDecider } from '@safer-cases/domain';

/** Each programme's decider, chosen by the programme named in a case's CaseReferred. */
export const caseDeciders: Record<Programme, Decider<Command, Event, unknown>> = {
  'restorative-justice': restorativeJusticeDecider as unknown as Decider<Command, Event, unknown>,
  'conditional-caution': conditionalCautionDecider as unknown as Decider<Command, Event, unknown>,
  'community-coaching': communityCoachingDecider as unknown as Decider<Command, Event, unknown>,
};
