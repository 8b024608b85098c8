import { allowedSteps } from '../cases/allowed-steps';
import { caseDecider } from '../cases/case-decider';
import { fold } from '../shared/decider';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import { RestorativeJusticeStep } from './restorative-justice.steps';

const caseId = '5b0c7e9a-0000-4000-8000-000000000001';
const facilitatorId = '5b0c7e9a-0000-4000-8000-0000000000f1';
const today = '2026-11-22';

const referred: RestorativeJusticeEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'restorative-justice', referredOn: '2026-10-01', referrer: { organisation: 'police' }, personId: '5b0c7e9a-0000-4000-8000-0000000000a1' },
};
const accepted: RestorativeJusticeEvent = { type: 'ReferralAccepted', data: { caseId, acceptedOn: '2026-10-05' } };
const declined: RestorativeJusticeEvent = { type: 'ReferralDeclined', data: { caseId, declinedOn: '2026-10-05', reason: 'no consent' } };
const panelHeld: RestorativeJusticeEvent = { type: 'PanelHeld', data: { caseId, heldOn: '2026-10-10', facilitatorIds: [facilitatorId], victimAttended: true } };
const agreement: RestorativeJusticeEvent = { type: 'OutcomeAgreementReached', data: { caseId, reachedOn: '2026-10-10', reparation: ['apology'] } };
const noAgreement: RestorativeJusticeEvent = { type: 'NoAgreementReached', data: { caseId, on: '2026-10-10', reason: 'none offered' } };
const upheld: RestorativeJusticeEvent = { type: 'OutcomeAgreementUpheld', data: { caseId, on: '2026-11-01' } };
const breached: RestorativeJusticeEvent = { type: 'OutcomeAgreementBreached', data: { caseId, on: '2026-11-01', reason: 'no apology' } };
const surveyed: RestorativeJusticeEvent = { type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: '2026-10-12', satisfied: true } };
const closed: RestorativeJusticeEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-11-02' } };

/** The histories of the web's step spec, and the steps its case page offers for each, with the referrer's reoffence. */
const offered: [string, RestorativeJusticeEvent[], RestorativeJusticeStep[]][] = [
  ['referred', [referred], ['accept', 'decline', 'close', 'reoffence']],
  ['declined', [referred, declined], ['close', 'reoffence']],
  ['accepted', [referred, accepted], ['panel', 'close', 'reoffence']],
  ['panel held', [referred, accepted, panelHeld], ['agreement', 'no-agreement', 'survey', 'close', 'reoffence']],
  ['panel held, victim surveyed', [referred, accepted, panelHeld, surveyed], ['agreement', 'no-agreement', 'close', 'reoffence']],
  ['no agreement', [referred, accepted, panelHeld, noAgreement], ['survey', 'close', 'reoffence']],
  ['agreement reached', [referred, accepted, panelHeld, agreement], ['upheld', 'breached', 'survey', 'close', 'reoffence']],
  ['agreement reached, victim surveyed', [referred, accepted, panelHeld, agreement, surveyed], ['upheld', 'breached', 'close', 'reoffence']],
  ['agreement upheld', [referred, accepted, panelHeld, agreement, upheld], ['survey', 'close', 'reoffence']],
  ['agreement upheld, victim surveyed', [referred, accepted, panelHeld, agreement, upheld, surveyed], ['close', 'reoffence']],
  ['agreement breached', [referred, accepted, panelHeld, agreement, breached], ['survey', 'close', 'reoffence']],
  ['closed after the panel', [referred, accepted, panelHeld, closed], ['reoffence']],
  ['closed when referred', [referred, closed], ['reoffence']],
];

describe('the steps a restorative-justice case allows', () => {
  it.each(offered)('allows, when %s, the steps its rules take', (_name, events, steps) => {
    expect(allowedSteps(fold(caseDecider, events), today)).toEqual(steps);
  });

  it('allows a step taken today even when the last one was taken today', () => {
    const panelToday: RestorativeJusticeEvent = { type: 'PanelHeld', data: { caseId, heldOn: today, facilitatorIds: [facilitatorId], victimAttended: false } };
    expect(allowedSteps(fold(caseDecider, [referred, accepted, panelToday]), today)).toEqual(['agreement', 'no-agreement', 'survey', 'close', 'reoffence']);
  });
});
