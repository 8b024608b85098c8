import { CaseClosed, CaseReferred } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

/** The programme's name as cases and requests carry it. */
export const iomProgramme = 'iom';
export type IomProgramme = typeof iomProgramme;

/** An IOM case starts with the shared referral; another programme's referral is folded only so that a step sent for its case is refused as such. */
export type IomReferral = CaseReferred;

export const iomLeavingReasons = ['completed', 'custody', 'moved-away', 'deceased', 'other'] as const;
export type IomLeavingReason = (typeof iomLeavingReasons)[number];

export const isIomLeavingReason = (value: string): value is IomLeavingReason => (iomLeavingReasons as readonly string[]).includes(value);

/** Managed by the IOM team from `adoptedOn`: the cohort the conviction rate is measured over. */
export type CohortMemberAdopted = Event<'CohortMemberAdopted', { caseId: string; adoptedOn: CalendarDate }>;

/** Not adopted, but followed from `assignedOn` as the comparison group ("those not participating"). */
export type ComparisonMemberAssigned = Event<'ComparisonMemberAssigned', { caseId: string; assignedOn: CalendarDate }>;

/** From either group, once; the member's span ends the day before `leftOn`. */
export type CohortMemberLeft = Event<'CohortMemberLeft', { caseId: string; leftOn: CalendarDate; reason: IomLeavingReason }>;

/** A fact, not a step: recorded at any time, and often dated before the referral (the baseline year). */
export type ConvictionRecorded = Event<'ConvictionRecorded', { caseId: string; offenceDate: CalendarDate; convictedOn: CalendarDate; reference?: string }>;

export type ArrestRecorded = Event<'ArrestRecorded', { caseId: string; arrestedOn: CalendarDate; reference?: string }>;

/**
 * What an IOM case stream holds. No `ReoffenceRecorded`: an IOM case records convictions and
 * arrests instead, and its decider refuses a reoffence.
 */
export type IomEvent = IomReferral | CaseClosed | CohortMemberAdopted | ComparisonMemberAssigned | CohortMemberLeft | ConvictionRecorded | ArrestRecorded;
