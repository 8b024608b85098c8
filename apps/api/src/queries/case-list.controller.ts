import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CasePage, decodeCaseCursor, listCases } from '@safer-cases/projections/case-summaries';
import { CaseAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Database } from '../shared/database';
import { CaseListQuery, defaultPageSize } from './case-list.query';

/** Pages of case summaries; a single case, with its history, is `GET /api/cases/:id` in CasesController. */
@ApiTags('cases')
@Controller('api/cases')
export class CaseListController {
  constructor(private readonly database: Database) {}

  @Get()
  list(@Query() query: CaseListQuery, @CurrentActor() actor: Actor): Promise<CasePage> {
    return listCases(this.database.pool, {
      ...CaseAccess.listFilter(actor, query.programme),
      status: query.status,
      closed: query.closed === undefined ? undefined : query.closed === 'true',
      limit: query.limit ?? defaultPageSize,
      after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor),
    });
  }
}
