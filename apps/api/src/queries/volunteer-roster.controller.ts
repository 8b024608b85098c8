import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { VolunteerRosterQuery } from './volunteer-roster.query';
import { AuditActor, CurrentAuditActor } from '../audit/audit-actor';
import { RosterEntry, VolunteerQueries } from '../volunteers/volunteer-queries';

/** The volunteer roster: who is trained, who has left, how many coaching cases each carries now. */
@ApiTags('volunteers')
@Controller('api/volunteers')
export class VolunteerRosterController {
  constructor(private readonly volunteers: VolunteerQueries) {}

  /** `names=true` adds each volunteer's name, for the coordinators' own pages; each name read goes to the audit log. */
  @Get()
  list(@Query() query: VolunteerRosterQuery, @CurrentActor() actor: Actor, @CurrentAuditActor() by: AuditActor): Promise<{ items: RosterEntry[] }> {
    return this.volunteers.roster(actor, by, query);
  }
}
