import { CalendarDate, CaseState, Event, fold, volunteerDecider, VolunteerEvent, volunteerStreamId } from '@safer-cases/domain';

/** The coach a coaching case was given, if any. */
export const coachOfCase = (state: CaseState): string | undefined =>
  state.programme === 'community-coaching' && 'volunteerId' in state.state ? state.state.volunteerId : undefined;

/** The release of a case its coach still carries, or nothing when the coach no longer does. */
export const releaseIfCarried = (coachEvents: readonly Event[], volunteerId: string, caseId: string, releasedOn: CalendarDate, today: CalendarDate): Event[] => {
  const coach = fold(volunteerDecider, coachEvents as VolunteerEvent[]);
  const carried = coach.status !== 'none' && coach.coachingSpells.some((spell) => spell.caseId === caseId && spell.releasedOn === undefined);
  return carried ? volunteerDecider.decide({ type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn, today } }, coach) : [];
};

/** The coach's side of a step that ends a coaching case's work (completion, withdrawal, closure): the case given back on `releasedOn`. */
export const coachReleased = (caseId: string, releasedOn: CalendarDate, today: CalendarDate) => ({
  other: (caseState: CaseState): string | undefined => {
    const coach = coachOfCase(caseState);
    return coach === undefined ? undefined : volunteerStreamId(coach);
  },
  onOther: (coachEvents: Event[], caseState: CaseState): Event[] => {
    const coach = coachOfCase(caseState);
    return coach === undefined ? [] : releaseIfCarried(coachEvents, coach, caseId, releasedOn, today);
  },
});
