import * as coaching from '../community-coaching/community-coaching.fixtures';
import { communityCoachingDecider } from '../community-coaching';
import { CoachAlreadyAssigned, EligibilityRequired } from '../community-coaching/community-coaching.errors';
import * as caution from '../conditional-caution/conditional-caution.fixtures';
import { conditionalCautionDecider } from '../conditional-caution';
import { OffenceDateRequired } from '../conditional-caution/conditional-caution.errors';
import * as iom from '../iom/iom.fixtures';
import { AlreadyInComparisonGroup, IomReferrerNotPoliceOrProbation, ReoffenceNotForIom } from '../iom/iom.errors';
import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { restorativeJusticeDecider } from '../restorative-justice';
import { OffenceRequired, PanelBeforeAcceptance } from '../restorative-justice/restorative-justice.errors';
import { fold } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, WrongProgramme } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import { CaseAlreadyClosed } from './case.errors';
import { caseDecider, caseFactsOf } from './case-decider';
import { CaseEvent, isIomEvent, isRestorativeJusticeCommand, programmeOfCommand, programmeOfEvent } from './case-programmes';

const spec = DeciderSpecification.for(caseDecider);

/** A referral of the restorative-justice case's subject that names no offence and no eligibility. */
const bareReferral = { caseId: rj.caseId, referredOn: rj.on.referred, referrer: { organisation: 'police' as const }, personId: rj.personId, today: rj.today };

describe('a case, whatever its programme', () => {
  describe('when nothing has been referred', () => {
    it('refers a restorative-justice case by the restorative-justice rules', () => spec.given([]).when(rj.referCase()).then([rj.referred]));

    it('refers a conditional-caution case by the conditional-caution rules', () => spec.given([]).when(caution.referCase()).then([caution.referred()]));

    it('refers a coaching case by the coaching rules', () => spec.given([]).when(coaching.refer()).then([coaching.referred]));

    it('refuses a referral its programme’s own rules refuse', () => {
      spec
        .given([])
        .when({ type: 'ReferCase', data: { ...bareReferral, programme: 'restorative-justice' } })
        .thenThrows(OffenceRequired);
      spec
        .given([])
        .when({ type: 'ReferCase', data: { ...bareReferral, programme: 'conditional-caution' } })
        .thenThrows(OffenceDateRequired);
      spec
        .given([])
        .when({ type: 'ReferCase', data: { ...bareReferral, programme: 'community-coaching' } })
        .thenThrows(EligibilityRequired);
    });

    it('refuses any other step as a case not found', () => {
      spec.given([]).when(rj.accept()).thenThrows(CaseNotFound);
      spec.given([]).when(caution.bookCourse()).thenThrows(CaseNotFound);
      spec.given([]).when(coaching.closeCase()).thenThrows(CaseNotFound);
      spec.given([]).when(rj.recordReoffence(rj.on.closed)).thenThrows(CaseNotFound);
    });
  });

  describe('when referred', () => {
    it('refuses a second referral, to its own programme or another', () => {
      spec.given([rj.referred]).when(rj.referCase()).thenThrows(CaseAlreadyExists);
      spec
        .given([rj.referred])
        .when(rj.referCase({ programme: 'conditional-caution' }))
        .thenThrows(CaseAlreadyExists);
    });

    it('refuses another programme’s step, naming the case’s programme and the step’s', () => {
      spec.given([rj.referred]).when(caution.bookCourse()).thenThrows(WrongProgramme, 'wrong-programme');
      const decide = () => caseDecider.decide(coaching.startIntervention(), fold(caseDecider, [caution.referred()]));
      expect(decide).toThrow(`Case ${coaching.caseId} belongs to conditional-caution; this step is for community-coaching`);
    });

    it('leaves a restorative-justice step to the restorative-justice rules', () => {
      spec.given([rj.referred, rj.accepted]).when(rj.holdPanel()).then([rj.panelHeld]);
      spec.given([rj.referred]).when(rj.holdPanel()).thenThrows(PanelBeforeAcceptance);
    });

    it('leaves a conditional-caution step to the conditional-caution rules', () => {
      spec.given([caution.referred()]).when(caution.bookCourse()).then([caution.booked()]);
      spec.given([caution.referred(), caution.booked()]).when(caution.recordAttendance()).then([caution.attended()]);
    });

    it('leaves a coaching step to the coaching rules', () => {
      spec.given([coaching.referred]).when(coaching.assignCoach()).then([coaching.coachAssigned]);
      spec.given([coaching.referred, coaching.coachAssigned]).when(coaching.assignCoach()).thenThrows(CoachAlreadyAssigned);
    });

    it('closes a case of any programme, once, and records a reoffence on it afterwards', () => {
      spec.given([rj.referred]).when(rj.close()).then([rj.closed]);
      spec.given([caution.referred()]).when(caution.closeCase()).then([caution.closed()]);
      spec.given([coaching.referred, coaching.closed()]).when(coaching.closeCase()).thenThrows(CaseAlreadyClosed);
      spec
        .given([rj.referred, rj.closed])
        .when(rj.recordReoffence('2014-09-01', 'CAD 9999'))
        .then([{ type: 'ReoffenceRecorded', data: { caseId: rj.caseId, offenceDate: '2014-09-01', reference: 'CAD 9999' } }]);
    });
  });
});

describe('a case’s state, folded from its events', () => {
  it('starts with nothing referred, counting any event before the referral', () => {
    expect(caseDecider.initialState()).toEqual({ programme: null, nextRevision: 0 });
    expect(fold(caseDecider, [rj.accepted, rj.closed])).toEqual({ programme: null, nextRevision: 2 });
  });

  it('is the programme’s own state beside the referral, for every programme', () => {
    const entriesOf = (events: CaseEvent[]) => events.map((event, revision) => ({ revision, event }));
    const story = [rj.referred, rj.accepted, rj.panelHeld, rj.agreementReached, rj.surveyed, rj.closed];
    expect(fold(caseDecider, story)).toEqual({
      programme: 'restorative-justice',
      state: fold(restorativeJusticeDecider, story),
      referral: rj.referred.data,
      entries: entriesOf(story),
      nextRevision: story.length,
    });
    const cautionStory = [caution.referred(), caution.feePaid(), caution.booked(), caution.attended()];
    expect(fold(caseDecider, cautionStory)).toEqual({
      programme: 'conditional-caution',
      state: fold(conditionalCautionDecider, cautionStory),
      referral: caution.referred().data,
      entries: entriesOf(cautionStory),
      nextRevision: cautionStory.length,
    });
    const coached = [...coaching.open, coaching.sessionLogged(coaching.on.firstSession, 1.5), coaching.interventionCompleted];
    expect(fold(caseDecider, coached)).toEqual({
      programme: 'community-coaching',
      state: fold(communityCoachingDecider, coached),
      referral: coaching.referred.data,
      entries: entriesOf(coached),
      nextRevision: coached.length,
    });
  });

  it('ignores another programme’s events and a second referral, though they take their revisions', () => {
    const secondReferral: CaseEvent = { type: 'CaseReferred', data: { ...bareReferral, programme: 'community-coaching' } };
    const withStrays = [rj.referred, caution.booked(), rj.accepted, coaching.coachAssigned, secondReferral];
    const folded = fold(caseDecider, withStrays);
    const without = fold(caseDecider, [rj.referred, rj.accepted]);
    if (folded.programme === null || without.programme === null) throw new Error('the case was referred');
    expect(folded.state).toEqual(without.state);
    expect(folded.referral).toEqual(without.referral);
    expect(folded.entries).toEqual([
      { revision: 0, event: rj.referred },
      { revision: 2, event: rj.accepted },
    ]);
    expect(folded.nextRevision).toBe(withStrays.length);
  });
});

describe('what is known of a case, whatever its programme', () => {
  it('is nothing before the referral', () => expect(caseFactsOf(caseDecider.initialState())).toBeUndefined());

  it('names the person, the victim, the referrer, the status and the dates', () => {
    expect(caseFactsOf(fold(caseDecider, [rj.referred, rj.accepted, rj.panelHeld, rj.closed]))).toEqual({
      caseId: rj.caseId,
      programme: 'restorative-justice',
      personId: rj.personId,
      victimId: rj.victimId,
      referrer: { organisation: 'police', reference: 'CAD 4411' },
      status: 'panel-held',
      closed: true,
      referredOn: rj.on.referred,
      lastStepOn: rj.on.panel,
    });
  });

  it('has no victim where none was named', () => {
    expect(caseFactsOf(fold(caseDecider, [coaching.referred, coaching.coachAssigned]))).toEqual({
      caseId: coaching.caseId,
      programme: 'community-coaching',
      personId: coaching.personId,
      referrer: { organisation: 'council', reference: 'EWS 118' },
      status: 'coach-assigned',
      closed: false,
      referredOn: coaching.on.referred,
      lastStepOn: coaching.on.assigned,
    });
  });
});

describe('which programme a command or event belongs to', () => {
  it('names the programme of a programme’s own step, and none for the steps every case takes', () => {
    expect([rj.holdPanel(), caution.payFee(), coaching.logSession(coaching.on.firstSession, 1)].map(programmeOfCommand)).toEqual([
      'restorative-justice',
      'conditional-caution',
      'community-coaching',
    ]);
    expect([rj.referCase(), rj.close(), caution.recordReoffence()].map(programmeOfCommand)).toEqual([undefined, undefined, undefined]);
    expect([rj.panelHeld, caution.feePaid(), coaching.interventionStarted, rj.referred, caution.closed()].map(programmeOfEvent)).toEqual([
      'restorative-justice',
      'conditional-caution',
      'community-coaching',
      undefined,
      undefined,
    ]);
  });

  it('takes the shared steps as every programme’s', () => {
    expect([rj.accept(), rj.close(), caution.cancelBooking(), coaching.startIntervention()].map(isRestorativeJusticeCommand)).toEqual([true, true, false, false]);
  });
});

describe('an IOM case, through the case decider', () => {
  it('refers an IOM case by the IOM rules: no offence needed, from the police or probation only', () => {
    spec.given([]).when(iom.refer()).then([iom.referred]);
    spec
      .given([])
      .when(iom.refer({ referrer: { organisation: 'council' } }))
      .thenThrows(IomReferrerNotPoliceOrProbation, 'iom-referrer-not-police-or-probation');
  });

  it('leaves its steps and facts to the IOM rules, before the referral and after the leaving alike', () => {
    spec.given([]).when(iom.adopt()).thenThrows(CaseNotFound);
    spec.given([iom.referred]).when(iom.adopt()).then([iom.adopted]);
    spec.given([iom.referred, iom.assigned]).when(iom.adopt()).thenThrows(AlreadyInComparisonGroup);
    spec.given([iom.referred, iom.adopted, iom.left()]).when(iom.recordConviction()).then([iom.convicted()]);
    spec.given([iom.referred]).when(iom.recordReoffence()).thenThrows(ReoffenceNotForIom, 'reoffence-not-for-iom');
  });

  it('refuses another programme’s step on an IOM case, and an IOM step on another programme’s case', () => {
    const onIom = () =>
      caseDecider.decide({ type: 'AcceptReferral', data: { caseId: iom.caseId, acceptedOn: iom.on.joined, today: iom.today } }, fold(caseDecider, [iom.referred]));
    expect(onIom).toThrow(`Case ${iom.caseId} belongs to iom; this step is for restorative-justice`);
    spec
      .given([rj.referred])
      .when({ type: 'AdoptCohortMember', data: { caseId: rj.caseId, adoptedOn: rj.on.referred, today: rj.today } })
      .thenThrows(WrongProgramme, 'wrong-programme');
  });

  it('folds to the IOM state beside the referral, and names its programme and status', () => {
    const state = fold(caseDecider, [iom.referred, iom.adopted, iom.convicted(), iom.arrested()]);
    expect(state.programme).toBe('iom');
    expect(caseFactsOf(state)).toMatchObject({ caseId: iom.caseId, programme: 'iom', status: 'cohort-member', lastStepOn: iom.on.joined, closed: false });
  });

  it('names IOM as the programme of its own steps and events; a reoffence is never an IOM event', () => {
    expect([iom.adopt(), iom.assignComparison(), iom.exit(), iom.recordConviction(), iom.recordArrest()].map(programmeOfCommand)).toEqual(Array(5).fill('iom'));
    expect([iom.adopted, iom.assigned, iom.left(), iom.convicted(), iom.arrested()].map(programmeOfEvent)).toEqual(Array(5).fill('iom'));
    const reoffence: CaseEvent = { type: 'ReoffenceRecorded', data: { caseId: iom.caseId, offenceDate: iom.on.offence } };
    expect([iom.referred, iom.closed(), reoffence, rj.panelHeld].map(isIomEvent)).toEqual([true, true, false, false]);
  });
});
