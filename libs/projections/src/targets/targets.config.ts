import { Programme, VolunteerOrganisation } from '@safer-cases/domain';

export type FlowCount = 'panels-held' | 'agreements-upheld' | 'referrals' | 'attendees' | 'courses-held' | 'interventions';
export type Share = 'survey-completion' | 'victim-satisfaction' | 'completion-rate';
export type Guide = 'support-hours-in-guide' | 'duration-in-guide';

/** What a target counts; each kind of measure has its SQL in target-measures.ts. */
export type Measure =
  | { type: 'flow'; of: FlowCount }
  | { type: 'stock'; organisation: VolunteerOrganisation }
  | { type: 'share'; of: Share }
  | { type: 'reoffending'; months: number }
  | { type: 'guide'; of: Guide; min: number; max: number };

export type CountTarget = { id: string; kind: 'count-at-least'; target: number; ceiling?: number; measure: Extract<Measure, { type: 'flow' | 'stock' }> };
export type RateKind = 'rate-at-least' | 'rate-above' | 'rate-below';
/** `target` is a whole percentage: statuses are decided by integer cross multiplication. */
export type RateTarget = { id: string; kind: RateKind; target: number; measure: Extract<Measure, { type: 'share' | 'reoffending' }> };
export type IndicatorTarget = { id: string; kind: 'indicator'; measure: Extract<Measure, { type: 'guide' }> };
export type TargetDefinition = CountTarget | RateTarget | IndicatorTarget;

export type TargetsConfiguration = {
  /** A count is amber from this percentage of its target up to the target. */
  countAmberPercent: number;
  /** A rate is amber within this many percentage points on the wrong side of its target. */
  rateAmberPoints: number;
  programmes: Record<Programme, readonly TargetDefinition[]>;
};

/** The partnership's targets (shared/DOMAIN.md), in the order they are reported. */
export const defaultTargetsConfiguration: TargetsConfiguration = {
  countAmberPercent: 90,
  rateAmberPoints: 5,
  programmes: {
    'restorative-justice': [
      { id: 'trained-volunteers', kind: 'count-at-least', target: 20, measure: { type: 'stock', organisation: 'victim-support' } },
      { id: 'panels-held', kind: 'count-at-least', target: 100, ceiling: 200, measure: { type: 'flow', of: 'panels-held' } },
      { id: 'agreements-upheld', kind: 'count-at-least', target: 100, measure: { type: 'flow', of: 'agreements-upheld' } },
      { id: 'survey-completion', kind: 'rate-at-least', target: 100, measure: { type: 'share', of: 'survey-completion' } },
      { id: 'victim-satisfaction', kind: 'rate-above', target: 85, measure: { type: 'share', of: 'victim-satisfaction' } },
      { id: 'reoffending-6m', kind: 'rate-below', target: 10, measure: { type: 'reoffending', months: 6 } },
      { id: 'reoffending-12m', kind: 'rate-below', target: 10, measure: { type: 'reoffending', months: 12 } },
    ],
    'conditional-caution': [
      { id: 'referrals', kind: 'count-at-least', target: 400, measure: { type: 'flow', of: 'referrals' } },
      { id: 'attendees', kind: 'count-at-least', target: 200, measure: { type: 'flow', of: 'attendees' } },
      { id: 'courses-held', kind: 'count-at-least', target: 12, measure: { type: 'flow', of: 'courses-held' } },
      { id: 'completion-rate', kind: 'rate-at-least', target: 90, measure: { type: 'share', of: 'completion-rate' } },
      { id: 'reoffending-6m', kind: 'rate-below', target: 10, measure: { type: 'reoffending', months: 6 } },
      { id: 'reoffending-10m', kind: 'rate-below', target: 10, measure: { type: 'reoffending', months: 10 } },
    ],
    'community-coaching': [
      { id: 'trained-volunteers', kind: 'count-at-least', target: 20, ceiling: 25, measure: { type: 'stock', organisation: 'home-start' } },
      { id: 'interventions', kind: 'count-at-least', target: 60, ceiling: 80, measure: { type: 'flow', of: 'interventions' } },
      { id: 'support-hours-in-guide', kind: 'indicator', measure: { type: 'guide', of: 'support-hours-in-guide', min: 15, max: 25 } },
      { id: 'duration-in-guide', kind: 'indicator', measure: { type: 'guide', of: 'duration-in-guide', min: 56, max: 84 } },
    ],
    // The IOM measures (cohort size, the conviction rate's fall, arrests against the comparison group) are issue 14 part 3.
    iom: [],
  },
};

/** The programmes whose targets are answered: not yet IOM, whose measures are issue 14 part 3. */
export const programmesWithTargets = ['restorative-justice', 'conditional-caution', 'community-coaching'] as const satisfies readonly Programme[];
export type ProgrammeWithTargets = (typeof programmesWithTargets)[number];
