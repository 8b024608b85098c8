import { addDays, conditionalCautionDecider, fold } from '@safer-cases/domain';
import fc from 'fast-check';
import { cautionDeadline, daysLeft, daysLeftText, deadlinePassedBeforeReferral, nearDeadlines } from './conditional-caution.deadline';

const caseId = '7c1e5a20-0000-4000-8000-000000000001';

const dates = fc.integer({ min: 0, max: 365 * 60 }).map((offset) => addDays('1990-01-01', offset));

describe('the 12-week deadline of a conditional caution', () => {
  it('had passed before a referral made after it, but not one made on the day', () => {
    expect(deadlinePassedBeforeReferral('2014-05-07', cautionDeadline({ offenceDate: '2014-02-11', referredOn: '2014-05-07' }))).toBe(true);
    expect(deadlinePassedBeforeReferral('2014-05-06', cautionDeadline({ offenceDate: '2014-02-11', referredOn: '2014-05-06' }))).toBe(false);
  });

  it('falls 84 days after the offence, across month and year ends', () => {
    expect(cautionDeadline({ offenceDate: '2014-02-11', referredOn: '2014-02-14' })).toBe('2014-05-06');
    expect(cautionDeadline({ offenceDate: '2026-10-20', referredOn: '2026-11-02' })).toBe('2027-01-12');
    expect(cautionDeadline({ offenceDate: '2023-12-10', referredOn: '2023-12-11' })).toBe('2024-03-03');
  });

  it('counts from the referral when no offence date is known, as the rules do', () => {
    expect(cautionDeadline({ referredOn: '2026-11-02' })).toBe('2027-01-25');
  });

  it('is the deadline the case itself holds, for any offence date', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (offenceDate, delay) => {
        const referredOn = addDays(offenceDate, delay);
        const state = fold(conditionalCautionDecider, [
          {
            type: 'CaseReferred',
            data: {
              caseId,
              programme: 'conditional-caution',
              referredOn,
              referrer: { organisation: 'police' },
              personId: caseId,
              offence: { type: 'drunk and disorderly', date: offenceDate },
            },
          },
        ]);
        expect(state.status !== 'none' && state.deadline).toBe(cautionDeadline({ offenceDate, referredOn }));
      }),
    );
  });
});

describe('the days left before a deadline', () => {
  it('counts whole days from today, none on the day, negative once passed', () => {
    expect(daysLeft('2027-01-12', '2026-11-22')).toBe(51);
    expect(daysLeft('2026-11-22', '2026-11-22')).toBe(0);
    expect(daysLeft('2026-11-12', '2026-11-22')).toBe(-10);
  });

  it('says it in words', () => {
    expect([2, 1, 0, -1, -10].map(daysLeftText)).toEqual(['2 days left', '1 day left', 'Due today', 'Overdue by 1 day', 'Overdue by 10 days']);
  });
});

describe('the cases whose deadline is near', () => {
  const today = '2026-11-22';
  const open = (id: string, offenceDate: string, status = 'booked', closed = false) => ({ caseId: id, referredOn: '2026-11-01', offenceDate, status, closed });

  it('lists open cases working towards the course within the window or overdue, most overdue first', () => {
    const cases = [
      open('soon', '2026-09-10'),
      open('far', '2026-11-01'),
      open('overdue', '2026-08-20', 'referred'),
      open('today', '2026-08-30', 'attended'),
      open('edge', '2026-09-27'),
      open('just-out', '2026-09-28'),
    ];
    const near = nearDeadlines(cases, today, 28);
    expect(near.map((each) => [each.caseId, each.deadline, each.daysLeftText])).toEqual([
      ['overdue', '2026-11-12', 'Overdue by 10 days'],
      ['today', '2026-11-22', 'Due today'],
      ['soon', '2026-12-03', '11 days left'],
      ['edge', '2026-12-20', '28 days left'],
    ]);
  });

  it('leaves out completed, breached and closed cases, however overdue', () => {
    const cases = [open('completed', '2026-08-20', 'completed'), open('breached', '2026-08-20', 'breached'), open('closed', '2026-08-20', 'booked', true)];
    expect(nearDeadlines(cases, today, 28)).toEqual([]);
  });

  it('orders cases sharing a deadline by the earlier referral', () => {
    const later = { ...open('a', '2026-09-10'), referredOn: '2026-11-05' };
    const earlier = { ...open('b', '2026-09-10'), referredOn: '2026-10-01' };
    expect(nearDeadlines([later, earlier], today, 28).map((each) => each.caseId)).toEqual(['b', 'a']);
  });
});
