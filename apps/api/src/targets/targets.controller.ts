import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TargetsReport, TargetsSeries } from '@safer-cases/projections/targets';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { TargetsQueries } from './targets.queries';
import { TargetsRequest } from './targets.request';

/** Target attainment for commissioners, and for each provider of its own programme: counts and rates only, never personal data. */
@ApiTags('targets')
@Controller('api/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsQueries) {}

  @Get()
  get(@Query() request: TargetsRequest, @CurrentActor() actor: Actor): Promise<TargetsReport> {
    return this.targets.report(actor, request);
  }

  /** Per month of the period, the targets for the period to the month's end, as of the earlier of that day and `asOf`. */
  @Get('series')
  series(@Query() request: TargetsRequest, @CurrentActor() actor: Actor): Promise<TargetsSeries> {
    return this.targets.series(actor, request);
  }
}
