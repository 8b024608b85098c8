import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { CalendarDate, isCalendarDate, Programme } from '@safer-cases/domain';
import {
  computeTargets,
  computeTargetSeries,
  computeTargetsForWindows,
  monthsOfPeriod,
  programmesWithTargets,
  resolvePeriod,
  TargetsQuery,
  TargetsReport,
  TargetsSeries,
  TargetsWindow,
} from '@safer-cases/projections/targets';
import { authorize } from '../application/authorize';
import { Actor } from '../auth/actor';
import { caseScope } from '../auth/policy';
import { Clock } from '../shared/clock';
import { Database } from '../shared/database';

/** What a caller asks: the programme, and any of the period's ends and the day the figures are taken. */
export type TargetsAsked = { programme: Programme; from?: CalendarDate; to?: CalendarDate; asOf?: CalendarDate };

/** A series has a row a month; a century of months is more than any chart, and keeps one statement small. */
export const longestSeriesMonths = 1200;

const invalid = (field: string, problem: string): BadRequestException =>
  new BadRequestException({ message: `Invalid request: ${problem}`, code: 'invalid-request', details: [{ field, problems: [problem] }] });

/**
 * The programmes whose targets the actor sees: a commissioner every programme, a provider's
 * coordinator their own (the programme whose cases they work on), anyone else none.
 */
export const programmesShownTo = (actor: Actor): readonly Programme[] => {
  if (actor.role === 'commissioner') return programmesWithTargets;
  const scope = caseScope[actor.role];
  return scope.kind === 'programme' && programmesWithTargets.some((programme) => programme === scope.programme) ? [scope.programme] : [];
};

/** The programme half of the policy for the targets (the role half is `authorize`'s): 403 for a programme not the actor's. */
const assertShown = (actor: Actor, programme: Programme): void => {
  const shown = programmesShownTo(actor);
  if (!shown.includes(programme)) {
    throw new ForbiddenException({ message: `A ${actor.role} sees the targets of ${shown.join(', ') || 'no programme'} only, not of ${programme}`, code: 'forbidden' });
  }
};

/**
 * Target attainment for commissioners, and for each provider of its own programme, for the API
 * and the dashboard alike: counts and rates only, never personal data. Each programme's figures
 * are one statement on the read model, however many windows are asked for.
 */
@Injectable()
export class TargetsQueries {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** The programmes whose targets the actor may read, once the policy lets them read targets at all: what the dashboard shows them. */
  programmesOf(actor: Actor): readonly Programme[] {
    authorize(actor, 'GET /api/targets');
    return programmesShownTo(actor);
  }

  /** GET /api/targets: the period's missing ends from the financial year holding `asOf`, which defaults to today. */
  async report(actor: Actor, asked: TargetsAsked): Promise<TargetsReport> {
    authorize(actor, 'GET /api/targets');
    assertShown(actor, asked.programme);
    return computeTargets(this.database.pool, this.resolve(asked));
  }

  /** The programme's figures for each window, in the order given: the dashboard's period and its trend steps. */
  async reports(actor: Actor, programme: Programme, windows: readonly TargetsWindow[]): Promise<TargetsReport[]> {
    authorize(actor, 'GET /api/targets');
    assertShown(actor, programme);
    return computeTargetsForWindows(this.database.pool, programme, windows);
  }

  /** GET /api/targets/series: per month of the period, the period to the month's end. */
  async series(actor: Actor, asked: TargetsAsked): Promise<TargetsSeries> {
    authorize(actor, 'GET /api/targets/series');
    assertShown(actor, asked.programme);
    const query = this.resolve(asked);
    if (monthsOfPeriod(query) > longestSeriesMonths) {
      const field = asked.to === undefined ? 'from' : 'to';
      throw invalid(field, `${field} must keep the period to ${longestSeriesMonths} months or fewer for a series (from ${query.from}, to ${query.to})`);
    }
    return computeTargetSeries(this.database.pool, query);
  }

  /** The period asked for, its missing ends from the financial year containing `asOf`; 400 naming the field at fault. */
  private resolve(asked: TargetsAsked): TargetsQuery {
    const asOf = asked.asOf ?? this.clock.today();
    const resolved = resolvePeriod(asked, asOf);
    if (!isCalendarDate(resolved.from) || !isCalendarDate(resolved.to)) {
      throw invalid('asOf', `asOf must lie in a financial year between 1900 and 9999 when from or to is left out (${resolved.from} to ${resolved.to})`);
    }
    if (resolved.from > resolved.to) {
      const field = asked.to === undefined ? 'from' : 'to';
      throw invalid(field, `${field} must not make the period end before it starts (from ${resolved.from}, to ${resolved.to})`);
    }
    return { programme: asked.programme, from: resolved.from, to: resolved.to, asOf };
  }
}
