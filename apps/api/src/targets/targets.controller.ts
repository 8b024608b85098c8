import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalendarDate, isCalendarDate } from '@safer-cases/domain';
import { Period, readTargets, resolvePeriod, TargetsReport } from '@safer-cases/projections/targets';
import { Clock } from '../shared/clock';
import { Database } from '../shared/database';
import { TargetsRequest } from './targets.request';

const invalid = (field: string, problem: string): BadRequestException =>
  new BadRequestException({ message: `Invalid request: ${problem}`, code: 'invalid-request', details: [{ field, problems: [problem] }] });

/** Target attainment for commissioners: counts and rates only, never personal data. */
@ApiTags('targets')
@Controller('api/targets')
export class TargetsController {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  @Get()
  get(@Query() request: TargetsRequest): Promise<TargetsReport> {
    const asOf = request.asOf ?? this.clock.today();
    const { from, to } = period(request, asOf);
    return readTargets(this.database.pool, { programme: request.programme, from, to, asOf });
  }
}

/** The period asked for, its missing ends from the financial year containing `asOf`; 400 naming the field at fault. */
const period = (request: TargetsRequest, asOf: CalendarDate): Period => {
  const resolved = resolvePeriod(request, asOf);
  if (!isCalendarDate(resolved.from) || !isCalendarDate(resolved.to)) {
    throw invalid('asOf', `asOf must lie in a financial year between 1900 and 9999 when from or to is left out (${resolved.from} to ${resolved.to})`);
  }
  if (resolved.from > resolved.to) {
    const field = request.to === undefined ? 'from' : 'to';
    throw invalid(field, `${field} must not make the period end before it starts (from ${resolved.from}, to ${resolved.to})`);
  }
  return resolved;
};
