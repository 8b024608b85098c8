import { CalendarDate, Event, fold, volunteerDecider, VolunteerEvent } from '@safer-cases/domain';

/** The coach named by a coaching case's latest assignment, if any. */
export const coachOfCase = (caseEvents: readonly Event[]): string | undefined => {
  const assigned = caseEvents.filter((event) => event.type === 'CoachAssigned').at(-1);
  return assigned ? String(assigned.data.volunteerId) : undefined;
};

/** The release of a case its coach still carries, or nothing when the coach no longer does. */
export const releaseIfCarried = (coachEvents: readonly Event[], volunteerId: string, caseId: string, releasedOn: CalendarDate, today: CalendarDate): Event[] => {
  const coach = fold(volunteerDecider, coachEvents as VolunteerEvent[]);
  const carried = coach.status !== 'none' && coach.coachingSpells.some((spell) => spell.caseId === caseId && spell.releasedOn === undefined);
  return carried ? volunteerDecider.decide({ type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn, today } }, coach) : [];
};
