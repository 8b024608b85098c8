import fc from 'fast-check';
import { addDays, addMonths, daysBetween, isCalendarDate, londonDate } from './calendar-date';

describe('calendar dates', () => {
  it.each(['2015-02-30', '2015-13-01', '2015-00-10', '15-01-01', '2015-1-1', '2016-02-30', 20150101])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each(['2016-02-29', '2015-12-31', '2014-02-11'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it('clamps a month addition to the last day of the month', () => {
    expect(addMonths('2014-08-31', 6)).toBe('2015-02-28');
    expect(addMonths('2015-08-31', 6)).toBe('2016-02-29');
    expect(addMonths('2014-01-31', 1)).toBe('2014-02-28');
    expect(addMonths('2014-12-15', 12)).toBe('2015-12-15');
    expect(addMonths('2014-11-30', 3)).toBe('2015-02-28');
  });

  it('counts the 84 days of the conditional-caution deadline across month ends', () => {
    expect(addDays('2014-02-11', 84)).toBe('2014-05-06');
    expect(daysBetween('2014-02-11', '2014-05-06')).toBe(84);
  });

  it('adds and subtracts days consistently for any date', () => {
    const dates = fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        const later = addDays(date, days);
        return isCalendarDate(later) && daysBetween(date, later) === days;
      }),
    );
  });

  it('gives the London date, which differs from UTC late on a summer evening', () => {
    expect(londonDate(new Date('2015-06-30T23:30:00Z'))).toBe('2015-07-01');
    expect(londonDate(new Date('2015-12-31T23:30:00Z'))).toBe('2015-12-31');
  });
});
