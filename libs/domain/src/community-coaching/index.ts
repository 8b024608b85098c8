import { Decider } from '../shared/decider';
import { CommunityCoachingCommand } from './community-coaching.commands';
import { decideCommunityCoaching } from './community-coaching.decide';
import { CommunityCoachingEvent } from './community-coaching.events';
import { CommunityCoachingCase, evolveCommunityCoaching, initialCommunityCoachingState } from './community-coaching.state';

export * from './community-coaching.events';
export * from './community-coaching.commands';
export * from './community-coaching.errors';
export * from './community-coaching.state';
export * from './community-coaching.eligibility';
export * from './community-coaching.decide';
export * from './community-coaching.steps';

export const communityCoachingDecider: Decider<CommunityCoachingCommand, CommunityCoachingEvent, CommunityCoachingCase> = {
  decide: decideCommunityCoaching,
  evolve: evolveCommunityCoaching,
  initialState: initialCommunityCoachingState,
};
