import type { Programme } from '@safer-cases/domain';
import type { IndicatorFigure } from '@safer-cases/projections/targets';
import { humanise } from '../view-filters';

export type ProgrammeWords = { name: string; provider: string; funder: string };

/** The partnership's own names for its programmes (shared/DOMAIN.md). */
export const programmeWords: Record<Programme, ProgrammeWords> = {
  'restorative-justice': { name: 'Neighbourhood Restorative Justice Panels', provider: 'Victim Support', funder: 'MOPAC' },
  'conditional-caution': { name: 'Alcohol Conditional Cautions', provider: 'WDP', funder: 'MOPAC' },
  'community-coaching': { name: 'Community Coaches', provider: 'Home-Start Barnet', funder: 'Barnet Council' },
  iom: { name: 'Enhanced Integrated Offender Management', provider: 'Police, Probation, Council, Public Health, DWP', funder: 'MOPAC' },
};

/**
 * How a target is said on the dashboard: its name, what its count or its "x of y" means, and
 * for a rate, whose rate one month's point is.
 */
export type TargetWords = {
  name: string;
  /** A count: "12 panels held". */
  counted: (count: number) => string;
  /** A rate or indicator: "12 of 15 people who attended a course completed it". */
  share: (numerator: number, denominator: number) => string;
  /** A rate with no denominator yet. */
  none: string;
  /** The cases one step's rate is about: "victims whose panel was held that month". */
  cohort: (unit: string) => string;
};

export const plural = (count: number, one: string, many: string): string => `${formatCount(count)} ${count === 1 ? one : many}`;

export const formatCount = (count: number): string => count.toLocaleString('en-GB');

const counting = (name: string, one: string, many: string): TargetWords => ({
  name,
  counted: (count) => plural(count, one, many),
  share: (numerator, denominator) => `${formatCount(numerator)} of ${formatCount(denominator)}`,
  none: 'Nothing to count yet',
  cohort: (unit) => `that ${unit}`,
});

const rate = (name: string, share: TargetWords['share'], none: string, cohort: TargetWords['cohort']): TargetWords => ({
  name,
  counted: (count) => formatCount(count),
  share,
  none,
  cohort,
});

/** Where each programme's reoffending follow-up starts (DOMAIN.md, the proven-reoffending method). */
const followUpStart: Record<Programme, { after: string; cohort: string }> = {
  'restorative-justice': { after: 'their outcome agreement', cohort: 'people whose outcome agreement was reached' },
  'conditional-caution': { after: 'completing the course', cohort: 'people who completed the course' },
  'community-coaching': { after: 'completing their intervention', cohort: 'people who completed an intervention' },
  // IOM measures convictions and arrests, not reoffending; these words are never used for it and are here because the record is by programme.
  iom: { after: 'their adoption onto the cohort', cohort: 'people adopted onto the cohort' },
};

const reoffending = (programme: Programme, months: number): TargetWords => {
  const { after, cohort } = followUpStart[programme];
  return rate(
    `Reoffending within ${months} months of ${after}`,
    (numerator, denominator) =>
      `${formatCount(numerator)} of ${formatCount(denominator)} ${denominator === 1 ? 'person' : 'people'} whose ${months} months after ${after} are over reoffended within them`,
    `Nobody whose ${months} months after ${after} are over yet`,
    (unit) => `${cohort} that ${unit} and whose ${months} months are over`,
  );
};

const guideWords = (guide: IndicatorFigure['guide'] | undefined): string =>
  guide === undefined
    ? 'within the guide'
    : guide.unit === 'hours'
      ? `had ${guide.min} to ${guide.max} hours of coaching`
      : `lasted ${guide.min} to ${guide.max} days (${guide.min / 7} to ${guide.max / 7} weeks)`;

const indicator = (name: string, guide: IndicatorFigure['guide'] | undefined): TargetWords =>
  rate(
    name,
    (numerator, denominator) =>
      `${formatCount(numerator)} of ${formatCount(denominator)} ${denominator === 1 ? 'intervention' : 'interventions'} completed in the period ${guideWords(guide)}`,
    'No intervention completed in the period yet',
    (unit) => `interventions completed that ${unit}`,
  );

const known: Record<string, (programme: Programme, guide?: IndicatorFigure['guide']) => TargetWords> = {
  'trained-volunteers': (programme) =>
    programme === 'community-coaching'
      ? counting('Trained coaches', 'Home-Start coach trained and not left', 'Home-Start coaches trained and not left')
      : counting('Trained volunteers', 'Victim Support volunteer trained and not left', 'Victim Support volunteers trained and not left'),
  'panels-held': () => counting('Panels held', 'panel held', 'panels held'),
  'agreements-upheld': () => counting('Outcome agreements upheld', 'outcome agreement upheld', 'outcome agreements upheld'),
  'survey-completion': () =>
    rate(
      'Victims who completed the satisfaction survey',
      (numerator, denominator) =>
        `${formatCount(numerator)} of ${formatCount(denominator)} ${denominator === 1 ? 'victim' : 'victims'} whose panel was held in the period completed the survey`,
      'No panel held in the period yet',
      (unit) => `victims whose panel was held that ${unit}`,
    ),
  'victim-satisfaction': () =>
    rate(
      'Victims satisfied',
      (numerator, denominator) => `${formatCount(numerator)} of ${formatCount(denominator)} ${denominator === 1 ? 'victim' : 'victims'} surveyed said they were satisfied`,
      'No victim of a panel in the period surveyed yet',
      (unit) => `victims surveyed after a panel held that ${unit}`,
    ),
  referrals: () => counting('Police referrals', 'referral received', 'referrals received'),
  attendees: () => counting('Offenders who attended a course', 'offender attended a course', 'offenders attended a course'),
  'courses-held': () => counting('Courses held', 'course held with at least one attendee', 'courses held with at least one attendee'),
  'completion-rate': () =>
    rate(
      'Attendees who completed',
      (numerator, denominator) =>
        `${formatCount(numerator)} of ${formatCount(denominator)} ${denominator === 1 ? 'person' : 'people'} who attended a course in the period completed`,
      'Nobody attended a course in the period yet',
      (unit) => `people who attended a course that ${unit}`,
    ),
  interventions: () => counting('Interventions started', 'intervention started', 'interventions started'),
  'support-hours-in-guide': (_programme, guide) => indicator(`Interventions with ${guide?.min ?? 15} to ${guide?.max ?? 25} hours of support`, guide),
  'duration-in-guide': (_programme, guide) => indicator(`Interventions lasting ${(guide?.min ?? 56) / 7} to ${(guide?.max ?? 84) / 7} weeks`, guide),
};

/** The words for a target of the API's answer; a target this page does not know yet is still shown, by its id. */
export const targetWords = (programme: Programme, id: string, guide?: IndicatorFigure['guide']): TargetWords => {
  const months = /^reoffending-(\d+)m$/.exec(id);
  if (months) return reoffending(programme, Number(months[1]));
  return known[id]?.(programme, guide) ?? counting(humanise(id), 'counted', 'counted');
};
