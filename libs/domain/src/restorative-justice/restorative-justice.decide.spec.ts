import fc from 'fast-check';
import { addDays, daysBetween } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { CaseAlreadyExists, DateBeforePreviousStep, DateInFuture, DomainError, WrongProgramme } from '../shared/domain-error';
import { restorativeJusticeDecider } from '.';
import {
  AgreementAlreadyDecided,
  AgreementBeforePanel,
  AgreementOutcomeAlreadyRecorded,
  FacilitatorCount,
  FacilitatorLeft,
  FacilitatorNotFound,
  FacilitatorNotTrained,
  FacilitatorNotVictimSupport,
  NoAgreementToUphold,
  OffenceRequired,
  PanelAlreadyHeld,
  PanelBeforeAcceptance,
  ReferralAlreadyDecided,
  ReparationRequired,
  ScoreOutOfRange,
  SurveyAlreadyRecorded,
  SurveyBeforePanel,
} from './restorative-justice.errors';
import {
  accept,
  accepted,
  agreementReached,
  breached,
  caseId,
  decline,
  declined,
  facilitatorA,
  facilitatorB,
  facilitatorC,
  holdPanel,
  noAgreement,
  on,
  panelHeld,
  personId,
  reachAgreement,
  recordBreach,
  recordNoAgreement,
  referCase,
  referred,
  spec,
  survey,
  surveyed,
  today,
  trained,
  uphold,
  upheld,
} from './restorative-justice.fixtures';

const dayBefore = (date: string) => addDays(date, -1);
const dayAfter = (date: string) => addDays(date, 1);

describe('restorative justice', () => {
  describe('referral', () => {
    it('opens the case with the police referral: offence, harmed party and referrer', () => spec.given([]).when(referCase()).then([referred]));

    const offence = { type: 'criminal damage', date: on.offence };

    it('refers a case without a victim, who is optional at referral', () =>
      spec
        .given([])
        .when({ type: 'ReferCase', data: { caseId, programme: 'restorative-justice', referredOn: on.referred, referrer: { organisation: 'police' }, personId, offence, today } })
        .then([{ type: 'CaseReferred', data: { caseId, programme: 'restorative-justice', referredOn: on.referred, referrer: { organisation: 'police' }, personId, offence } }]));

    it('refuses a referral without the offence, which the panel is about', () =>
      spec
        .given([])
        .when({ type: 'ReferCase', data: { caseId, programme: 'restorative-justice', referredOn: on.referred, referrer: { organisation: 'police' }, personId, today } })
        .thenThrows(OffenceRequired, 'offence-required'));

    it('refuses a referral for another programme', () =>
      spec
        .given([])
        .when(referCase({ programme: 'conditional-caution' }))
        .thenThrows(WrongProgramme, 'wrong-programme'));

    it('refuses a second referral with the same case id, as a clash', () => {
      spec.given([referred]).when(referCase()).thenThrows(CaseAlreadyExists, 'case-already-exists');
      expect(new CaseAlreadyExists(caseId).kind).toBe('already-exists');
    });

    it('refuses a referral dated after today', () =>
      spec
        .given([])
        .when(referCase({ referredOn: dayAfter(today) }))
        .thenThrows(DateInFuture, 'date-in-future'));
  });

  describe('when referred', () => {
    it('accepts the referral', () => spec.given([referred]).when(accept()).then([accepted]));

    it('accepts the referral on the referral date itself', () =>
      spec
        .given([referred])
        .when(accept(on.referred))
        .then([{ type: 'ReferralAccepted', data: { caseId, acceptedOn: on.referred } }]));

    it('refuses an acceptance dated the day before the referral', () =>
      spec
        .given([referred])
        .when(accept(dayBefore(on.referred)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('refuses an acceptance dated after today', () =>
      spec
        .given([referred])
        .when(accept(dayAfter(today)))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('declines the referral with its reason', () => spec.given([referred]).when(decline()).then([declined]));

    it('declines on the referral date and refuses a decline the day before it', () => {
      spec
        .given([referred])
        .when(decline(on.referred))
        .then([{ type: 'ReferralDeclined', data: { caseId, declinedOn: on.referred, reason: 'victim did not consent' } }]);
      spec
        .given([referred])
        .when(decline(dayBefore(on.referred)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses a panel before the referral is accepted', () => spec.given([referred]).when(holdPanel()).thenThrows(PanelBeforeAcceptance, 'panel-before-acceptance'));

    it('refuses an outcome agreement or its absence before any panel', () => {
      spec.given([referred]).when(reachAgreement()).thenThrows(AgreementBeforePanel, 'agreement-before-panel');
      spec.given([referred]).when(recordNoAgreement()).thenThrows(AgreementBeforePanel, 'agreement-before-panel');
    });

    it('refuses to uphold or breach an agreement never reached', () => {
      spec.given([referred]).when(uphold()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
      spec.given([referred]).when(recordBreach()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
    });

    it('refuses a victim survey before the panel', () => spec.given([referred]).when(survey()).thenThrows(SurveyBeforePanel, 'survey-before-panel'));
  });

  describe('when declined', () => {
    it('refuses to accept or decline the referral again', () => {
      spec.given([referred, declined]).when(accept()).thenThrows(ReferralAlreadyDecided, 'referral-already-decided');
      spec.given([referred, declined]).when(decline()).thenThrows(ReferralAlreadyDecided, 'referral-already-decided');
    });

    it('refuses a panel on a declined case', () => spec.given([referred, declined]).when(holdPanel()).thenThrows(PanelBeforeAcceptance, 'panel-before-acceptance'));

    it('refuses the later steps, none of which can follow a decline', () => {
      spec.given([referred, declined]).when(reachAgreement()).thenThrows(AgreementBeforePanel, 'agreement-before-panel');
      spec.given([referred, declined]).when(uphold()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
      spec.given([referred, declined]).when(survey()).thenThrows(SurveyBeforePanel, 'survey-before-panel');
    });
  });

  describe('when accepted', () => {
    const given = [referred, accepted];

    it('refuses to accept or decline the referral again', () => {
      spec.given(given).when(accept()).thenThrows(ReferralAlreadyDecided, 'referral-already-decided');
      spec.given(given).when(decline()).thenThrows(ReferralAlreadyDecided, 'referral-already-decided');
    });

    it('holds the panel, recording the facilitator ids but not the facts checked about them', () =>
      spec
        .given(given)
        .when(holdPanel({ victimAttended: false }))
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA, facilitatorB], victimAttended: false } }]));

    it('holds the panel on the acceptance date and refuses one the day before it', () => {
      spec
        .given(given)
        .when(holdPanel({ heldOn: on.accepted, facilitatorIds: [facilitatorA] }))
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.accepted, facilitatorIds: [facilitatorA], victimAttended: true } }]);
      spec
        .given(given)
        .when(holdPanel({ heldOn: dayBefore(on.accepted) }))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses a panel dated after today', () =>
      spec
        .given(given)
        .when(holdPanel({ heldOn: dayAfter(today) }))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('holds a panel with three facilitators', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitatorIds: [facilitatorA, facilitatorB, facilitatorC] }))
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA, facilitatorB, facilitatorC], victimAttended: true } }]));

    it.each([
      ['no facilitator', []],
      ['four facilitators', [facilitatorA, facilitatorB, facilitatorC, '7d0e2c1a-0000-4000-8000-0000000000f4']],
      ['the same facilitator twice', [facilitatorA, facilitatorA]],
    ])('refuses a panel with %s', (_, facilitatorIds) => spec.given(given).when(holdPanel({ facilitatorIds })).thenThrows(FacilitatorCount, 'facilitator-count'));

    it('refuses a facilitator who is not a volunteer, as missing', () => {
      const facilitators = [trained(facilitatorA), { volunteerId: facilitatorB, exists: false as const }];
      spec.given(given).when(holdPanel({ facilitators })).thenThrows(FacilitatorNotFound, 'facilitator-not-found');
      expect(new FacilitatorNotFound(facilitatorB).kind).toBe('not-found');
    });

    it('refuses a facilitator the handler found no facts for, as missing', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitators: [trained(facilitatorA)] }))
        .thenThrows(FacilitatorNotFound, 'facilitator-not-found'));

    it('refuses a Home-Start volunteer as facilitator', () => {
      const facilitators = [trained(facilitatorA), { ...trained(facilitatorB), organisation: 'home-start' as const }];
      spec.given(given).when(holdPanel({ facilitators })).thenThrows(FacilitatorNotVictimSupport, 'facilitator-not-victim-support');
    });

    it('refuses a panel with an untrained facilitator', () => {
      const facilitators = [trained(facilitatorA), { volunteerId: facilitatorB, exists: true as const, organisation: 'victim-support' as const }];
      spec.given(given).when(holdPanel({ facilitators })).thenThrows(FacilitatorNotTrained, 'facilitator-not-trained');
    });

    it('refuses a facilitator trained the day after the panel, even if trained by now', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitators: [trained(facilitatorA), trained(facilitatorB, { trainedOn: dayAfter(on.panel) })] }))
        .thenThrows(FacilitatorNotTrained, 'facilitator-not-trained'));

    it('accepts a facilitator trained on the panel date', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitatorIds: [facilitatorA], facilitators: [trained(facilitatorA, { trainedOn: on.panel })] }))
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA], victimAttended: true } }]));

    it('refuses a facilitator who left on the panel date', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitators: [trained(facilitatorA), trained(facilitatorB, { leftOn: on.panel })] }))
        .thenThrows(FacilitatorLeft, 'facilitator-left'));

    it('accepts a facilitator who left the day after the panel, judging availability on the panel date', () =>
      spec
        .given(given)
        .when(holdPanel({ facilitatorIds: [facilitatorA], facilitators: [trained(facilitatorA, { leftOn: dayAfter(on.panel) })] }))
        .then([{ type: 'PanelHeld', data: { caseId, heldOn: on.panel, facilitatorIds: [facilitatorA], victimAttended: true } }]));

    it('checks every facilitator, not only the first', () =>
      spec
        .given(given)
        .when(
          holdPanel({
            facilitatorIds: [facilitatorA, facilitatorB, facilitatorC],
            facilitators: [trained(facilitatorA), trained(facilitatorB), trained(facilitatorC, { leftOn: '2014-02-01' })],
          }),
        )
        .thenThrows(FacilitatorLeft, 'facilitator-left'));

    it('accepts a facilitator exactly when trained on or before the panel date and not left on or before it', () => {
      const panelDate = fc.integer({ min: 0, max: daysBetween(on.accepted, today) }).map((offset) => addDays(on.accepted, offset));
      const offset = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -900, max: 900 }));
      const volunteerDate = fc.option(offset, { nil: undefined });
      fc.assert(
        fc.property(panelDate, volunteerDate, volunteerDate, (heldOn, trainedOffset, leftOffset) => {
          const trainedOn = trainedOffset === undefined ? undefined : addDays(heldOn, trainedOffset);
          const leftOn = leftOffset === undefined ? undefined : addDays(heldOn, leftOffset);
          const command = holdPanel({
            heldOn,
            facilitatorIds: [facilitatorA],
            facilitators: [{ volunteerId: facilitatorA, exists: true, organisation: 'victim-support', trainedOn, leftOn }],
          });
          const trainedByThen = trainedOn !== undefined && trainedOn <= heldOn;
          const stillThere = leftOn === undefined || leftOn > heldOn;
          let refusal: unknown;
          try {
            restorativeJusticeDecider.decide(command, fold(restorativeJusticeDecider, given));
          } catch (error) {
            refusal = error;
          }
          if (trainedByThen && stillThere) return refusal === undefined;
          return refusal instanceof DomainError && refusal.code === (trainedByThen ? 'facilitator-left' : 'facilitator-not-trained');
        }),
      );
    });

    it('refuses an agreement and a survey before the panel', () => {
      spec.given(given).when(reachAgreement()).thenThrows(AgreementBeforePanel, 'agreement-before-panel');
      spec.given(given).when(survey()).thenThrows(SurveyBeforePanel, 'survey-before-panel');
    });
  });

  describe('when the panel has been held', () => {
    const given = [referred, accepted, panelHeld];

    it('refuses a second panel', () => spec.given(given).when(holdPanel()).thenThrows(PanelAlreadyHeld, 'panel-already-held'));

    it('records the outcome agreement with its reparation terms', () => spec.given(given).when(reachAgreement()).then([agreementReached]));

    it('reaches an agreement on the panel date and refuses one the day before it', () => {
      spec
        .given(given)
        .when(reachAgreement(on.panel, ['written apology']))
        .then([{ type: 'OutcomeAgreementReached', data: { caseId, reachedOn: on.panel, reparation: ['written apology'] } }]);
      spec
        .given(given)
        .when(reachAgreement(dayBefore(on.panel)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses an agreement with no reparation, or with a blank term', () => {
      spec.given(given).when(reachAgreement(on.agreement, [])).thenThrows(ReparationRequired, 'reparation-required');
      spec
        .given(given)
        .when(reachAgreement(on.agreement, ['written apology', '  ']))
        .thenThrows(ReparationRequired, 'reparation-required');
    });

    it('records that no agreement was reached, with its reason', () => spec.given(given).when(recordNoAgreement()).then([noAgreement]));

    it('records no agreement on the panel date and refuses it the day before', () => {
      spec
        .given(given)
        .when(recordNoAgreement(on.panel))
        .then([{ type: 'NoAgreementReached', data: { caseId, on: on.panel, reason: 'no reparation offered' } }]);
      spec
        .given(given)
        .when(recordNoAgreement(dayBefore(on.panel)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses to uphold or breach before an agreement is reached', () => {
      spec.given(given).when(uphold()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
      spec.given(given).when(recordBreach()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
    });

    it('records the victim satisfaction survey with its score', () => spec.given(given).when(survey()).then([surveyed]));

    it('records a survey without a score, leaving the score out of the event', () =>
      spec
        .given(given)
        .when(survey({ satisfied: false, score: undefined }))
        .then([{ type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: on.surveyed, satisfied: false } }]));

    it('records a survey on the panel date and refuses one the day before it', () => {
      spec
        .given(given)
        .when(survey({ surveyedOn: on.panel }))
        .then([{ type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: on.panel, satisfied: true, score: 4 } }]);
      spec
        .given(given)
        .when(survey({ surveyedOn: dayBefore(on.panel) }))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses a survey dated after today', () =>
      spec
        .given(given)
        .when(survey({ surveyedOn: dayAfter(today) }))
        .thenThrows(DateInFuture, 'date-in-future'));

    it.each([1, 5])('accepts a score of %d', (score) =>
      spec
        .given(given)
        .when(survey({ score }))
        .then([{ type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: on.surveyed, satisfied: true, score } }]),
    );

    it.each([0, 6, 2.5, -1, Number.NaN])('refuses a score of %d', (score) => spec.given(given).when(survey({ score })).thenThrows(ScoreOutOfRange, 'score-out-of-range'));
  });

  describe('when an outcome agreement has been reached', () => {
    const given = [referred, accepted, panelHeld, agreementReached];

    it('refuses a second decision on the panel outcome', () => {
      spec.given(given).when(reachAgreement()).thenThrows(AgreementAlreadyDecided, 'agreement-already-decided');
      spec.given(given).when(recordNoAgreement()).thenThrows(AgreementAlreadyDecided, 'agreement-already-decided');
    });

    it('records the agreement upheld', () => spec.given(given).when(uphold()).then([upheld]));

    it('records the agreement breached, with its reason', () => spec.given(given).when(recordBreach()).then([breached]));

    it('upholds on the agreement date and refuses the day before it', () => {
      spec
        .given(given)
        .when(uphold(on.agreement))
        .then([{ type: 'OutcomeAgreementUpheld', data: { caseId, on: on.agreement } }]);
      spec
        .given(given)
        .when(uphold(dayBefore(on.agreement)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec
        .given(given)
        .when(recordBreach(dayBefore(on.agreement)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('accepts a survey recorded after the agreement but dated between the panel and the agreement, since it follows only the panel', () =>
      spec
        .given(given)
        .when(survey({ surveyedOn: dayAfter(on.panel) }))
        .then([{ type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: dayAfter(on.panel), satisfied: true, score: 4 } }]));
  });

  describe('when no agreement was reached', () => {
    const given = [referred, accepted, panelHeld, noAgreement];

    it('refuses an agreement afterwards', () => spec.given(given).when(reachAgreement()).thenThrows(AgreementAlreadyDecided, 'agreement-already-decided'));

    it('refuses to uphold or breach the agreement that was never reached', () => {
      spec.given(given).when(uphold()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
      spec.given(given).when(recordBreach()).thenThrows(NoAgreementToUphold, 'no-agreement-to-uphold');
    });
  });

  describe('when the agreement was upheld or breached', () => {
    it.each([
      ['upheld', upheld],
      ['breached', breached],
    ])('refuses a second outcome once %s', (_, outcome) => {
      const given = [referred, accepted, panelHeld, agreementReached, outcome];
      spec.given(given).when(uphold()).thenThrows(AgreementOutcomeAlreadyRecorded, 'agreement-outcome-already-recorded');
      spec.given(given).when(recordBreach()).thenThrows(AgreementOutcomeAlreadyRecorded, 'agreement-outcome-already-recorded');
      spec.given(given).when(reachAgreement()).thenThrows(AgreementAlreadyDecided, 'agreement-already-decided');
    });
  });

  describe('when the victim has been surveyed', () => {
    it('refuses a second survey', () => spec.given([referred, accepted, panelHeld, surveyed]).when(survey()).thenThrows(SurveyAlreadyRecorded, 'survey-already-recorded'));

    it('still dates the agreement from the panel, not from a survey recorded earlier: the survey is outside the main chain', () =>
      spec.given([referred, accepted, panelHeld, surveyed]).when(reachAgreement(on.agreement)).then([agreementReached]));
  });
});
