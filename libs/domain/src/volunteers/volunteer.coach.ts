import { stripUndefined } from '../cases/case-steps';
import { CalendarDate } from '../shared/calendar-date';
import { CoachLeft, CoachNotHomeStart, CoachNotTrained } from './volunteer.errors';
import { VolunteerOrganisation } from './volunteer.events';
import { VolunteerState, leftOnOf, openCaseCount, trainedOnOf } from './volunteer.state';

/** "Each coach takes 3–5 interventions": the upper bound, at any one business date. */
export const maxCoachingCases = 5;

/**
 * What a case's handler read from the coach's volunteer stream, as of now. The coaching decider
 * judges it against the assignment date, so a coach who left after that date still counts for it.
 */
export type CoachFacts = { exists: false } | ({ exists: true } & CoachRecord);

export type CoachRecord = { organisation: VolunteerOrganisation; trainedOn?: CalendarDate; leftOn?: CalendarDate };

export const coachFactsOf = (state: VolunteerState): CoachFacts =>
  state.status === 'none' ? { exists: false } : stripUndefined({ exists: true as const, organisation: state.organisation, trainedOn: trainedOnOf(state), leftOn: leftOnOf(state) });

/** A coach is a Home-Start volunteer trained on or before `on` and not left on or before it. */
export const checkCoachOn = (volunteerId: string, coach: CoachRecord, on: CalendarDate): void => {
  if (coach.organisation !== 'home-start') throw new CoachNotHomeStart(volunteerId, coach.organisation);
  if (coach.trainedOn === undefined || coach.trainedOn > on) throw new CoachNotTrained(volunteerId, on, coach.trainedOn);
  if (coach.leftOn !== undefined && coach.leftOn <= on) throw new CoachLeft(volunteerId, on, coach.leftOn);
};

/**
 * The first date on or after `from` at which one more case would take the coach past the
 * maximum. The count only rises where a spell starts, so `from` and each later `takenOn` are
 * the only dates to look at.
 */
export const firstDateOverCapacity = (state: VolunteerState, from: CalendarDate): CalendarDate | undefined => {
  const later = state.status === 'none' ? [] : state.coachingSpells.map((spell) => spell.takenOn).filter((takenOn) => takenOn > from);
  return [from, ...later].sort().find((date) => openCaseCount(state, date) + 1 > maxCoachingCases);
};
