import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { listVolunteers, VolunteerSummaryView } from '@safer-cases/projections/case-summaries';
import { VolunteerAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Database } from '../shared/database';
import { VolunteerRosterQuery } from './volunteer-roster.query';
import { AuditActor, CurrentAuditActor } from '../audit/audit-actor';
import { PersonalDataStore } from '../people/personal-data.store';

export type VolunteerName = { givenName?: string; familyName?: string; erased: boolean };

/** The volunteer roster: who is trained, who has left, how many coaching cases each carries now. */
@ApiTags('volunteers')
@Controller('api/volunteers')
export class VolunteerRosterController {
  constructor(
    private readonly database: Database,
    private readonly personalData: PersonalDataStore,
  ) {}

  /** `names=true` adds each volunteer's name, for the coordinators' own pages; each name read goes to the audit log. */
  @Get()
  async list(
    @Query() query: VolunteerRosterQuery,
    @CurrentActor() actor: Actor,
    @CurrentAuditActor() by: AuditActor,
  ): Promise<{ items: (VolunteerSummaryView & { name?: VolunteerName | null })[] }> {
    const items = await listVolunteers(this.database.pool, { organisation: VolunteerAccess.rosterOrganisation(actor, query.organisation) });
    if (query.names !== 'true') return { items };
    const shown = await this.personalData.displayMany(
      items.map((item) => item.volunteerId),
      { by },
    );
    return {
      items: items.map((item) => {
        const person = shown.get(item.volunteerId);
        return { ...item, name: person ? { givenName: person.givenName, familyName: person.familyName, erased: person.erased } : null };
      }),
    };
  }
}
