import { referralBody } from './referral-form';

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
    const risk = referralBody('community-coaching', { basis: 'risk-identified', indicators: ['Regular truancy'], otherIndicator: 'Missing from home', linkedCaseId: 'ignored' }, 'council');
    expect(risk.eligibility).toEqual({ basis: 'risk-identified', indicators: ['Regular truancy', 'Missing from home'] });
    expect(risk).not.toHaveProperty('offence');

    const linked = referralBody('community-coaching', { basis: 'completed-conditional-caution', indicators: 'Regular truancy', linkedCaseId: 'case-1' }, 'police', 'person-1');
    expect(linked.eligibility).toEqual({ basis: 'completed-conditional-caution', linkedCaseId: 'case-1' });
    expect(linked.subject).toEqual({ personId: 'person-1' });
  });

  it('leaves out what was not filled in, so the API names what is missing', () => {
    expect(referralBody('conditional-caution', {}, 'probation')).toEqual({ programme: 'conditional-caution', referredOn: undefined, referrer: { organisation: 'probation' }, subject: undefined });
  });
});
