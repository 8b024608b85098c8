import fc from 'fast-check';
import { countStatus, divideRoundingHalfUp, financialYearOf, forecastFlow, inclusiveDays, percentToOneDecimal, rateStatus, resolvePeriod, windowEnd } from './target-rules';

const year = { from: '2014-04-01', to: '2015-03-31' };

describe('target rules', () => {
  describe('the default period', () => {
    it('is the financial year that starts on 1 April', () => {
      expect(financialYearOf('2014-04-01')).toEqual(year);
      expect(financialYearOf('2014-12-25')).toEqual(year);
    });

    it('is the previous year’s on 31 March', () => {
      expect(financialYearOf('2015-03-31')).toEqual(year);
      expect(financialYearOf('2015-01-01')).toEqual(year);
    });

    it('fills only the ends not given', () => {
      expect(resolvePeriod({}, '2015-02-10')).toEqual(year);
      expect(resolvePeriod({ from: '2014-10-01' }, '2015-02-10')).toEqual({ from: '2014-10-01', to: '2015-03-31' });
      expect(resolvePeriod({ to: '2014-12-31' }, '2015-02-10')).toEqual({ from: '2014-04-01', to: '2014-12-31' });
    });
  });

  describe('the window', () => {
    it('ends on asOf inside the period', () => expect(windowEnd(year, '2014-09-30')).toBe('2014-09-30'));
    it('ends on the period’s last day once asOf is past it', () => expect(windowEnd(year, '2015-06-01')).toBe('2015-03-31'));
    it('ends before it starts when asOf is before the period', () => expect(windowEnd(year, '2014-03-31') < year.from).toBe(true));
    it('counts days inclusively', () => {
      expect(inclusiveDays('2014-04-01', '2015-03-31')).toBe(365);
      expect(inclusiveDays('2014-04-01', '2014-04-01')).toBe(1);
      expect(inclusiveDays('2015-04-01', '2016-03-31')).toBe(366);
    });
  });

  describe('the forecast of a flow count', () => {
    it('is none before the period starts', () => expect(forecastFlow(0, year, '2014-03-31')).toBeNull());
    it('is the actual on the last day of the period', () => expect(forecastFlow(187, year, '2015-03-31')).toBe(187));
    it('is the actual after the period', () => expect(forecastFlow(187, year, '2016-01-01')).toBe(187));
    it('scales the first day to the whole period', () => expect(forecastFlow(1, year, '2014-04-01')).toBe(365));
    it('scales the pace so far to the whole period', () => expect(forecastFlow(100, year, '2014-09-30')).toBe(199)); // 100 × 365 / 183 = 199.45

    it('rounds x.5 up', () => {
      const threeDays = { from: '2015-01-01', to: '2015-01-03' };
      expect(forecastFlow(1, threeDays, '2015-01-02')).toBe(2); // 1.5
      expect(forecastFlow(3, threeDays, '2015-01-02')).toBe(5); // 4.5
      expect(forecastFlow(1, year, '2014-04-02')).toBe(183); // 182.5
    });

    it('rounds below x.5 down', () => {
      expect(forecastFlow(1, year, '2014-04-04')).toBe(91); // 91.25
      expect(forecastFlow(1, year, '2014-04-03')).toBe(122); // 121.67
    });
  });

  describe('rounding half up in integers', () => {
    it('agrees with exact rational rounding for every non-negative fraction', () =>
      fc.assert(
        fc.property(fc.nat({ max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (numerator, denominator) => {
          const rounded = BigInt(divideRoundingHalfUp(numerator, denominator));
          const [n, d] = [BigInt(numerator), BigInt(denominator)];
          expect(2n * rounded * d <= 2n * n + d).toBe(true);
          expect(2n * n + d < 2n * (rounded + 1n) * d).toBe(true);
        }),
      ));
  });

  describe('a rate for display', () => {
    it('is a percentage to one decimal', () => {
      expect(percentToOneDecimal(187, 205)).toBe(91.2);
      expect(percentToOneDecimal(9, 150)).toBe(6);
      expect(percentToOneDecimal(2, 3)).toBe(66.7);
    });
    it('rounds a half tenth up', () => expect(percentToOneDecimal(1, 16)).toBe(6.3)); // 6.25
    it('is none without a denominator', () => expect(percentToOneDecimal(0, 0)).toBeNull());
  });

  describe('the status of a count', () => {
    it('is green at the target', () => expect(countStatus(100, 100, 90)).toBe('green'));
    it('is amber at 90% of the target', () => expect(countStatus(90, 100, 90)).toBe('amber'));
    it('is red just under 90% of the target', () => expect(countStatus(89, 100, 90)).toBe('red'));
    it('shows 192 course places against 200 attendees as amber, not green', () => expect(countStatus(192, 200, 90)).toBe('amber'));
    it('is amber at exactly 90% of a target that does not divide by ten', () => {
      expect(countStatus(18, 20, 90)).toBe('amber');
      expect(countStatus(10, 12, 90)).toBe('red'); // 10.8 needed
      expect(countStatus(11, 12, 90)).toBe('amber');
    });
    it('is no-data with nothing to judge', () => expect(countStatus(null, 100, 90)).toBe('no-data'));
  });

  describe('the status of a rate', () => {
    it('at least 90%: 9 of 10 is green, 85% amber, under 85% red', () => {
      expect(rateStatus('rate-at-least', 9, 10, 90, 5)).toBe('green');
      expect(rateStatus('rate-at-least', 17, 20, 90, 5)).toBe('amber');
      expect(rateStatus('rate-at-least', 84, 100, 90, 5)).toBe('red');
    });
    it('at least 100%: only every case is green', () => {
      expect(rateStatus('rate-at-least', 10, 10, 100, 5)).toBe('green');
      expect(rateStatus('rate-at-least', 19, 20, 100, 5)).toBe('amber');
      expect(rateStatus('rate-at-least', 189, 200, 100, 5)).toBe('red');
    });
    it('above 85%: 85.0% is amber, a hair above green, 80.0% red', () => {
      expect(rateStatus('rate-above', 17, 20, 85, 5)).toBe('amber');
      expect(rateStatus('rate-above', 851, 1000, 85, 5)).toBe('green');
      expect(rateStatus('rate-above', 4, 5, 85, 5)).toBe('red');
      expect(rateStatus('rate-above', 801, 1000, 85, 5)).toBe('amber');
    });
    it('below 10%: 1 in 10 is amber, under it green, 15% red', () => {
      expect(rateStatus('rate-below', 1, 10, 10, 5)).toBe('amber');
      expect(rateStatus('rate-below', 9, 91, 10, 5)).toBe('green');
      expect(rateStatus('rate-below', 3, 20, 10, 5)).toBe('red');
      expect(rateStatus('rate-below', 149, 1000, 10, 5)).toBe('amber');
    });
    it('decides on the exact fraction, not the rounded display', () => {
      expect(percentToOneDecimal(8999, 10000)).toBe(90);
      expect(rateStatus('rate-at-least', 8999, 10000, 90, 5)).toBe('amber');
    });
    it('is no-data without a denominator', () => {
      expect(rateStatus('rate-at-least', 0, 0, 90, 5)).toBe('no-data');
      expect(rateStatus('rate-below', 0, 0, 10, 5)).toBe('no-data');
    });
  });
});
