import { CalendarDate } from '../shared/calendar-date';
import { Event } from '../shared/decider';

export const programmes = ['restorative-justice', 'conditional-caution', 'community-coaching', 'iom'] as const;
export type Programme = (typeof programmes)[number];

export const organisations = ['police', 'probation', 'council', 'victim-support', 'wdp', 'home-start'] as const;
export type Organisation = (typeof organisations)[number];

export const eligibilityBases = ['risk-identified', 'completed-restorative-justice', 'completed-conditional-caution'] as const;
export type EligibilityBasis = (typeof eligibilityBases)[number];

export type Referrer = { organisation: Organisation; reference?: string };
export type Offence = { type: string; date: CalendarDate };
export type Eligibility = { basis: EligibilityBasis; indicators?: string[]; linkedCaseId?: string };

/**
 * The first event of every case stream. Carries ids only: the subject's and victim's names,
 * dates of birth and contact details live in the personal-data store under `personId` and
 * `victimId`.
 */
export type CaseReferred = Event<
  'CaseReferred',
  {
    caseId: string;
    programme: Programme;
    referredOn: CalendarDate;
    referrer: Referrer;
    personId: string;
    victimId?: string;
    offence?: Offence;
    eligibility?: Eligibility;
  }
>;

/** Recorded on any case, closed or not: reoffending is found months after the work ends. */
export type ReoffenceRecorded = Event<'ReoffenceRecorded', { caseId: string; offenceDate: CalendarDate; reference?: string }>;

export type CaseClosed = Event<'CaseClosed', { caseId: string; closedOn: CalendarDate; reason?: string }>;

/** The events every programme writes; `CaseEvent` (case-programmes.ts) is every event of any case. */
export type SharedCaseEvent = CaseReferred | ReoffenceRecorded | CaseClosed;

/**
 * A step recorded in error, struck out: from then on the event at `revision` (its 0-based
 * position in the case stream) counts as never having happened. History is never rewritten, so
 * the struck event stays in the stream and this one says why it no longer stands.
 */
export type EntryStruckOut = Event<'EntryStruckOut', { caseId: string; revision: number; reason: string }>;

/** A closed case taken up again: it takes steps again as before its closure, none dated before `on`. */
export type CaseReopened = Event<'CaseReopened', { caseId: string; on: CalendarDate; reason: string }>;

/**
 * The corrections every case takes. The case decider handles them around the programmes'
 * deciders, so no programme's own rules need to know that an entry can be struck.
 */
export type CaseCorrectionEvent = EntryStruckOut | CaseReopened;

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
