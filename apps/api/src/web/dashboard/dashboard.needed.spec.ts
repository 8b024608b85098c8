import { maxCourseCapacity } from '@safer-cases/domain';
import { defaultTargetsConfiguration, TargetFigure, TargetsConfiguration } from '@safer-cases/projections/targets';
import { capacityOfTarget, capacityShortfall, courseCapacity, neededOf, neededWords, wholeMonthsLeft } from './dashboard.needed';

const year = { from: '2026-04-01', to: '2027-03-31' };

const count = (id: string, target: number, actual: number, forecast?: number): TargetFigure => ({
  id,
  kind: 'count-at-least',
  target,
  actual,
  ...(forecast === undefined ? {} : { forecast }),
  status: actual >= target ? 'green' : 'red',
});
const referrals = (actual: number) => count('referrals', 400, actual, actual);
const attendees = (actual: number) => count('attendees', 200, actual, actual);
const cautionCapacity = courseCapacity(defaultTargetsConfiguration, 'conditional-caution', maxCourseCapacity);

describe('the whole months left in a period', () => {
  it('leaves out the month under way, counting only the months after it', () => {
    expect(wholeMonthsLeft({ ...year, asOf: '2026-11-22' })).toBe(4);
    expect(wholeMonthsLeft({ ...year, asOf: '2026-04-01' })).toBe(11);
  });

  it('counts the next month whole from the last day of a month', () => {
    expect(wholeMonthsLeft({ ...year, asOf: '2026-11-30' })).toBe(4);
    expect(wholeMonthsLeft({ ...year, asOf: '2027-02-28' })).toBe(1);
  });

  it('finds 29 February the end of February in a leap year, so 28 February leaves a day of it', () => {
    const leapFebruary = { from: '2024-02-01', to: '2024-02-29' };
    expect(wholeMonthsLeft({ ...leapFebruary, asOf: '2024-01-31' })).toBe(1);
    expect(wholeMonthsLeft({ ...leapFebruary, asOf: '2024-02-28' })).toBe(0);
    expect(wholeMonthsLeft({ from: '2023-04-01', to: '2024-03-31', asOf: '2024-02-28' })).toBe(1);
    expect(wholeMonthsLeft({ from: '2023-04-01', to: '2024-03-31', asOf: '2024-02-29' })).toBe(1);
  });

  it('counts every month of a period not yet begun, and none of a month the period ends part way through', () => {
    expect(wholeMonthsLeft({ ...year, asOf: '2026-01-15' })).toBe(12);
    expect(wholeMonthsLeft({ from: '2026-04-10', to: '2026-07-15', asOf: '2026-03-01' })).toBe(2);
  });

  it('has none left once the period is over', () => {
    expect(wholeMonthsLeft({ ...year, asOf: '2027-03-31' })).toBe(0);
    expect(wholeMonthsLeft({ ...year, asOf: '2027-06-01' })).toBe(0);
  });
});

describe('what a target needs a month', () => {
  it('shares what is left of a count over the whole months left, rounded up', () => {
    // 400 − 4 = 396 over December to March.
    expect(neededOf(referrals(4), { ...year, asOf: '2026-11-22' })).toEqual({ kind: 'a-month', count: 99, months: 4 });
    // 400 − 5 = 395 over 4 months: 98.75, so 99.
    expect(neededOf(referrals(5), { ...year, asOf: '2026-11-22' })).toEqual({ kind: 'a-month', count: 99, months: 4 });
    expect(neededWords(neededOf(referrals(4), { ...year, asOf: '2026-11-22' }))).toBe('99 a month for the 4 whole months left');
  });

  it('asks for a stock’s growth the same way: how many more on the roster a month', () => {
    expect(neededOf(count('trained-volunteers', 20, 2), { ...year, asOf: '2026-11-22' })).toEqual({ kind: 'a-month', count: 5, months: 4 });
  });

  it('says a count already at or above its target is reached, to the last day and after', () => {
    for (const asOf of ['2026-06-15', '2027-03-31', '2027-05-01']) {
      expect(neededOf(referrals(400), { ...year, asOf })).toEqual({ kind: 'reached' });
      expect(neededOf(referrals(412), { ...year, asOf })).toEqual({ kind: 'reached' });
    }
    expect(neededWords({ kind: 'reached' })).toBe('Reached');
  });

  it('asks for what is left in the last whole month', () => {
    const needed = neededOf(referrals(380), { ...year, asOf: '2027-02-28' });
    expect(needed).toEqual({ kind: 'a-month', count: 20, months: 1 });
    expect(neededWords(needed)).toBe('20 in the one whole month left');
  });

  it('asks for the rest by the last day once the last month is under way', () => {
    const needed = neededOf(referrals(380), { ...year, asOf: '2027-03-10' });
    expect(needed).toEqual({ kind: 'by-end', count: 20, by: '2027-03-31' });
    expect(neededWords(needed)).toBe('20 more by 31 March 2027');
  });

  it('leaves a day of February in a leap year, and none in a common one', () => {
    const february = (to: string, asOf: string) => neededOf(count('panels-held', 10, 7, 7), { from: `${to.slice(0, 8)}01`, to, asOf });
    expect(february('2024-02-29', '2024-02-28')).toEqual({ kind: 'by-end', count: 3, by: '2024-02-29' });
    expect(february('2023-02-28', '2023-02-28')).toEqual({ kind: 'cannot', because: 'period-over' });
  });

  it('says a count short of its target at the end of the period cannot be reached', () => {
    const needed = neededOf(referrals(399), { ...year, asOf: '2027-03-31' });
    expect(needed).toEqual({ kind: 'cannot', because: 'period-over' });
    expect(neededWords(needed)).toBe('Cannot be reached: the period is over');
  });

  it('says the attendees cannot be reached when they need more a month than one course of 16 holds', () => {
    const needed = neededOf(attendees(3), { ...year, asOf: '2026-11-22' }, cautionCapacity);
    expect(needed).toEqual({ kind: 'cannot', because: 'capacity', count: 50, months: 4, capacity: { coursesAYear: 12, places: 16, mostAYear: 192 } });
    expect(neededWords(needed)).toBe('Cannot be reached: it needs 50 a month, more than 12 courses a year of 16 places can hold');
    // Even before the year starts: 200 over 12 months is 17 a month, one more than a course holds.
    expect(neededOf(attendees(0), { ...year, asOf: '2026-03-31' }, cautionCapacity)).toMatchObject({ kind: 'cannot', because: 'capacity', count: 17, months: 12 });
  });

  it('asks for the attendees a month while full courses can still hold them', () => {
    // 200 − 140 = 60 over December to March: 15 a month, within a course's 16.
    expect(neededOf(attendees(140), { ...year, asOf: '2026-11-22' }, cautionCapacity)).toEqual({ kind: 'a-month', count: 15, months: 4 });
    // 64 is 16 a month, exactly a full course each month.
    expect(neededOf(attendees(136), { ...year, asOf: '2026-11-22' }, cautionCapacity)).toEqual({ kind: 'a-month', count: 16, months: 4 });
    expect(neededOf(attendees(135), { ...year, asOf: '2026-11-22' }, cautionCapacity)).toMatchObject({ kind: 'cannot', because: 'capacity', count: 17 });
  });

  it('says what a rate needs, since there is no count to make up', () => {
    const rate = (kind: 'rate-at-least' | 'rate-above' | 'rate-below', target: number): TargetFigure => ({
      id: 'a-rate',
      kind,
      target,
      numerator: 2,
      denominator: 3,
      actual: 66.7,
      status: 'red',
    });
    const window = { ...year, asOf: '2026-11-22' };
    expect(neededOf(rate('rate-at-least', 90), window)).toEqual({ kind: 'rate', rate: 'rate-at-least', target: 90 });
    expect(neededWords(neededOf(rate('rate-at-least', 90), window))).toBe('n/a for a rate: it needs to be 90% or more');
    expect(neededWords(neededOf(rate('rate-above', 85), window))).toBe('n/a for a rate: it needs to be above 85%');
    expect(neededWords(neededOf(rate('rate-below', 10), window))).toBe('n/a for a rate: it needs to be below 10%');
  });

  it('says n/a for a guide, which has no target', () => {
    const guide: TargetFigure = { id: 'duration-in-guide', kind: 'indicator', guide: { min: 56, max: 84, unit: 'days' }, numerator: 1, denominator: 1, actual: 100, status: 'n/a' };
    expect(neededWords(neededOf(guide, { ...year, asOf: '2026-11-22' }))).toBe('n/a: a guide, with no target');
  });
});

describe('the courses’ capacity against the attendees target', () => {
  it('finds 12 courses of 16 places, 192 a year, from the configuration, and limits only the attendees by it', () => {
    expect(cautionCapacity).toEqual({ coursesAYear: 12, places: 16, mostAYear: 192 });
    expect(capacityOfTarget(defaultTargetsConfiguration, 'conditional-caution', 'attendees', maxCourseCapacity)).toEqual(cautionCapacity);
    expect(capacityOfTarget(defaultTargetsConfiguration, 'conditional-caution', 'referrals', maxCourseCapacity)).toBeUndefined();
    expect(courseCapacity(defaultTargetsConfiguration, 'restorative-justice', maxCourseCapacity)).toBeUndefined();
  });

  it('says plainly that 12 courses of 16 places cannot reach 200 attendees', () => {
    expect(capacityShortfall(defaultTargetsConfiguration, 'conditional-caution', maxCourseCapacity)).toBe(
      '12 courses a year of at most 16 places each hold at most 192 people, so the target of 200 attendees cannot be reached, even with every course full.',
    );
    expect(capacityShortfall(defaultTargetsConfiguration, 'community-coaching', maxCourseCapacity)).toBeUndefined();
  });

  it('follows the configuration: a target the courses can hold, or more courses, needs no such sentence', () => {
    const withTargets = (attendeesTarget: number, coursesTarget: number): TargetsConfiguration => ({
      ...defaultTargetsConfiguration,
      programmes: {
        ...defaultTargetsConfiguration.programmes,
        'conditional-caution': defaultTargetsConfiguration.programmes['conditional-caution'].map((definition) =>
          definition.kind !== 'count-at-least'
            ? definition
            : { ...definition, target: { attendees: attendeesTarget, 'courses-held': coursesTarget }[definition.id] ?? definition.target },
        ),
      },
    });
    expect(capacityShortfall(withTargets(192, 12), 'conditional-caution', 16)).toBeUndefined();
    expect(capacityShortfall(withTargets(200, 13), 'conditional-caution', 16)).toBeUndefined();
    expect(capacityShortfall(withTargets(250, 13), 'conditional-caution', 16)).toBe(
      '13 courses a year of at most 16 places each hold at most 208 people, so the target of 250 attendees cannot be reached, even with every course full.',
    );
  });
});
