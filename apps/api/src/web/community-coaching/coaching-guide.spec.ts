import { addDays } from '@safer-cases/domain';
import fc from 'fast-check';
import { coachingGuide, hoursText, interventionProgress, judge, weeksAndDays } from './coaching-guide';

const startedOn = '2026-09-01';

describe('the coaching guide: 15–25 hours over 8–12 weeks', () => {
  it('is the configuration the commissioners’ guide indicators use', () => {
    expect(coachingGuide).toEqual({ hours: { min: 15, max: 25 }, days: { min: 56, max: 84 } });
  });

  it('counts both ends of a range as within it', () => {
    expect([13, 14, 15, 25, 26].map((value) => judge(value, { min: 14, max: 25 }))).toEqual(['below', 'within', 'within', 'within', 'above']);
  });

  it('judges hours exactly, in quarter hours: 14.75 is below, 15 and 25 within, 25.25 above', () => {
    const judged = (quarterHours: number) => interventionProgress({ startedOn, quarterHours, today: '2026-10-01' }).hoursJudgement;
    expect([59, 60, 100, 101].map(judged)).toEqual(['below', 'within', 'within', 'above']);
  });

  it('judges an ended intervention from its start to its end: 55 days below, 56 and 84 within, 85 above', () => {
    const judged = (days: number) => interventionProgress({ startedOn, endedOn: addDays(startedOn, days), quarterHours: 80, today: '2027-06-01' }).durationJudgement;
    expect([55, 56, 84, 85].map(judged)).toEqual(['below', 'within', 'within', 'above']);
  });

  it('measures an open intervention to today, and says so', () => {
    const progress = interventionProgress({ startedOn, quarterHours: 26, today: '2026-09-24' });
    expect(progress).toMatchObject({ ended: false, hours: 6.5, days: 23, weeks: 3, hoursJudgement: 'below', durationJudgement: 'below' });
    expect(progress.hoursInWords).toBe('6.5 hours so far: below the guide of 15 to 25 hours, 8.5 more to reach it');
    expect(progress.durationInWords).toBe('3 weeks and 2 days so far: below the guide of 8 to 12 weeks');
  });

  it('says when an open intervention would have to complete to end within 8–12 weeks', () => {
    expect(interventionProgress({ startedOn, quarterHours: 0, today: startedOn }).completeWithin).toEqual({ from: '2026-10-27', to: '2026-11-24' });
    expect(interventionProgress({ startedOn, quarterHours: 0, today: '2026-11-01' }).completeWithin).toEqual({ from: '2026-11-01', to: '2026-11-24' });
    expect(interventionProgress({ startedOn, quarterHours: 0, today: '2026-11-25' }).completeWithin).toBeUndefined();
  });

  it('words an ended intervention in totals, with no advice left to give', () => {
    const within = interventionProgress({ startedOn, endedOn: '2026-11-03', quarterHours: 70, today: '2026-11-22' });
    expect(within.hoursInWords).toBe('17.5 hours in total: within the guide of 15 to 25 hours');
    expect(within.durationInWords).toBe('9 weeks: within the guide of 8 to 12 weeks');
    expect(within.completeWithin).toBeUndefined();
    const short = interventionProgress({ startedOn, endedOn: '2026-09-10', quarterHours: 8, today: '2026-11-22' });
    expect(short.hoursInWords).toBe('2 hours in total: below the guide of 15 to 25 hours');
    const long = interventionProgress({ startedOn, endedOn: '2026-12-01', quarterHours: 105, today: '2026-12-01' });
    expect(long.hoursInWords).toBe('26.25 hours in total: above the guide of 15 to 25 hours by 1.25 hours');
    expect(long.durationInWords).toBe('13 weeks: above the guide of 8 to 12 weeks');
  });

  it('writes hours and weeks as people say them', () => {
    expect([1, 4, 6, 105].map(hoursText)).toEqual(['0.25 hours', '1 hour', '1.5 hours', '26.25 hours']);
    expect([0, 1, 6, 7, 8, 14, 23].map(weeksAndDays)).toEqual(['0 days', '1 day', '6 days', '1 week', '1 week and 1 day', '2 weeks', '3 weeks and 2 days']);
  });

  it('judges any sum of sessions exactly as the indicator’s 15–25 hours, with no floating-point drift', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 32 }), { maxLength: 40 }), (sessions) => {
        const quarterHours = sessions.reduce((sum, each) => sum + each, 0);
        const hours = sessions.reduce((sum, each) => sum + each / 4, 0);
        const expected = quarterHours < 60 ? 'below' : quarterHours > 100 ? 'above' : 'within';
        const progress = interventionProgress({ startedOn, quarterHours, today: startedOn });
        expect(progress.hoursJudgement).toBe(expected);
        expect(progress.hours).toBe(hours);
      }),
    );
  });
});
