import { CautionDueCase, cautionDue } from './conditional-caution.due';

const today = '2026-11-22';

/** A caution referred on the day of its offence: its deadline is 84 days after. */
const caution = (caseId: string, offenceDate: string, fields: Partial<CautionDueCase> = {}): CautionDueCase => ({
  caseId,
  status: 'referred',
  closed: false,
  referredOn: offenceDate,
  offenceDate,
  ...fields,
});

describe('what is due on a caution officer’s cases', () => {
  it('names a deadline passed, how long ago, and what is still to do', () => {
    expect(cautionDue([caution('a', '2026-08-20')], today)).toEqual([
      { caseId: 'a', due: 'Deadline passed', since: '2026-11-12', detail: 'deadline 12 November 2026 (overdue by 10 days); no course booked' },
    ]);
  });

  it('names a deadline a week away or less, and one due today', () => {
    const cases = [caution('week', '2026-09-06', { status: 'booked', courseDate: '2026-11-26' }), caution('today', '2026-08-30', { status: 'attended', feePaidOn: '2026-11-01' })];
    expect(cautionDue(cases, today).map((item) => [item.caseId, item.due, item.detail])).toEqual([
      ['today', 'Deadline today', 'deadline 22 November 2026 (due today); completion not recorded'],
      ['week', 'Deadline near', 'deadline 29 November 2026 (7 days left); booked on the course of 26 November 2026, fee not paid'],
    ]);
  });

  it('leaves out deadlines more than a week away, and cautions completed, breached or closed', () => {
    const cases = [
      caution('eight days', '2026-09-07'),
      caution('completed', '2026-08-20', { status: 'completed' }),
      caution('breached', '2026-08-20', { status: 'breached' }),
      caution('closed', '2026-08-20', { closed: true }),
    ];
    expect(cautionDue(cases, today)).toEqual([]);
  });

  it('says a booked caution with its fee paid is waiting for its course', () => {
    const [item] = cautionDue([caution('paid', '2026-09-01', { status: 'booked', courseDate: '2026-11-24', feePaidOn: '2026-11-10' })], today);
    expect(item.detail).toBe('deadline 24 November 2026 (2 days left); booked on the course of 24 November 2026');
  });

  it('lists the most overdue first', () => {
    const cases = [caution('soon', '2026-09-01'), caution('long overdue', '2026-07-01'), caution('overdue', '2026-08-25')];
    expect(cautionDue(cases, today).map((item) => item.caseId)).toEqual(['long overdue', 'overdue', 'soon']);
  });
});
