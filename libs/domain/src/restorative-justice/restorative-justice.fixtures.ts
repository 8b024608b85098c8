import { CalendarDate } from '../shared/calendar-date';
import { DeciderSpecification } from '../testing/decider-specification';
import { FacilitatorFacts, RestorativeJusticeCommand } from './restorative-justice.commands';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import { restorativeJusticeDecider } from '.';

/** One case's story on known dates, for the restorative-justice specs. */
export const caseId = '7d0e2c1a-0000-4000-8000-000000000001';
export const personId = '7d0e2c1a-0000-4000-8000-0000000000a1';
export const victimId = '7d0e2c1a-0000-4000-8000-0000000000b1';
export const facilitatorA = '7d0e2c1a-0000-4000-8000-0000000000f1';
export const facilitatorB = '7d0e2c1a-0000-4000-8000-0000000000f2';
export const facilitatorC = '7d0e2c1a-0000-4000-8000-0000000000f3';
export const today = '2014-12-01';

export const on = {
  offence: '2014-02-20',
  referred: '2014-03-03',
  accepted: '2014-03-10',
  panel: '2014-04-01',
  agreement: '2014-04-08',
  surveyed: '2014-04-15',
  upheld: '2014-07-01',
  closed: '2014-08-01',
};

export const spec = DeciderSpecification.for(restorativeJusticeDecider);

export const referred: RestorativeJusticeEvent = {
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'restorative-justice',
    referredOn: on.referred,
    referrer: { organisation: 'police', reference: 'CAD 4411' },
    personId,
    victimId,
    offence: { type: 'criminal damage', date: on.offence },
  },
};
export const referredElsewhere: RestorativeJusticeEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'conditional-caution', referredOn: on.referred, referrer: { organisation: 'police' }, personId },
};
export const accepted: RestorativeJusticeEvent = { type: 'ReferralAccepted', data: { caseId, acceptedOn: on.accepted } };
export const declined: RestorativeJusticeEvent = {
  type: 'ReferralDeclined',
  data: { caseId, declinedOn: on.accepted, reason: 'victim did not consent' },
};
export const panelHeld: RestorativeJusticeEvent = {
  type: 'PanelHeld',
  data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA, facilitatorB], victimAttended: true },
};
export const agreementReached: RestorativeJusticeEvent = {
  type: 'OutcomeAgreementReached',
  data: { caseId, reachedOn: on.agreement, reparation: ['written apology', 'repaint the bus shelter'] },
};
export const noAgreement: RestorativeJusticeEvent = { type: 'NoAgreementReached', data: { caseId, on: on.agreement, reason: 'no reparation offered' } };
export const upheld: RestorativeJusticeEvent = { type: 'OutcomeAgreementUpheld', data: { caseId, on: on.upheld } };
export const breached: RestorativeJusticeEvent = { type: 'OutcomeAgreementBreached', data: { caseId, on: on.upheld, reason: 'apology not written' } };
export const surveyed: RestorativeJusticeEvent = {
  type: 'VictimSatisfactionRecorded',
  data: { caseId, surveyedOn: on.surveyed, satisfied: true, score: 4 },
};
export const closed: RestorativeJusticeEvent = { type: 'CaseClosed', data: { caseId, closedOn: on.closed } };

export const trained = (volunteerId: string, facts: { trainedOn?: CalendarDate; leftOn?: CalendarDate } = {}): FacilitatorFacts => ({
  volunteerId,
  exists: true,
  organisation: 'victim-support',
  trainedOn: '2014-01-15',
  ...facts,
});

export const referCase = (data: { programme?: 'restorative-justice' | 'conditional-caution'; referredOn?: CalendarDate } = {}): RestorativeJusticeCommand => ({
  type: 'ReferCase',
  data: {
    caseId,
    programme: 'restorative-justice',
    referredOn: on.referred,
    referrer: { organisation: 'police', reference: 'CAD 4411' },
    personId,
    victimId,
    offence: { type: 'criminal damage', date: on.offence },
    today,
    ...data,
  },
});
export const accept = (acceptedOn = on.accepted): RestorativeJusticeCommand => ({ type: 'AcceptReferral', data: { caseId, acceptedOn, today } });
export const decline = (declinedOn = on.accepted): RestorativeJusticeCommand => ({
  type: 'DeclineReferral',
  data: { caseId, declinedOn, reason: 'victim did not consent', today },
});
export const holdPanel = (
  data: { heldOn?: CalendarDate; facilitatorIds?: string[]; facilitators?: FacilitatorFacts[]; victimAttended?: boolean } = {},
): RestorativeJusticeCommand => {
  const facilitatorIds = data.facilitatorIds ?? [facilitatorA, facilitatorB];
  return {
    type: 'HoldPanel',
    data: {
      caseId,
      heldOn: data.heldOn ?? on.panel,
      facilitatorIds,
      victimAttended: data.victimAttended ?? true,
      facilitators: data.facilitators ?? facilitatorIds.map((id) => trained(id)),
      today,
    },
  };
};
export const reachAgreement = (reachedOn = on.agreement, reparation = ['written apology', 'repaint the bus shelter']): RestorativeJusticeCommand => ({
  type: 'ReachAgreement',
  data: { caseId, reachedOn, reparation, today },
});
export const recordNoAgreement = (date = on.agreement): RestorativeJusticeCommand => ({
  type: 'RecordNoAgreement',
  data: { caseId, on: date, reason: 'no reparation offered', today },
});
export const uphold = (date = on.upheld): RestorativeJusticeCommand => ({ type: 'UpholdAgreement', data: { caseId, on: date, today } });
export const recordBreach = (date = on.upheld): RestorativeJusticeCommand => ({
  type: 'RecordAgreementBreached',
  data: { caseId, on: date, reason: 'apology not written', today },
});
export const survey = (data: { surveyedOn?: CalendarDate; satisfied?: boolean; score?: number } = {}): RestorativeJusticeCommand => ({
  type: 'RecordVictimSatisfaction',
  data: { caseId, surveyedOn: on.surveyed, satisfied: true, score: 4, today, ...data },
});
export const recordReoffence = (offenceDate: CalendarDate, reference?: string): RestorativeJusticeCommand => ({
  type: 'RecordReoffence',
  data: { caseId, offenceDate, reference, today },
});
export const close = (closedOn = on.closed, reason?: string): RestorativeJusticeCommand => ({ type: 'CloseCase', data: { caseId, closedOn, reason, today } });
