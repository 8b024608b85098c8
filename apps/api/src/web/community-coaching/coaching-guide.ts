import { addDays, CalendarDate, daysBetween } from '@safer-cases/domain';
import { Guide, defaultTargetsConfiguration } from '@safer-cases/projections/targets/targets.config';

export type GuideRange = { min: number; max: number };

/** Where a figure sits against the guide; the pages say it in words, never by colour alone. */
export type GuideJudgement = 'below' | 'within' | 'above';

const guideRange = (of: Guide): GuideRange => {
  const indicator = defaultTargetsConfiguration.programmes['community-coaching'].find((target) => target.measure.type === 'guide' && target.measure.of === of);
  if (indicator?.measure.type !== 'guide') throw new Error(`The targets configuration has no ${of} indicator for community coaching`);
  return { min: indicator.measure.min, max: indicator.measure.max };
};

/**
 * The coaching guide of DOMAIN.md ("15–25 hours of support over 8–12 weeks"), taken from the
 * same configuration the `support-hours-in-guide` and `duration-in-guide` indicators use, so a
 * case page and the commissioners' figures judge an intervention alike: hours inclusive, and
 * the duration in days from start to end, 56–84.
 */
export const coachingGuide: { hours: GuideRange; days: GuideRange } = { hours: guideRange('support-hours-in-guide'), days: guideRange('duration-in-guide') };

export const judge = (value: number, { min, max }: GuideRange): GuideJudgement => (value < min ? 'below' : value > max ? 'above' : 'within');

export type InterventionFacts = {
  startedOn: CalendarDate;
  /** The completion or withdrawal date, when the intervention has ended. */
  endedOn?: CalendarDate;
  /** The logged hours as whole quarter hours, so that sums and comparisons stay exact. */
  quarterHours: number;
  today: CalendarDate;
};

export type InterventionProgress = {
  ended: boolean;
  hours: number;
  hoursJudgement: GuideJudgement;
  /** e.g. "6.5 hours so far: below the guide of 15 to 25 hours, 8.5 more to reach it". */
  hoursInWords: string;
  days: number;
  weeks: number;
  weeksInWords: string;
  durationJudgement: GuideJudgement;
  /** e.g. "3 weeks and 2 days so far: below the guide of 8 to 12 weeks". */
  durationInWords: string;
  /** While open and not yet past the guide: the completion dates that would end it within 8–12 weeks. */
  completeWithin?: { from: CalendarDate; to: CalendarDate };
};

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** Quarter hours as hours: 6 → "1.5 hours", 4 → "1 hour". Exact, since a quarter is 0.25. */
export const hoursText = (quarterHours: number): string => {
  const hours = quarterHours / 4;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
};

/** 23 → "3 weeks and 2 days"; 14 → "2 weeks"; 0 → "0 days". */
export const weeksAndDays = (days: number): string => {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (weeks === 0) return plural(rest, 'day');
  return rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')} and ${plural(rest, 'day')}`;
};

const hoursWords = (quarterHours: number, ended: boolean): { judgement: GuideJudgement; words: string } => {
  const { min, max } = coachingGuide.hours;
  const judgement = judge(quarterHours, { min: min * 4, max: max * 4 });
  const guide = `the guide of ${min} to ${max} hours`;
  const figure = `${hoursText(quarterHours)}${ended ? ' in total' : ' so far'}`;
  if (judgement === 'within') return { judgement, words: `${figure}: within ${guide}` };
  if (judgement === 'above') return { judgement, words: `${figure}: above ${guide} by ${hoursText(quarterHours - max * 4)}` };
  return { judgement, words: `${figure}: below ${guide}${ended ? '' : `, ${(min * 4 - quarterHours) / 4} more to reach it`}` };
};

const weeksGuide = ({ min, max }: GuideRange): string => (min % 7 === 0 && max % 7 === 0 ? `${min / 7} to ${max / 7} weeks` : `${min} to ${max} days`);

/**
 * An intervention's logged hours and its weeks, each judged against the guide. An open one is
 * measured to today; an ended one from its start to its end, as the indicators count it.
 */
export const interventionProgress = ({ startedOn, endedOn, quarterHours, today }: InterventionFacts): InterventionProgress => {
  const ended = endedOn !== undefined;
  const days = Math.max(0, daysBetween(startedOn, endedOn ?? today));
  const { min, max } = coachingGuide.days;
  const durationJudgement = judge(days, coachingGuide.days);
  const weeksInWords = weeksAndDays(days);
  const durationInWords = `${weeksInWords}${ended ? '' : ' so far'}: ${durationJudgement} the guide of ${weeksGuide(coachingGuide.days)}`;
  const hours = hoursWords(quarterHours, ended);
  return {
    ended,
    hours: quarterHours / 4,
    hoursJudgement: hours.judgement,
    hoursInWords: hours.words,
    days,
    weeks: Math.floor(days / 7),
    weeksInWords,
    durationJudgement,
    durationInWords,
    ...(ended || durationJudgement === 'above' ? {} : { completeWithin: { from: addDays(startedOn, Math.max(min, days)), to: addDays(startedOn, max) } }),
  };
};
