import { CaseBasics } from '../cases/case-steps';
import { Programme } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { IomEvent, IomLeavingReason, IomReferral } from './iom.events';

export type IomGroup = 'cohort' | 'comparison';

/** What the measures need of a conviction or an arrest: its business dates. */
export type IomConviction = { offenceDate: CalendarDate; convictedOn: CalendarDate };
export type IomArrest = { arrestedOn: CalendarDate };

/**
 * `lastStepOn` follows the lifecycle (referral, joining, leaving); convictions and
 * arrests are facts dated on their own, often before the referral, so they are kept apart and
 * never move it. `joinedOn` is adoptedOn for the cohort and assignedOn for the comparison group.
 */
type Referral = CaseBasics & { programme: Programme; personId: string; convictions: readonly IomConviction[]; arrests: readonly IomArrest[] };

type Member<G extends IomGroup> = Referral & { group: G; joinedOn: CalendarDate };

export type IomCase =
  | { status: 'none' }
  | (Referral & { status: 'referred' })
  | (Member<'cohort'> & { status: 'cohort-member' })
  | (Member<'comparison'> & { status: 'comparison-member' })
  | (Member<IomGroup> & { status: 'left'; leftOn: CalendarDate; leavingReason: IomLeavingReason });

export type IomStatus = IomCase['status'];

export type ReferredIomCase = Exclude<IomCase, { status: 'none' }>;

export type IomMemberCase = Extract<IomCase, { group: IomGroup }>;

export const initialIomState = (): IomCase => ({ status: 'none' });

const referredIomCase = ({ data: { caseId, programme, referredOn, personId } }: IomReferral): ReferredIomCase => ({
  status: 'referred',
  caseId,
  programme,
  personId,
  referredOn,
  lastStepOn: referredOn,
  closed: false,
  convictions: [],
  arrests: [],
});

const joined = (state: IomCase, group: IomGroup, joinedOn: CalendarDate): IomCase => {
  if (state.status !== 'referred') return state;
  const member = { ...state, joinedOn, lastStepOn: joinedOn };
  return group === 'cohort' ? { ...member, status: 'cohort-member', group } : { ...member, status: 'comparison-member', group };
};

/** Events out of order for the current status change nothing: evolve never throws. */
export const evolveIom = (state: IomCase, event: IomEvent): IomCase => {
  switch (event.type) {
    case 'CaseReferred':
      return state.status === 'none' ? referredIomCase(event) : state;
    case 'CohortMemberAdopted':
      return joined(state, 'cohort', event.data.adoptedOn);
    case 'ComparisonMemberAssigned':
      return joined(state, 'comparison', event.data.assignedOn);
    case 'CohortMemberLeft': {
      const { leftOn, reason } = event.data;
      return state.status === 'cohort-member' || state.status === 'comparison-member' ? { ...state, status: 'left', leftOn, leavingReason: reason, lastStepOn: leftOn } : state;
    }
    case 'ConvictionRecorded': {
      const { offenceDate, convictedOn } = event.data;
      return state.status === 'none' ? state : { ...state, convictions: [...state.convictions, { offenceDate, convictedOn }] };
    }
    case 'ArrestRecorded':
      return state.status === 'none' ? state : { ...state, arrests: [...state.arrests, { arrestedOn: event.data.arrestedOn }] };
    case 'CaseClosed':
      return state.status === 'none' ? state : { ...state, closed: true };
    default:
      return state;
  }
};

export const isIomMember = (state: IomCase): state is IomMemberCase => 'group' in state;
