import { CaseAlreadyClosed, ReoffenceBeforeReferral } from '../cases/case.errors';
import { addDays } from '../shared/calendar-date';
import { CaseNotFound, DateBeforePreviousStep, DateInFuture, WrongProgramme } from '../shared/domain-error';
import { RestorativeJusticeCommand } from './restorative-justice.commands';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import {
  accept,
  accepted,
  agreementReached,
  caseId,
  close,
  closed,
  decline,
  declined,
  facilitatorA,
  facilitatorB,
  holdPanel,
  on,
  panelHeld,
  reachAgreement,
  recordBreach,
  recordNoAgreement,
  recordReoffence,
  referredElsewhere,
  referred,
  spec,
  survey,
  surveyed,
  today,
  uphold,
  upheld,
} from './restorative-justice.fixtures';

const dayBefore = (date: string) => addDays(date, -1);

const everyStep: [string, RestorativeJusticeCommand][] = [
  ['an acceptance', accept()],
  ['a decline', decline()],
  ['a panel', holdPanel()],
  ['an outcome agreement', reachAgreement()],
  ['a failed agreement', recordNoAgreement()],
  ['an upheld agreement', uphold()],
  ['a breached agreement', recordBreach()],
  ['a victim survey', survey()],
  ['a reoffence', recordReoffence(on.upheld)],
  ['a closure', close()],
];

describe('restorative justice', () => {
  describe('reoffences', () => {
    it('records a reoffence with its reference', () =>
      spec
        .given([referred, accepted])
        .when(recordReoffence('2014-05-02', 'CRIS 88'))
        .then([{ type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2014-05-02', reference: 'CRIS 88' } }]));

    it('records a reoffence on the referral date, before any later step, since a reoffence is no step', () =>
      spec
        .given([referred, accepted, panelHeld])
        .when(recordReoffence(on.referred))
        .then([{ type: 'ReoffenceRecorded', data: { caseId, offenceDate: on.referred } }]));

    it('refuses a reoffence dated the day before the referral', () =>
      spec
        .given([referred])
        .when(recordReoffence(dayBefore(on.referred)))
        .thenThrows(ReoffenceBeforeReferral, 'reoffence-before-referral'));

    it('refuses a reoffence dated after today', () =>
      spec
        .given([referred])
        .when(recordReoffence(addDays(today, 1)))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('records a reoffence on a closed case, found months after the work ended', () =>
      spec
        .given([referred, accepted, panelHeld, agreementReached, upheld, closed])
        .when(recordReoffence('2014-11-20'))
        .then([{ type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2014-11-20' } }]));

    it('leaves the case where it was, so the next step is judged as before', () =>
      spec
        .given([referred, accepted, { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2014-11-20' } }])
        .when(holdPanel())
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA, facilitatorB], victimAttended: true } }]));
  });

  describe('closure', () => {
    const story = [referred, accepted, panelHeld, agreementReached, upheld];

    it('closes the case with its reason', () =>
      spec
        .given(story)
        .when(close(on.closed, 'agreement upheld'))
        .then([{ type: 'CaseClosed', data: { caseId, closedOn: on.closed, reason: 'agreement upheld' } }]));

    it('closes on the date of the last step and refuses the day before it', () => {
      spec
        .given(story)
        .when(close(on.upheld))
        .then([{ type: 'CaseClosed', data: { caseId, closedOn: on.upheld } }]);
      spec
        .given(story)
        .when(close(dayBefore(on.upheld)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('closes a declined case on the decline date', () =>
      spec
        .given([referred, declined])
        .when(close(on.accepted))
        .then([{ type: 'CaseClosed', data: { caseId, closedOn: on.accepted } }]));

    it('refuses a closure dated before the victim survey: the survey counts for closure though it is outside the main chain', () => {
      const given = [referred, accepted, panelHeld, surveyed];
      spec
        .given(given)
        .when(close(dayBefore(on.surveyed)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec
        .given(given)
        .when(close(on.surveyed))
        .then([{ type: 'CaseClosed', data: { caseId, closedOn: on.surveyed } }]);
    });

    it('refuses a closure dated after today', () =>
      spec
        .given(story)
        .when(close(addDays(today, 1)))
        .thenThrows(DateInFuture, 'date-in-future'));
  });

  describe('when closed', () => {
    const givenFor: Record<string, RestorativeJusticeEvent[]> = {
      'an acceptance': [referred],
      'a decline': [referred],
      'a panel': [referred, accepted],
      'an outcome agreement': [referred, accepted, panelHeld],
      'a failed agreement': [referred, accepted, panelHeld],
      'an upheld agreement': [referred, accepted, panelHeld, agreementReached],
      'a breached agreement': [referred, accepted, panelHeld, agreementReached],
      'a victim survey': [referred, accepted, panelHeld],
      'a closure': [referred],
    };

    it.each(everyStep.filter(([name]) => name !== 'a reoffence'))('refuses %s', (name, command) =>
      spec
        .given([...givenFor[name], closed])
        .when(command)
        .thenThrows(CaseAlreadyClosed, 'case-closed'),
    );
  });

  describe('a case that does not exist', () => {
    it.each(everyStep)('refuses %s, as missing', (_, command) => spec.given([]).when(command).thenThrows(CaseNotFound, 'case-not-found'));
  });

  describe("another programme's case", () => {
    it.each(everyStep)('refuses %s', (_, command) => spec.given([referredElsewhere]).when(command).thenThrows(WrongProgramme, 'wrong-programme'));
  });
});
