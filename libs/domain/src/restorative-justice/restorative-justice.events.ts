import { SharedCaseEvent } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

/** Victim Support found the case suitable and both parties consented. */
export type ReferralAccepted = Event<'ReferralAccepted', { caseId: string; acceptedOn: CalendarDate }>;

export type ReferralDeclined = Event<'ReferralDeclined', { caseId: string; declinedOn: CalendarDate; reason: string }>;

/** Ids only: whether each facilitator could sit on the panel was decided when the event was written. */
export type PanelHeld = Event<'PanelHeld', { caseId: string; heldOn: CalendarDate; facilitatorIds: string[]; victimAttended: boolean }>;

/** The start point of the reoffending measures. */
export type OutcomeAgreementReached = Event<'OutcomeAgreementReached', { caseId: string; reachedOn: CalendarDate; reparation: string[] }>;

export type NoAgreementReached = Event<'NoAgreementReached', { caseId: string; on: CalendarDate; reason: string }>;

export type OutcomeAgreementUpheld = Event<'OutcomeAgreementUpheld', { caseId: string; on: CalendarDate }>;

export type OutcomeAgreementBreached = Event<'OutcomeAgreementBreached', { caseId: string; on: CalendarDate; reason: string }>;

export type VictimSatisfactionRecorded = Event<'VictimSatisfactionRecorded', { caseId: string; surveyedOn: CalendarDate; satisfied: boolean; score?: number }>;

export type RestorativeJusticeEvent =
  | SharedCaseEvent
  | ReferralAccepted
  | ReferralDeclined
  | PanelHeld
  | OutcomeAgreementReached
  | NoAgreementReached
  | OutcomeAgreementUpheld
  | OutcomeAgreementBreached
  | VictimSatisfactionRecorded;
