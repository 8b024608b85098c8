import { deadlinePassedOnReferral, referralBody, subjectMissing } from './referral-form';

const dated = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('a referral form as the API’s referral', () => {
  it('sends a restorative-justice referral with the offence and the victim, from the referrer’s own organisation', () => {
    const body = referralBody(
      'restorative-justice',
      {
        ...dated('referredOn', '2026-11-20'),
        reference: ' CRIS 4411/26 ',
        subjectGivenName: 'Kai',
        subjectFamilyName: 'Bennett',
        ...dated('subjectDateOfBirth', '2004-05-02'),
        offenceType: 'Criminal damage',
        ...dated('offenceDate', '2026-11-01'),
        victimGivenName: 'Rosa',
        victimContact: '',
      },
      'police',
    );
    expect(body).toEqual({
      programme: 'restorative-justice',
      referredOn: '2026-11-20',
      referrer: { organisation: 'police', reference: 'CRIS 4411/26' },
      subject: { givenName: 'Kai', familyName: 'Bennett', dateOfBirth: '2004-05-02' },
      offence: { type: 'Criminal damage', date: '2026-11-01' },
      victim: { givenName: 'Rosa' },
    });
  });

  it('sends coaching eligibility: the indicators seen for a risk, or only the earlier case for a completion', () => {
    const risk = referralBody(
      'community-coaching',
      { basis: 'risk-identified', indicators: ['Regular truancy'], otherIndicator: 'Missing from home', linkedCaseId: 'ignored' },
      'council',
    );
    expect(risk.eligibility).toEqual({ basis: 'risk-identified', indicators: ['Regular truancy', 'Missing from home'] });
    expect(risk).not.toHaveProperty('offence');

    const linked = referralBody('community-coaching', { basis: 'completed-conditional-caution', indicators: 'Regular truancy', linkedCaseId: 'case-1' }, 'police', 'person-1');
    expect(linked.eligibility).toEqual({ basis: 'completed-conditional-caution', linkedCaseId: 'case-1' });
    expect(linked.subject).toEqual({ personId: 'person-1' });
  });

  it('leaves out what was not filled in, so the API names what is missing', () => {
    expect(referralBody('conditional-caution', {}, 'probation')).toEqual({
      programme: 'conditional-caution',
      referredOn: undefined,
      referrer: { organisation: 'probation' },
      subject: undefined,
    });
  });
});

describe('what a referral form checks before sending', () => {
  const caution = (referredOn: string, offenceDate: string) => ({ programme: 'conditional-caution', referredOn, offence: { type: 'Drunk and disorderly', date: offenceDate } });

  it('asks for a name when the person is neither named nor an earlier case’s', () => {
    expect(subjectMissing({ programme: 'restorative-justice', subject: { dateOfBirth: '2004-05-02' } })).toEqual({
      summary: [{ text: 'Enter the person’s given name or family name', href: '#subjectGivenName' }],
      fields: { subjectGivenName: { text: 'Enter the person’s given name or family name' } },
    });
    expect(subjectMissing({ programme: 'restorative-justice' })?.fields).toHaveProperty('subjectGivenName');
  });

  it('takes a given name or a family name alone, or an earlier case’s person', () => {
    expect(subjectMissing({ subject: { familyName: 'Bennett' } })).toBeUndefined();
    expect(subjectMissing({ subject: { givenName: 'Kai' } })).toBeUndefined();
    expect(subjectMissing({ subject: { personId: '7d1e4b2c-0000-4000-8000-0000000000a1' } })).toBeUndefined();
  });

  it('asks for the earlier case, not a name, when coaching follows a completed case', () =>
    expect(subjectMissing({ programme: 'community-coaching' }, 'completed-conditional-caution')?.fields).toEqual({
      linkedCaseId: { text: 'Select the earlier case this referral follows' },
    }));

  it('finds a caution referred after its 12 weeks had run out, and gives the deadline', () => {
    expect(deadlinePassedOnReferral('conditional-caution', caution('2026-05-01', '2026-01-01'))).toBe('2026-03-26');
    expect(deadlinePassedOnReferral('conditional-caution', caution('2026-03-26', '2026-01-01'))).toBeUndefined();
  });

  it('says nothing of a deadline for other programmes, or before the dates are real', () => {
    expect(deadlinePassedOnReferral('restorative-justice', { ...caution('2026-05-01', '2026-01-01'), programme: 'restorative-justice' })).toBeUndefined();
    expect(deadlinePassedOnReferral('conditional-caution', caution('2026-05-01', '2026-02-30'))).toBeUndefined();
    expect(deadlinePassedOnReferral('conditional-caution', { programme: 'conditional-caution', referredOn: '2026-05-01' })).toBeUndefined();
  });
});
