import { referredCase } from '../cases/case-steps';
import { CaseBasics } from '../cases/case-steps';
import { Programme } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { CommunityCoachingEvent } from './community-coaching.events';

/**
 * `programme` is kept so that a step sent here for another programme's case is refused.
 * `lastStepOn` follows the main chain (referral, coach, start, end); sessions may be logged in
 * any order, so the latest of them is kept apart. Hours are summed as whole quarter hours,
 * never as floating-point hours.
 */
type Referral = CaseBasics & { programme: Programme; personId: string };

type Coached = Referral & { volunteerId: string; assignedOn: CalendarDate };

type Intervention = Coached & { startedOn: CalendarDate; quarterHours: number; sessionCount: number; latestSessionOn?: CalendarDate };

export type CommunityCoachingCase =
  | { status: 'none' }
  | (Referral & { status: 'referred' })
  | (Coached & { status: 'coach-assigned' })
  | (Intervention & { status: 'intervention-open' })
  | (Intervention & { status: 'completed'; completedOn: CalendarDate })
  | (Intervention & { status: 'withdrawn'; withdrawnOn: CalendarDate; withdrawalReason: string });

export type CommunityCoachingStatus = CommunityCoachingCase['status'];

export type ReferredCommunityCoachingCase = Exclude<CommunityCoachingCase, { status: 'none' }>;

export type OpenIntervention = Extract<CommunityCoachingCase, { status: 'intervention-open' }>;

export const minSessionQuarterHours = 1;
export const maxSessionQuarterHours = 32;

/** The session's length in quarter hours, or undefined when it is not 0.25–8 hours in quarter hours. */
export const sessionQuarterHours = (hours: number): number | undefined => {
  const quarters = hours * 4;
  return Number.isInteger(quarters) && quarters >= minSessionQuarterHours && quarters <= maxSessionQuarterHours ? quarters : undefined;
};

export const initialCommunityCoachingState = (): CommunityCoachingCase => ({ status: 'none' });

/** Events out of order for the current status change nothing: evolve never throws. */
export const evolveCommunityCoaching = (state: CommunityCoachingCase, event: CommunityCoachingEvent): CommunityCoachingCase => {
  switch (event.type) {
    case 'CaseReferred': {
      return state.status === 'none' ? referredCase(event) : state;
    }
    case 'CoachAssigned': {
      const { volunteerId, assignedOn } = event.data;
      return state.status === 'referred' ? { ...state, status: 'coach-assigned', volunteerId, assignedOn, lastStepOn: assignedOn } : state;
    }
    case 'InterventionStarted': {
      const { startedOn } = event.data;
      return state.status === 'coach-assigned' ? { ...state, status: 'intervention-open', startedOn, quarterHours: 0, sessionCount: 0, lastStepOn: startedOn } : state;
    }
    case 'CoachingSessionLogged': {
      if (state.status !== 'intervention-open') return state;
      const { sessionOn, hours } = event.data;
      const latestSessionOn = state.latestSessionOn === undefined || sessionOn > state.latestSessionOn ? sessionOn : state.latestSessionOn;
      return { ...state, quarterHours: state.quarterHours + Math.round(hours * 4), sessionCount: state.sessionCount + 1, latestSessionOn };
    }
    case 'InterventionCompleted': {
      const { completedOn } = event.data;
      return state.status === 'intervention-open' ? { ...state, status: 'completed', completedOn, lastStepOn: completedOn } : state;
    }
    case 'InterventionWithdrawn': {
      const { on, reason } = event.data;
      return state.status === 'intervention-open' ? { ...state, status: 'withdrawn', withdrawnOn: on, withdrawalReason: reason, lastStepOn: on } : state;
    }
    case 'ReoffenceRecorded':
      return state;
    case 'CaseClosed':
      return state.status === 'none' ? state : { ...state, closed: true };
    default:
      return state;
  }
};

/** The coach to release on the volunteer stream when the intervention ends or the case closes. */
export const coachOf = (state: CommunityCoachingCase): string | undefined => ('volunteerId' in state ? state.volunteerId : undefined);

/** Exact: a whole number of quarter hours divided by four. */
export const supportHoursOf = (state: CommunityCoachingCase): number => ('quarterHours' in state ? state.quarterHours / 4 : 0);

/** The date a closing or ending step may not precede: the main chain's last step or a later session. */
export const latestDateOf = (state: ReferredCommunityCoachingCase): CalendarDate =>
  'latestSessionOn' in state && state.latestSessionOn !== undefined && state.latestSessionOn > state.lastStepOn ? state.latestSessionOn : state.lastStepOn;
