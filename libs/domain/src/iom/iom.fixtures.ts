import { CalendarDate } from '../shared/calendar-date';
import { DeciderSpecification } from '../testing/decider-specification';
import { IomCommand, ReferIomCase } from './iom.commands';
import { IomEvent, IomLeavingReason, IomReferral } from './iom.events';
import { iomDecider } from '.';

/** One IOM member's story on known dates, for the IOM specs: a baseline year entered after the referral, adoption, a later conviction, leaving. */
export const caseId = '9a4d6b1e-0000-4000-8000-000000000001';
export const personId = '9a4d6b1e-0000-4000-8000-0000000000a1';
export const today = '2014-12-01';

export const on = {
  baselineOffence: '2013-05-14',
  baselineConviction: '2013-07-02',
  referred: '2014-03-03',
  joined: '2014-03-10',
  arrested: '2014-06-19',
  offence: '2014-06-20',
  convicted: '2014-08-11',
  left: '2014-09-30',
  closed: '2014-10-06',
};

export const spec = DeciderSpecification.for(iomDecider);

export const referral = (data: Partial<IomReferral['data']> = {}): IomReferral => ({
  type: 'CaseReferred',
  data: { caseId, programme: 'iom', referredOn: on.referred, referrer: { organisation: 'police', reference: 'IOM 0231' }, personId, ...data },
});
export const referred: IomEvent = referral();
export const referredElsewhere: IomEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'community-coaching', referredOn: on.referred, referrer: { organisation: 'council' }, personId },
};
export const adopted: IomEvent = { type: 'CohortMemberAdopted', data: { caseId, adoptedOn: on.joined } };
export const assigned: IomEvent = { type: 'ComparisonMemberAssigned', data: { caseId, assignedOn: on.joined } };
export const left = (reason: IomLeavingReason = 'custody', leftOn: CalendarDate = on.left): IomEvent => ({ type: 'CohortMemberLeft', data: { caseId, leftOn, reason } });
export const convicted = (offenceDate: CalendarDate = on.offence, convictedOn: CalendarDate = on.convicted): IomEvent => ({
  type: 'ConvictionRecorded',
  data: { caseId, offenceDate, convictedOn, reference: 'PNC 88/1' },
});
export const arrested = (arrestedOn: CalendarDate = on.arrested): IomEvent => ({ type: 'ArrestRecorded', data: { caseId, arrestedOn, reference: 'CAD 5512' } });
export const closed = (closedOn: CalendarDate = on.closed): IomEvent => ({ type: 'CaseClosed', data: { caseId, closedOn } });

export const refer = (data: Partial<ReferIomCase['data']> = {}): IomCommand => ({
  type: 'ReferCase',
  data: { caseId, programme: 'iom', referredOn: on.referred, referrer: { organisation: 'police', reference: 'IOM 0231' }, personId, today, ...data },
});
export const adopt = (adoptedOn: CalendarDate = on.joined): IomCommand => ({ type: 'AdoptCohortMember', data: { caseId, adoptedOn, today } });
export const assignComparison = (assignedOn: CalendarDate = on.joined): IomCommand => ({ type: 'AssignComparisonMember', data: { caseId, assignedOn, today } });
export const exit = (leftOn: CalendarDate = on.left, reason: string = 'custody'): IomCommand => ({ type: 'RecordIomExit', data: { caseId, leftOn, reason, today } });
/** `given: {}` leaves the reference out. */
export const recordConviction = (
  offenceDate: CalendarDate = on.offence,
  convictedOn: CalendarDate = on.convicted,
  given: { reference?: string } = { reference: 'PNC 88/1' },
): IomCommand => ({
  type: 'RecordConviction',
  data: { caseId, offenceDate, convictedOn, ...given, today },
});
export const recordArrest = (arrestedOn: CalendarDate = on.arrested, given: { reference?: string } = { reference: 'CAD 5512' }): IomCommand => ({
  type: 'RecordArrest',
  data: { caseId, arrestedOn, ...given, today },
});
export const recordReoffence = (offenceDate: CalendarDate = on.offence): IomCommand => ({ type: 'RecordReoffence', data: { caseId, offenceDate, today } });
export const closeCase = (closedOn: CalendarDate = on.closed): IomCommand => ({ type: 'CloseCase', data: { caseId, closedOn, today } });
