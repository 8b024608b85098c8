import { SharedCaseCommand } from '../cases/case.commands';
import { CalendarDate } from '../shared/calendar-date';
import { Command } from '../shared/decider';

export type AcceptReferral = Command<'AcceptReferral', { caseId: string; acceptedOn: CalendarDate; today: CalendarDate }>;

export type DeclineReferral = Command<'DeclineReferral', { caseId: string; declinedOn: CalendarDate; reason: string; today: CalendarDate }>;

/**
 * What the handler read from one requested facilitator's volunteer stream, as of now. The
 * decider judges it against the panel date, so a volunteer who left after the panel still
 * counts for it.
 */
export type FacilitatorFacts = { volunteerId: string } & (
  { exists: false } | { exists: true; organisation: 'victim-support' | 'home-start'; trainedOn?: CalendarDate; leftOn?: CalendarDate }
);

export type HoldPanel = Command<
  'HoldPanel',
  {
    caseId: string;
    heldOn: CalendarDate;
    facilitatorIds: string[];
    victimAttended: boolean;
    /** One per requested id; an id without facts is taken as not found. */
    facilitators: FacilitatorFacts[];
    today: CalendarDate;
  }
>;

export type ReachAgreement = Command<'ReachAgreement', { caseId: string; reachedOn: CalendarDate; reparation: string[]; today: CalendarDate }>;

export type RecordNoAgreement = Command<'RecordNoAgreement', { caseId: string; on: CalendarDate; reason: string; today: CalendarDate }>;

export type UpholdAgreement = Command<'UpholdAgreement', { caseId: string; on: CalendarDate; today: CalendarDate }>;

export type RecordAgreementBreached = Command<'RecordAgreementBreached', { caseId: string; on: CalendarDate; reason: string; today: CalendarDate }>;

export type RecordVictimSatisfaction = Command<'RecordVictimSatisfaction', { caseId: string; surveyedOn: CalendarDate; satisfied: boolean; score?: number; today: CalendarDate }>;

export type RestorativeJusticeCommand =
  SharedCaseCommand | AcceptReferral | DeclineReferral | HoldPanel | ReachAgreement | RecordNoAgreement | UpholdAgreement | RecordAgreementBreached | RecordVictimSatisfaction;
