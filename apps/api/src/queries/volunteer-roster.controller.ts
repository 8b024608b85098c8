import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { listVolunteers, VolunteerSummaryView } from '@safer-cases/projections/case-summaries';
import { Database } from '../shared/database';
import { VolunteerRosterQuery } from './volunteer-roster.query';

/** The volunteer roster: who is trained, who has left, how many coaching cases each carries now. */
@ApiTags('volunteers')
@Controller('api/volunteers')
export class VolunteerRosterController {
  constructor(private readonly database: Database) {}

  @Get()
  async list(@Query() query: VolunteerRosterQuery): Promise<{ items: VolunteerSummaryView[] }> {
    return { items: await listVolunteers(this.database.pool, { organisation: query.organisation }) };
  }
}
