import { addDays, addMonths, CalendarDate, daysBetween } from '../shared/calendar-date';
import { IomArrest, IomCase, IomConviction, IomGroup, isIomMember } from './iom.state';

/*
 * The IOM measures of shared/DOMAIN.md, worked out member by member from business dates: the
 * reference the read model's SQL aggregates are checked against. Every figure is exact: counts
 * and days are integers, and rates are compared and rounded on integers, never on floating point.
 */

/** One member as the measures read them: their group, when they joined and left, and their convictions and arrests. */
export type IomMemberRecord = {
  group: IomGroup;
  /** adoptedOn for the cohort, assignedOn for the comparison group. */
  joinedOn: CalendarDate;
  leftOn?: CalendarDate;
  convictions: readonly IomConviction[];
  arrests: readonly IomArrest[];
};

/** A period `[from, to]` and the day its figures are taken; the window is `[from, min(to, asOf)]`. */
export type IomMeasuresWindow = { from: CalendarDate; to: CalendarDate; asOf: CalendarDate };

/** The targets and thresholds, given by the one targets configuration rather than kept here. */
export type IomTargetSettings = { cohortSize: number; convictionRateFall: number; countAmberPercent: number; rateAmberPoints: number };

export type IomTargetStatus = 'green' | 'amber' | 'red' | 'no-data';

/** Inclusive dates; `days` counts both ends. */
export type DateSpan = { start: CalendarDate; end: CalendarDate; days: number };

export type ConvictionPeriod = { convictions: number; days: number; perMonth: number | null };

export type CohortSizeFigure = { id: 'cohort-size'; kind: 'count-at-least'; target: number; actual: number; status: IomTargetStatus };

export type ConvictionRateFallFigure = {
  id: 'conviction-rate-fall';
  kind: 'rate-at-least';
  target: number;
  before: ConvictionPeriod;
  after: ConvictionPeriod;
  /** The fall in percent, one decimal, negative when the rate rose; `null` with no-data. */
  actual: number | null;
  status: IomTargetStatus;
};

export type ArrestRateFigure = {
  id: 'arrest-rate-vs-comparison';
  kind: 'indicator';
  managed: { arrests: number; days: number };
  comparison: { arrests: number; days: number };
  /** The managed group's rate as a percentage of the comparison group's, one decimal. */
  actual: number | null;
  status: 'n/a';
};

export type IomFigures = [CohortSizeFigure, ConvictionRateFallFigure, ArrestRateFigure];

const windowEndOf = ({ to, asOf }: IomMeasuresWindow): CalendarDate => (asOf < to ? asOf : to);

const spanOf = (start: CalendarDate, end: CalendarDate): DateSpan | undefined => (end < start ? undefined : { start, end, days: daysBetween(start, end) + 1 });

const within = (date: CalendarDate, span: DateSpan): boolean => date >= span.start && date <= span.end;

/**
 * From the later of joining and `from` to the earlier of the window's end and the day before
 * leaving; undefined when that has no day, and the member is not measured.
 */
export const iomMemberSpan = (member: Pick<IomMemberRecord, 'joinedOn' | 'leftOn'>, window: IomMeasuresWindow): DateSpan | undefined => {
  const start = member.joinedOn > window.from ? member.joinedOn : window.from;
  const windowEnd = windowEndOf(window);
  const dayBeforeLeaving = member.leftOn === undefined ? undefined : addDays(member.leftOn, -1);
  return spanOf(start, dayBeforeLeaving !== undefined && dayBeforeLeaving < windowEnd ? dayBeforeLeaving : windowEnd);
};

/** The twelve calendar months before adoption, clamped like every month sum (29 Feb 2016 looks back to 28 Feb 2015). */
export const iomBaselineYear = (adoptedOn: CalendarDate): DateSpan => {
  const start = addMonths(adoptedOn, -12);
  return { start, end: addDays(adoptedOn, -1), days: daysBetween(start, adoptedOn) };
};

/** Floor division on integers of any sign, `denominator` > 0. */
const floorDivide = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
};

/** `numerator / denominator` rounded half up (towards +∞ on a tie, as the other targets' figures are), `denominator` > 0. */
const divideRoundingHalfUp = (numerator: bigint, denominator: bigint): bigint => floorDivide(2n * numerator + denominator, 2n * denominator);

const big = (value: number): bigint => BigInt(value);

/** A month is 365.25 / 12 = 30.4375 = 487 / 16 days; convictions × 30.4375 / days to two decimals is 48 700 × convictions / (16 × days) hundredths. */
const perMonth = (convictions: number, days: number): number | null => (days === 0 ? null : Number(divideRoundingHalfUp(48_700n * big(convictions), 16n * big(days))) / 100);

const period = (convictions: number, days: number): ConvictionPeriod => ({ convictions, days, perMonth: perMonth(convictions, days) });

/** Adopted members adopted on or before the window's end and not left on or before it. */
export const iomCohortSize = (members: readonly IomMemberRecord[], window: IomMeasuresWindow, settings: IomTargetSettings): CohortSizeFigure => {
  const end = windowEndOf(window);
  const actual = members.filter((member) => member.group === 'cohort' && member.joinedOn <= end && (member.leftOn === undefined || member.leftOn > end)).length;
  const target = settings.cohortSize;
  const status: IomTargetStatus = window.asOf < window.from ? 'no-data' : actual >= target ? 'green' : actual * 100 >= target * settings.countAmberPercent ? 'amber' : 'red';
  return { id: 'cohort-size', kind: 'count-at-least', target, actual, status };
};

/** The fall is at least `percent` when 100 × (cBefore × dAfter − cAfter × dBefore) ≥ percent × cBefore × dAfter. */
const fallAtLeast = (before: ConvictionPeriod, after: ConvictionPeriod, percent: number): boolean => {
  const beforeTimesAfterDays = big(before.convictions) * big(after.days);
  return 100n * (beforeTimesAfterDays - big(after.convictions) * big(before.days)) >= big(percent) * beforeTimesAfterDays;
};

/**
 * Over the measured adopted members: after, the convictions whose offence lies in the member's
 * span; before, those whose offence lies in the baseline year before adoption, over its days.
 * Only convictions known by `asOf` (convictedOn on or before it) count in either.
 */
export const iomConvictionRateFall = (members: readonly IomMemberRecord[], window: IomMeasuresWindow, settings: IomTargetSettings): ConvictionRateFallFigure => {
  const counted = (conviction: IomConviction, span: DateSpan) => conviction.convictedOn <= window.asOf && within(conviction.offenceDate, span);
  const totals = { before: { convictions: 0, days: 0 }, after: { convictions: 0, days: 0 } };
  for (const member of members) {
    const span = member.group === 'cohort' ? iomMemberSpan(member, window) : undefined;
    if (span === undefined) continue;
    const baseline = iomBaselineYear(member.joinedOn);
    totals.after.days += span.days;
    totals.before.days += baseline.days;
    totals.after.convictions += member.convictions.filter((conviction) => counted(conviction, span)).length;
    totals.before.convictions += member.convictions.filter((conviction) => counted(conviction, baseline)).length;
  }
  const before = period(totals.before.convictions, totals.before.days);
  const after = period(totals.after.convictions, totals.after.days);
  const target = settings.convictionRateFall;
  const head = { id: 'conviction-rate-fall', kind: 'rate-at-least', target, before, after } as const;
  if (after.days === 0 || before.convictions === 0) return { ...head, actual: null, status: 'no-data' };
  const beforeTimesAfterDays = big(before.convictions) * big(after.days);
  const fallTenths = divideRoundingHalfUp(1000n * (beforeTimesAfterDays - big(after.convictions) * big(before.days)), beforeTimesAfterDays);
  const status: IomTargetStatus = fallAtLeast(before, after, target) ? 'green' : fallAtLeast(before, after, target - settings.rateAmberPoints) ? 'amber' : 'red';
  return { ...head, actual: Number(fallTenths) / 10, status };
};

/** For each group, the arrests whose date lies in a member's span, over the span days. */
export const iomArrestRateVsComparison = (members: readonly IomMemberRecord[], window: IomMeasuresWindow): ArrestRateFigure => {
  const groups = { cohort: { arrests: 0, days: 0 }, comparison: { arrests: 0, days: 0 } };
  for (const member of members) {
    const span = iomMemberSpan(member, window);
    if (span === undefined) continue;
    groups[member.group].days += span.days;
    groups[member.group].arrests += member.arrests.filter((arrest) => within(arrest.arrestedOn, span)).length;
  }
  const { cohort: managed, comparison } = groups;
  const actual =
    managed.days === 0 || comparison.days === 0 || comparison.arrests === 0
      ? null
      : Number(divideRoundingHalfUp(1000n * big(managed.arrests) * big(comparison.days), big(managed.days) * big(comparison.arrests))) / 10;
  return { id: 'arrest-rate-vs-comparison', kind: 'indicator', managed, comparison, actual, status: 'n/a' };
};

/** The IOM targets in their reported order. */
export const iomMeasures = (members: readonly IomMemberRecord[], window: IomMeasuresWindow, settings: IomTargetSettings): IomFigures => [
  iomCohortSize(members, window, settings),
  iomConvictionRateFall(members, window, settings),
  iomArrestRateVsComparison(members, window),
];

/** A case as the measures read it; undefined until the person is adopted or assigned to the comparison group. */
export const iomMemberRecordOf = (state: IomCase): IomMemberRecord | undefined => {
  if (!isIomMember(state)) return undefined;
  const { group, joinedOn, convictions, arrests } = state;
  return state.status === 'left' ? { group, joinedOn, leftOn: state.leftOn, convictions, arrests } : { group, joinedOn, convictions, arrests };
};
