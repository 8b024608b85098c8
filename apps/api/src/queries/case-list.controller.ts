import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CasePage } from '@safer-cases/projections/case-summaries';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CaseQueries } from '../cases/case-queries';
import { CaseListQuery } from './case-list.query';

/** Pages of case summaries; a single case, with its history, is `GET /api/cases/:id` in CasesController. */
@ApiTags('cases')
@Controller('api/cases')
export class CaseListController {
  constructor(private readonly cases: CaseQueries) {}

  @Get()
  list(@Query() query: CaseListQuery, @CurrentActor() actor: Actor): Promise<CasePage> {
    return this.cases.list(actor, query);
  }
}
