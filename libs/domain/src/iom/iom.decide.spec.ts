import { CaseAlreadyClosed, OffenceAfterReferral } from '../cases/case.errors';
import { Organisation } from '../cases/case.events';
import { fold } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, DateBeforePreviousStep, DateInFuture, WrongProgramme } from '../shared/domain-error';
import {
  AlreadyAdopted,
  AlreadyInComparisonGroup,
  IomCommand,
  IomEvent,
  IomReferrerNotPoliceOrProbation,
  iomDecider,
  iomLeavingReasons,
  MemberAlreadyLeft,
  MemberNotJoined,
  ReoffenceNotForIom,
  UnknownLeavingReason,
} from '.';
import {
  adopt,
  adopted,
  assignComparison,
  assigned,
  caseId,
  closeCase,
  closed,
  convicted,
  exit,
  left,
  on,
  personId,
  recordConviction,
  recordReoffence,
  refer,
  referral,
  referred,
  referredElsewhere,
  spec,
} from './iom.fixtures';

describe('integrated offender management', () => {
  it('follows a member from referral to closure, one exact event a step, the baseline year entered after adoption', () => {
    const story: [IomCommand, IomEvent][] = [
      [refer(), referred],
      [adopt(), adopted],
      [recordConviction(on.baselineOffence, on.baselineConviction), convicted(on.baselineOffence, on.baselineConviction)],
      [recordConviction(), convicted()],
      [exit(on.left, 'custody'), left('custody')],
      [closeCase(), closed()],
    ];
    const history: IomEvent[] = [];
    for (const [command, event] of story) {
      spec.given(history).when(command).then([event]);
      history.push(event);
    }
    expect(fold(iomDecider, history)).toMatchObject({
      status: 'left',
      group: 'cohort',
      joinedOn: on.joined,
      leftOn: on.left,
      leavingReason: 'custody',
      closed: true,
      lastStepOn: on.left,
      convictions: [
        { offenceDate: on.baselineOffence, convictedOn: on.baselineConviction },
        { offenceDate: on.offence, convictedOn: on.convicted },
      ],
    });
  });

  describe('the referral', () => {
    it.each<Organisation>(['police', 'probation'])('takes a referral from %s with no offence', (organisation) =>
      spec
        .given([])
        .when(refer({ referrer: { organisation } }))
        .then([{ type: 'CaseReferred', data: { caseId, programme: 'iom', referredOn: on.referred, referrer: { organisation }, personId } }]),
    );

    it('keeps an offence given with the referral, and refuses one after the referral or in the future', () => {
      spec
        .given([])
        .when(refer({ offence: { type: 'burglary', date: '2014-02-01' } }))
        .then([referral({ offence: { type: 'burglary', date: '2014-02-01' } })]);
      spec
        .given([])
        .when(refer({ offence: { type: 'burglary', date: '2014-03-04' } }))
        .thenThrows(OffenceAfterReferral, 'offence-after-referral');
      spec
        .given([])
        .when(refer({ referredOn: '2014-12-01', offence: { type: 'burglary', date: '2014-12-02' } }))
        .thenThrows(DateInFuture, 'date-in-future');
    });

    it.each<Organisation>(['council', 'victim-support', 'wdp', 'home-start'])('refuses a referral from %s', (organisation) =>
      spec
        .given([])
        .when(refer({ referrer: { organisation } }))
        .thenThrows(IomReferrerNotPoliceOrProbation, 'iom-referrer-not-police-or-probation'),
    );

    it('refers on today and refuses tomorrow', () => {
      spec
        .given([])
        .when(refer({ referredOn: '2014-12-01' }))
        .then([referral({ referredOn: '2014-12-01' })]);
      spec
        .given([])
        .when(refer({ referredOn: '2014-12-02' }))
        .thenThrows(DateInFuture, 'date-in-future');
    });

    it('refuses a second referral and a referral to another programme', () => {
      spec.given([referred]).when(refer()).thenThrows(CaseAlreadyExists, 'case-already-exists');
      spec
        .given([])
        .when(refer({ programme: 'restorative-justice' }))
        .thenThrows(WrongProgramme, 'wrong-programme');
    });
  });

  describe.each([
    ['adoption onto the cohort', adopt, (date: string): IomEvent => ({ type: 'CohortMemberAdopted', data: { caseId, adoptedOn: date } })],
    ['assignment to the comparison group', assignComparison, (date: string): IomEvent => ({ type: 'ComparisonMemberAssigned', data: { caseId, assignedOn: date } })],
  ])('%s', (_, join, joined) => {
    it('joins on the referral date and refuses the day before or after today', () => {
      spec
        .given([referred])
        .when(join(on.referred))
        .then([joined(on.referred)]);
      spec.given([referred]).when(join('2014-03-02')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec.given([referred]).when(join('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
    });

    it('refuses a member already adopted, before and after leaving', () => {
      spec.given([referred, adopted]).when(join()).thenThrows(AlreadyAdopted, 'already-adopted');
      spec.given([referred, adopted, left()]).when(join()).thenThrows(AlreadyAdopted, 'already-adopted');
    });

    it('refuses a member already in the comparison group, before and after leaving', () => {
      spec.given([referred, assigned]).when(join()).thenThrows(AlreadyInComparisonGroup, 'already-in-comparison-group');
      spec.given([referred, assigned, left()]).when(join()).thenThrows(AlreadyInComparisonGroup, 'already-in-comparison-group');
    });

    it("refuses a case that does not exist, another programme's case and a closed one", () => {
      spec.given([]).when(join()).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(join()).thenThrows(WrongProgramme, 'wrong-programme');
      spec
        .given([referred, closed(on.referred)])
        .when(join())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
    });
  });

  describe('leaving', () => {
    it.each(iomLeavingReasons)('records a member leaving for the reason %s', (reason) =>
      spec
        .given([referred, adopted])
        .when(exit(on.left, reason))
        .then([left(reason)]),
    );

    it('records a comparison member leaving, on the day they were assigned', () =>
      spec
        .given([referred, assigned])
        .when(exit(on.joined, 'moved-away'))
        .then([left('moved-away', on.joined)]));

    it('refuses a reason not on the list', () => {
      spec.given([referred, adopted]).when(exit(on.left, 'Custody')).thenThrows(UnknownLeavingReason, 'unknown-leaving-reason');
      spec.given([referred, adopted]).when(exit(on.left, '')).thenThrows(UnknownLeavingReason, 'unknown-leaving-reason');
    });

    it('refuses leaving the day before joining or after today', () => {
      spec.given([referred, adopted]).when(exit('2014-03-09')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec.given([referred, assigned]).when(exit('2014-03-09')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec.given([referred, adopted]).when(exit('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
    });

    it('refuses leaving before joining either group', () => spec.given([referred]).when(exit()).thenThrows(MemberNotJoined, 'member-not-joined'));

    it('refuses leaving twice', () => spec.given([referred, adopted, left()]).when(exit('2014-11-01', 'other')).thenThrows(MemberAlreadyLeft, 'member-already-left'));

    it("refuses a case that does not exist, another programme's case and a closed one", () => {
      spec.given([]).when(exit()).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(exit()).thenThrows(WrongProgramme, 'wrong-programme');
      spec.given([referred, adopted, closed()]).when(exit()).thenThrows(CaseAlreadyClosed, 'case-closed');
    });
  });

  describe('closure and reoffences', () => {
    it('closes no earlier than the latest lifecycle step, whatever the dates of convictions recorded since', () => {
      const history = [referred, adopted, left(), convicted('2014-11-01', '2014-11-20')];
      spec
        .given(history)
        .when(closeCase(on.left))
        .then([closed(on.left)]);
      spec.given(history).when(closeCase('2014-09-29')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec.given(history).when(closeCase('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
    });

    it("refuses to close twice, a case that does not exist and another programme's case", () => {
      spec
        .given([referred, closed(on.referred)])
        .when(closeCase())
        .thenThrows(CaseAlreadyClosed, 'case-closed');
      spec.given([]).when(closeCase()).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(closeCase()).thenThrows(WrongProgramme, 'wrong-programme');
    });

    it('refuses a reoffence, which an IOM case records as a conviction, open or closed', () => {
      spec.given([referred, adopted]).when(recordReoffence()).thenThrows(ReoffenceNotForIom, 'reoffence-not-for-iom');
      spec.given([referred, adopted, closed()]).when(recordReoffence()).thenThrows(ReoffenceNotForIom, 'reoffence-not-for-iom');
      spec.given([]).when(recordReoffence()).thenThrows(CaseNotFound, 'case-not-found');
      spec.given([referredElsewhere]).when(recordReoffence()).thenThrows(WrongProgramme, 'wrong-programme');
    });
  });
});
