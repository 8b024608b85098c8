import { CalendarDate } from '../shared/calendar-date';
import { VolunteerEvent, VolunteerOrganisation } from './volunteer.events';

/**
 * One spell of a coach carrying a case, from `takenOn` until `releasedOn` (exclusive). Spells are
 * kept, not overwritten, so that a case taken again after its release leaves the earlier spell
 * counting against the dates it covered.
 */
export type CoachingSpell = { caseId: string; takenOn: CalendarDate; releasedOn?: CalendarDate };

type Recruited = {
  volunteerId: string;
  organisation: VolunteerOrganisation;
  recruitedOn: CalendarDate;
  coachingSpells: readonly CoachingSpell[];
};

export type VolunteerState =
  | { status: 'none' }
  | (Recruited & { status: 'recruited' })
  | (Recruited & { status: 'trained'; trainedOn: CalendarDate })
  | (Recruited & { status: 'left'; trainedOn?: CalendarDate; leftOn: CalendarDate });

export type RecruitedVolunteer = Exclude<VolunteerState, { status: 'none' }>;

export const initialVolunteerState = (): VolunteerState => ({ status: 'none' });

/** Events out of order for the current status change nothing: evolve never throws. */
export const evolveVolunteer = (state: VolunteerState, event: VolunteerEvent): VolunteerState => {
  switch (event.type) {
    case 'VolunteerRecruited': {
      if (state.status !== 'none') return state;
      const { volunteerId, organisation, recruitedOn } = event.data;
      return { status: 'recruited', volunteerId, organisation, recruitedOn, coachingSpells: [] };
    }
    case 'VolunteerTrained':
      return state.status === 'recruited' ? { ...state, status: 'trained', trainedOn: event.data.trainedOn } : state;
    case 'VolunteerLeft':
      return state.status === 'recruited' || state.status === 'trained' ? { ...state, status: 'left', leftOn: event.data.leftOn } : state;
    case 'CoachingCaseTaken': {
      if (state.status === 'none') return state;
      const { caseId, takenOn } = event.data;
      return { ...state, coachingSpells: [...state.coachingSpells, { caseId, takenOn }] };
    }
    case 'CoachingCaseReleased': {
      if (state.status === 'none') return state;
      const { caseId, releasedOn } = event.data;
      const coachingSpells = state.coachingSpells.map((spell) => (spell.caseId === caseId && spell.releasedOn === undefined ? { ...spell, releasedOn } : spell));
      return { ...state, coachingSpells };
    }
    default:
      return state;
  }
};

export const trainedOnOf = (state: VolunteerState): CalendarDate | undefined => (state.status === 'trained' || state.status === 'left' ? state.trainedOn : undefined);

export const leftOnOf = (state: VolunteerState): CalendarDate | undefined => (state.status === 'left' ? state.leftOn : undefined);

/** Trained on or before `date` and not left on or before it, whatever has been recorded since. */
export const isAvailableOn = (state: VolunteerState, date: CalendarDate): boolean => {
  const trainedOn = trainedOnOf(state);
  const leftOn = leftOnOf(state);
  return trainedOn !== undefined && trainedOn <= date && (leftOn === undefined || leftOn > date);
};

export const isCarriedOn = (spell: CoachingSpell, date: CalendarDate): boolean => spell.takenOn <= date && (spell.releasedOn === undefined || date < spell.releasedOn);

/** How many cases the coach carries on `date`, by business dates. */
export const openCaseCount = (state: VolunteerState, date: CalendarDate): number =>
  state.status === 'none' ? 0 : state.coachingSpells.filter((spell) => isCarriedOn(spell, date)).length;

/** The case's spell still open, if the coach carries it now (whatever its dates). */
export const openSpellOf = (state: RecruitedVolunteer, caseId: string): CoachingSpell | undefined =>
  state.coachingSpells.find((spell) => spell.caseId === caseId && spell.releasedOn === undefined);
