import { Decider } from '../shared/decider';
import { VolunteerCommand } from './volunteer.commands';
import { decideVolunteer } from './volunteer.decide';
import { VolunteerEvent } from './volunteer.events';
import { VolunteerState, evolveVolunteer, initialVolunteerState } from './volunteer.state';

export * from './volunteer.events';
export * from './volunteer.commands';
export * from './volunteer.errors';
export * from './volunteer.state';
export * from './volunteer.coach';
export * from './volunteer.decide';

export const volunteerDecider: Decider<VolunteerCommand, VolunteerEvent, VolunteerState> = {
  decide: decideVolunteer,
  evolve: evolveVolunteer,
  initialState: initialVolunteerState,
};
