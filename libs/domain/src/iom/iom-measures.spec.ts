import fc from 'fast-check';
import { addDays, addMonths, CalendarDate } from '../shared/calendar-date';
import { iomBaselineYear, iomMeasures, IomMeasuresWindow, IomMemberRecord, IomTargetSettings, iomMemberSpan } from './iom-measures';

const settings: IomTargetSettings = { cohortSize: 200, convictionRateFall: 36, countAmberPercent: 90, rateAmberPoints: 5 };

/** The financial year 2014/15, taken at its end: 365 days. */
const year: IomMeasuresWindow = { from: '2014-04-01', to: '2015-03-31', asOf: '2015-03-31' };

const convictions = (count: number, offenceDate: CalendarDate, convictedOn = offenceDate) => Array.from({ length: count }, () => ({ offenceDate, convictedOn }));
const arrests = (...arrestedOn: CalendarDate[]) => arrestedOn.map((date) => ({ arrestedOn: date }));

const member = (joinedOn: CalendarDate, given: Partial<IomMemberRecord> = {}): IomMemberRecord => ({ group: 'cohort', joinedOn, convictions: [], arrests: [], ...given });

/** Adopted on the window's first day, so both its baseline year and its span are 365 days. */
const wholeYear = (before: number, after: number): IomMemberRecord =>
  member('2014-04-01', { convictions: [...convictions(before, '2013-10-01'), ...convictions(after, '2014-10-01')] });

const measures = (members: IomMemberRecord[], window: IomMeasuresWindow = year) => {
  const [cohortSize, fall, arrestRate] = iomMeasures(members, window, settings);
  return { cohortSize, fall, arrestRate };
};

describe('the IOM measures', () => {
  it('works out a cohort member from before the window: before and after per month, and the fall', () => {
    const adoptedBefore = member('2014-01-15', { convictions: [...convictions(4, '2013-03-01'), ...convictions(1, '2014-06-01')] });
    const { fall } = measures([adoptedBefore], { ...year, asOf: '2014-12-31' });
    expect(fall).toEqual({
      id: 'conviction-rate-fall',
      kind: 'rate-at-least',
      target: 36,
      before: { convictions: 4, days: 365, perMonth: 0.33 },
      after: { convictions: 1, days: 275, perMonth: 0.11 },
      actual: 66.8,
      status: 'green',
    });
  });

  it('spans a member from joining or the window start to the earlier of the window end and the day before leaving', () => {
    expect(iomMemberSpan(member('2014-06-10'), year)).toEqual({ start: '2014-06-10', end: '2015-03-31', days: 295 });
    expect(iomMemberSpan(member('2013-06-10', { leftOn: '2014-04-11' }), year)).toEqual({ start: '2014-04-01', end: '2014-04-10', days: 10 });
    expect(iomMemberSpan(member('2014-06-10'), { ...year, asOf: '2014-06-10' })).toEqual({ start: '2014-06-10', end: '2014-06-10', days: 1 });
    expect(iomMemberSpan(member('2014-06-10', { leftOn: '2014-06-10' }), year)).toBeUndefined();
    expect(iomMemberSpan(member('2015-04-01'), year)).toBeUndefined();
  });

  describe('a member adopted on 29 February', () => {
    const leapAdoption = '2016-02-29';

    it('looks back to 28 February the year before, 366 days', () => {
      expect(iomBaselineYear(leapAdoption)).toEqual({ start: '2015-02-28', end: '2016-02-28', days: 366 });
      expect(iomBaselineYear('2016-03-01')).toEqual({ start: '2015-03-01', end: '2016-02-29', days: 366 });
      expect(iomBaselineYear('2015-03-01')).toEqual({ start: '2014-03-01', end: '2015-02-28', days: 365 });
    });

    it('counts a baseline conviction on 28 February 2015 and none the day before, and is measured from the 29th', () => {
      const leaper = member(leapAdoption, { convictions: [...convictions(1, '2015-02-27'), ...convictions(2, '2015-02-28'), ...convictions(1, '2016-02-29')] });
      const { fall, cohortSize } = measures([leaper], { from: '2015-04-01', to: '2016-03-31', asOf: '2016-03-31' });
      expect(fall.before).toEqual({ convictions: 2, days: 366, perMonth: 0.17 });
      expect(fall.after).toEqual({ convictions: 1, days: 32, perMonth: 0.95 });
      expect(fall).toMatchObject({ actual: -471.9, status: 'red' });
      expect(cohortSize.actual).toBe(1);
    });
  });

  describe('a member who leaves on the first day of the window', () => {
    const leaver = member('2013-09-01', { leftOn: '2014-04-01', convictions: [...convictions(3, '2013-06-01'), ...convictions(1, '2014-03-20')], arrests: arrests('2014-03-30') });
    const stayer = wholeYear(2, 1);

    it('is not measured: no days, and their baseline counts for nothing', () => {
      const { fall, arrestRate } = measures([leaver, stayer]);
      expect(fall.before).toEqual({ convictions: 2, days: 365, perMonth: 0.17 });
      expect(fall.after).toEqual({ convictions: 1, days: 365, perMonth: 0.08 });
      expect(arrestRate.managed).toEqual({ arrests: 0, days: 365 });
    });

    it('is not in the cohort size, while one who leaves the next day is measured for that one day', () => {
      expect(measures([leaver, stayer]).cohortSize.actual).toBe(1);
      const nextDay = { ...leaver, leftOn: '2014-04-02' };
      expect(measures([nextDay, stayer]).cohortSize.actual).toBe(1);
      expect(measures([nextDay, stayer]).fall.after.days).toBe(366);
      expect(measures([nextDay, stayer]).fall.before).toEqual({ convictions: 3 + 2, days: 365 + 365, perMonth: 0.21 });
    });
  });

  describe('a member whose baseline year has no conviction', () => {
    it('still adds the baseline days, so the rate before falls', () => {
      const { fall } = measures([wholeYear(4, 1), wholeYear(0, 1)]);
      expect(fall.before).toEqual({ convictions: 4, days: 730, perMonth: 0.17 });
      expect(fall.after).toEqual({ convictions: 2, days: 730, perMonth: 0.08 });
      expect(fall).toMatchObject({ actual: 50, status: 'green' });
    });

    it('gives no data when no measured member has a baseline conviction, whatever followed', () => {
      const { fall } = measures([wholeYear(0, 3), wholeYear(0, 0)]);
      expect(fall).toMatchObject({ before: { convictions: 0, days: 730, perMonth: 0 }, after: { convictions: 3, days: 730 }, actual: null, status: 'no-data' });
    });
  });

  describe('a conviction recorded after asOf', () => {
    const window = { ...year, asOf: '2014-12-31' };
    const lateNews = member('2014-04-01', {
      convictions: [...convictions(2, '2013-10-01'), { offenceDate: '2013-11-01', convictedOn: '2015-01-05' }, { offenceDate: '2014-12-20', convictedOn: '2015-01-05' }],
    });

    it('counts neither before nor after until asOf reaches its conviction date', () => {
      expect(measures([lateNews], window).fall).toMatchObject({ before: { convictions: 2 }, after: { convictions: 0 }, actual: 100 });
      expect(measures([lateNews], { ...window, asOf: '2015-01-05' }).fall).toMatchObject({ before: { convictions: 3 }, after: { convictions: 1 } });
    });

    it('counts an offence on the last day of the span convicted on asOf', () => {
      const onTheDay = member('2014-04-01', { convictions: [...convictions(1, '2013-10-01'), ...convictions(1, '2014-12-31')] });
      expect(measures([onTheDay], window).fall.after.convictions).toBe(1);
    });
  });

  describe('a rate that rises', () => {
    it('gives a negative fall, rounded half up, and is red', () => {
      expect(measures([wholeYear(4, 5)]).fall).toMatchObject({ actual: -25, status: 'red' });
      expect(measures([wholeYear(8, 9)]).fall).toMatchObject({ actual: -12.5, status: 'red' });
      expect(measures([wholeYear(3, 4)]).fall).toMatchObject({ actual: -33.3, status: 'red' });
      expect(measures([wholeYear(6, 7)]).fall).toMatchObject({ actual: -16.7, status: 'red' });
    });

    it('rounds a fall of exactly a twentieth of a point up, either side of zero', () => {
      // Before 2000 in 365 days and after 1999 in 365 days, the fall is 0.05, shown as 0.1; after 2001 it is −0.05, shown as 0 (never −0).
      expect(measures([wholeYear(2000, 1999)]).fall.actual).toBe(0.1);
      expect(measures([wholeYear(2000, 2001)]).fall.actual).toBe(0);
      expect(measures([wholeYear(2000, 2003)]).fall.actual).toBe(-0.1);
    });
  });

  describe('the status of the fall, decided exactly', () => {
    it.each([
      [25, 16, 36, 'green'],
      [100, 64, 36, 'green'],
      [100, 65, 35, 'amber'],
      [25, 17, 32, 'amber'],
      [100, 69, 31, 'amber'],
      [100, 70, 30, 'red'],
      [25, 0, 100, 'green'],
    ])('before %d, after %d over the same days: a fall of %d is %s', (before, after, fall, status) => {
      expect(measures([wholeYear(before, after)]).fall).toMatchObject({ actual: fall, status });
    });

    it('gives no data before the window opens or when no adopted member is measured', () => {
      expect(measures([wholeYear(3, 1)], { ...year, asOf: '2014-03-31' }).fall).toMatchObject({ after: { days: 0, perMonth: null }, actual: null, status: 'no-data' });
      expect(measures([{ ...wholeYear(3, 1), group: 'comparison' }]).fall).toMatchObject({ before: { days: 0, perMonth: null }, status: 'no-data' });
    });
  });

  it('rounds a month rate half up at two decimals: 2 convictions in 25 days are 2.435, shown as 2.44', () => {
    const shortSpan = member('2014-04-01', { leftOn: '2014-04-26', convictions: [...convictions(1, '2013-06-01'), ...convictions(2, '2014-04-10')] });
    expect(measures([shortSpan]).fall.after).toEqual({ convictions: 2, days: 25, perMonth: 2.44 });
  });

  describe('the cohort size', () => {
    const cohort = (size: number, joinedOn = '2014-05-01') => Array.from({ length: size }, () => member(joinedOn));

    it.each([
      [200, 'green'],
      [180, 'amber'],
      [179, 'red'],
    ])('with %d adopted members is %s', (size, status) => {
      expect(measures(cohort(size)).cohortSize).toEqual({ id: 'cohort-size', kind: 'count-at-least', target: 200, actual: size, status });
    });

    it('counts adopted members joined by the window end and not left on or before it, and no comparison member', () => {
      const members = [
        member('2015-03-31'),
        member('2015-04-01'),
        member('2013-01-01', { leftOn: '2015-03-31' }),
        member('2013-01-01', { leftOn: '2015-04-01' }),
        member('2014-06-01', { group: 'comparison' }),
      ];
      expect(measures(members).cohortSize.actual).toBe(2);
      expect(measures(members, { ...year, asOf: '2014-12-31' }).cohortSize.actual).toBe(2);
    });

    it('shows the count but no status before the window opens', () => {
      expect(measures(cohort(3, '2014-01-01'), { ...year, asOf: '2014-03-01' }).cohortSize).toMatchObject({ actual: 3, status: 'no-data' });
    });
  });

  describe('the arrest rate against the comparison group', () => {
    it("gives the managed group's rate as a percentage of the comparison group's, counting arrests in each member's span", () => {
      const managed = member('2014-04-01', { arrests: arrests('2014-03-31', '2014-05-01', '2014-09-01') });
      const compared = member('2014-04-01', { group: 'comparison', leftOn: '2014-10-01', arrests: arrests('2014-04-01', '2014-06-01', '2014-09-30', '2014-10-01') });
      expect(measures([managed, compared]).arrestRate).toEqual({
        id: 'arrest-rate-vs-comparison',
        kind: 'indicator',
        managed: { arrests: 2, days: 365 },
        comparison: { arrests: 3, days: 183 },
        actual: 33.4,
        status: 'n/a',
      });
    });

    it('has no figure when the comparison group has no arrests or either group no days', () => {
      const managed = member('2014-04-01', { arrests: arrests('2014-05-01') });
      const compared = member('2014-04-01', { group: 'comparison' });
      expect(measures([managed, compared]).arrestRate).toMatchObject({ comparison: { arrests: 0, days: 365 }, actual: null });
      expect(measures([managed]).arrestRate).toMatchObject({ comparison: { arrests: 0, days: 0 }, actual: null });
      expect(measures([{ ...compared, arrests: arrests('2014-05-01') }]).arrestRate).toMatchObject({ managed: { arrests: 0, days: 0 }, actual: null });
    });
  });

  describe('for any members, checked day by day', () => {
    const base = '2014-04-01';
    const dateNear = (min: number, max: number) => fc.integer({ min, max }).map((offset) => addDays(base, offset));
    const anyMember: fc.Arbitrary<IomMemberRecord> = fc
      .record({
        group: fc.constantFrom<'cohort' | 'comparison'>('cohort', 'comparison'),
        joinedOn: dateNear(-500, 460),
        stay: fc.option(fc.integer({ min: 0, max: 500 })),
        offences: fc.array(fc.record({ offset: fc.integer({ min: -420, max: 500 }), lag: fc.integer({ min: 0, max: 150 }) }), { maxLength: 6 }),
        arrestOffsets: fc.array(fc.integer({ min: -420, max: 500 }), { maxLength: 6 }),
      })
      .map(({ group, joinedOn, stay, offences, arrestOffsets }) => ({
        group,
        joinedOn,
        ...(stay === null ? {} : { leftOn: addDays(joinedOn, stay) }),
        convictions: offences.map(({ offset, lag }) => ({ offenceDate: addDays(joinedOn, offset), convictedOn: addDays(joinedOn, offset + lag) })),
        arrests: arrestOffsets.map((offset) => ({ arrestedOn: addDays(joinedOn, offset) })),
      }));
    const anyWindow = dateNear(-60, 480).map((asOf) => ({ from: base, to: '2015-03-31', asOf }));

    /** The days of the window the member was managed or followed: joined by then, not yet left. */
    const managedDays = (m: IomMemberRecord, window: IomMeasuresWindow): Set<CalendarDate> => {
      const days = new Set<CalendarDate>();
      const end = window.asOf < window.to ? window.asOf : window.to;
      for (let day = window.from; day <= end; day = addDays(day, 1)) if (day >= m.joinedOn && (m.leftOn === undefined || day < m.leftOn)) days.add(day);
      return days;
    };

    /** The days before adoption that a date twelve calendar months on (clamped) has not yet passed. */
    const baselineDays = (adoptedOn: CalendarDate): Set<CalendarDate> => {
      const days = new Set<CalendarDate>();
      for (let day = addDays(adoptedOn, -370); day < adoptedOn; day = addDays(day, 1)) if (day >= addMonths(adoptedOn, -12)) days.add(day);
      return days;
    };

    const reference = (members: IomMemberRecord[], window: IomMeasuresWindow) => {
      const totals = { cBefore: 0, dBefore: 0, cAfter: 0, dAfter: 0, arrests: { cohort: 0, comparison: 0 }, days: { cohort: 0, comparison: 0 } };
      for (const m of members) {
        const span = managedDays(m, window);
        if (span.size === 0) continue;
        totals.days[m.group] += span.size;
        totals.arrests[m.group] += m.arrests.filter(({ arrestedOn }) => span.has(arrestedOn)).length;
        if (m.group !== 'cohort') continue;
        const baseline = baselineDays(m.joinedOn);
        const known = m.convictions.filter(({ convictedOn }) => convictedOn <= window.asOf);
        totals.dAfter += span.size;
        totals.dBefore += baseline.size;
        totals.cAfter += known.filter(({ offenceDate }) => span.has(offenceDate)).length;
        totals.cBefore += known.filter(({ offenceDate }) => baseline.has(offenceDate)).length;
      }
      return totals;
    };

    it('counts the same convictions, arrests and days as a walk through every day', () => {
      fc.assert(
        fc.property(fc.array(anyMember, { maxLength: 6 }), anyWindow, (members, window) => {
          const expected = reference(members, window);
          const { fall, arrestRate } = measures(members, window);
          expect(fall.before).toMatchObject({ convictions: expected.cBefore, days: expected.dBefore });
          expect(fall.after).toMatchObject({ convictions: expected.cAfter, days: expected.dAfter });
          expect(arrestRate.managed).toEqual({ arrests: expected.arrests.cohort, days: expected.days.cohort });
          expect(arrestRate.comparison).toEqual({ arrests: expected.arrests.comparison, days: expected.days.comparison });
        }),
        { numRuns: 60 },
      );
    });

    it('rounds the fall to the nearest tenth and judges it against 36% and 31% exactly', () => {
      fc.assert(
        fc.property(fc.array(anyMember, { maxLength: 6 }), anyWindow, (members, window) => {
          const { fall } = measures(members, window);
          const { before, after } = fall;
          if (after.days === 0 || before.convictions === 0) {
            expect(fall).toMatchObject({ actual: null, status: 'no-data' });
            return;
          }
          // Exact rationals: the fall is (cB·dA − cA·dB) / (cB·dA) in hundredths of a percent.
          const numerator = 100 * (before.convictions * after.days - after.convictions * before.days);
          const denominator = before.convictions * after.days;
          expect(Math.abs((fall.actual ?? Number.NaN) - numerator / denominator)).toBeLessThanOrEqual(0.05 + 1e-9);
          const expected = numerator >= 36 * denominator ? 'green' : numerator >= 31 * denominator ? 'amber' : 'red';
          expect(fall.status).toBe(expected);
        }),
        { numRuns: 200 },
      );
    });

    it('is unchanged by a conviction not yet known at asOf, and by the order of the members', () => {
      fc.assert(
        fc.property(fc.array(anyMember, { minLength: 1, maxLength: 6 }), anyWindow, fc.nat(), (members, window, pick) => {
          const target = pick % members.length;
          // Offences in the span and in the baseline year, both convicted the day after asOf.
          const late = (m: IomMemberRecord) => [window.asOf, addDays(m.joinedOn, -30)].map((offenceDate) => ({ offenceDate, convictedOn: addDays(window.asOf, 1) }));
          const unknownYet = members.map((m, index) => (index === target ? { ...m, convictions: [...m.convictions, ...late(m)] } : m));
          expect(measures(unknownYet, window)).toEqual(measures(members, window));
          expect(measures([...members].reverse(), window)).toEqual(measures(members, window));
        }),
        { numRuns: 100 },
      );
    });
  });
});
