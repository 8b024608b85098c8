import { LinkedCaseFacts } from '../cases/case.commands';
import { CaseAlreadyExists, DateInFuture, WrongProgramme } from '../shared/domain-error';
import { EligibilityRequired, IndicatorsRequired, LinkedCaseNotCompleted, LinkedCaseNotFound, LinkedCaseOtherPerson, LinkedCaseRequired, LinkedCaseWrongProgramme } from '.';
import { caseId, linkedCaseId, on, otherPersonId, personId, refer, referred, spec } from './community-coaching.fixtures';

const completedCase = (programme: 'restorative-justice' | 'conditional-caution'): LinkedCaseFacts => ({ exists: true, programme, personId, completed: true });

describe('community coaching: referral', () => {
  it('refers a person showing a risk of offending, with the indicators seen', () => spec.given([]).when(refer()).then([referred]));

  it.each([
    ['completed-restorative-justice', 'restorative-justice'],
    ['completed-conditional-caution', 'conditional-caution'],
  ] as const)('refers a person on the basis %s, naming the earlier case but not copying what was read of it', (basis, programme) =>
    spec
      .given([])
      .when(refer({ referrer: { organisation: 'probation' }, eligibility: { basis, linkedCaseId }, linkedCase: completedCase(programme) }))
      .then([
        {
          type: 'CaseReferred',
          data: { caseId, programme: 'community-coaching', referredOn: on.referred, referrer: { organisation: 'probation' }, personId, eligibility: { basis, linkedCaseId } },
        },
      ]),
  );

  it('refuses a referral meant for another programme', () =>
    spec
      .given([])
      .when(refer({ programme: 'restorative-justice' }))
      .thenThrows(WrongProgramme, 'wrong-programme'));

  it('refuses a case id already used', () => spec.given([referred]).when(refer()).thenThrows(CaseAlreadyExists, 'case-already-exists'));

  it('refuses a referral dated after today', () =>
    spec
      .given([])
      .when(refer({ referredOn: '2014-12-02' }))
      .thenThrows(DateInFuture, 'date-in-future'));

  it('refuses a referral without eligibility', () =>
    spec
      .given([])
      .when(refer({ eligibility: undefined }))
      .thenThrows(EligibilityRequired, 'eligibility-required'));

  it.each([undefined, [], ['regular truancy', '  ']])('refuses identified risk with indicators %p', (indicators) =>
    spec
      .given([])
      .when(refer({ eligibility: { basis: 'risk-identified', indicators } }))
      .thenThrows(IndicatorsRequired, 'indicators-required'),
  );

  describe('the pathway from an earlier case', () => {
    it.each(['completed-restorative-justice', 'completed-conditional-caution'] as const)('refuses %s without the earlier case named', (basis) => {
      spec
        .given([])
        .when(refer({ eligibility: { basis } }))
        .thenThrows(LinkedCaseRequired, 'linked-case-required');
      spec
        .given([])
        .when(refer({ eligibility: { basis, linkedCaseId: '' } }))
        .thenThrows(LinkedCaseRequired, 'linked-case-required');
    });

    it('refuses an earlier case that does not exist, as missing', () => {
      const eligibility = { basis: 'completed-restorative-justice' as const, linkedCaseId };
      spec
        .given([])
        .when(refer({ eligibility, linkedCase: { exists: false } }))
        .thenThrows(LinkedCaseNotFound, 'linked-case-not-found');
      spec.given([]).when(refer({ eligibility })).thenThrows(LinkedCaseNotFound, 'linked-case-not-found');
      expect(new LinkedCaseNotFound(linkedCaseId).kind).toBe('not-found');
    });

    it.each([
      ['completed-restorative-justice', 'conditional-caution'],
      ['completed-restorative-justice', 'community-coaching'],
      ['completed-conditional-caution', 'restorative-justice'],
    ] as const)('refuses %s when the earlier case is a %s case', (basis, programme) =>
      spec
        .given([])
        .when(refer({ eligibility: { basis, linkedCaseId }, linkedCase: { exists: true, programme, personId, completed: true } }))
        .thenThrows(LinkedCaseWrongProgramme, 'linked-case-wrong-programme'),
    );

    it("refuses another person's case", () =>
      spec
        .given([])
        .when(
          refer({
            eligibility: { basis: 'completed-conditional-caution', linkedCaseId },
            linkedCase: { exists: true, programme: 'conditional-caution', personId: otherPersonId, completed: true },
          }),
        )
        .thenThrows(LinkedCaseOtherPerson, 'linked-case-other-person'));

    it('refuses an earlier case not completed', () =>
      spec
        .given([])
        .when(
          refer({
            eligibility: { basis: 'completed-restorative-justice', linkedCaseId },
            linkedCase: { exists: true, programme: 'restorative-justice', personId, completed: false },
          }),
        )
        .thenThrows(LinkedCaseNotCompleted, 'linked-case-not-completed'));
  });
});
