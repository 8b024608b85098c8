import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { listVolunteers, VolunteerSummaryView } from '@safer-cases/projections/case-summaries';
import { VolunteerAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Database } from '../shared/database';
import { VolunteerRosterQuery } from './volunteer-roster.query';

/** The volunteer roster: who is trained, who has left, how many coaching cases each carries now. */
@ApiTags('volunteers')
@Controller('api/volunteers')
export class VolunteerRosterController {
  constructor(private readonly database: Database) {}

  @Get()
  async list(@Query() query: VolunteerRosterQuery, @CurrentActor() actor: Actor): Promise<{ items: VolunteerSummaryView[] }> {
    return { items: await listVolunteers(this.database.pool, { organisation: VolunteerAccess.rosterOrganisation(actor, query.organisation) }) };
  }
}
