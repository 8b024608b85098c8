import { Injectable } from '@nestjs/common';
import { VolunteerNotFound, VolunteerState } from '@safer-cases/domain';
import { listVolunteers, VolunteerSummaryView } from '@safer-cases/projections/volunteers';
import { authorize } from '../application/authorize';
import { AuditActor } from '../audit/audit-actor';
import { VolunteerAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { PersonalDataStore } from '../people/personal-data.store';
import { VolunteerRosterQuery } from '../queries/volunteer-roster.query';
import { Database } from '../shared/database';
import { VolunteerLedger } from './volunteer-ledger';

export type VolunteerName = { givenName?: string; familyName?: string; erased: boolean };
export type RosterEntry = VolunteerSummaryView & { name?: VolunteerName | null };
export type VolunteerView = Exclude<VolunteerState, { status: 'none' }>;

/** Reading volunteers, for the API and the pages alike: the roster of the actor's own organisation, and one volunteer. */
@Injectable()
export class VolunteerQueries {
  constructor(
    private readonly database: Database,
    private readonly personalData: PersonalDataStore,
    private readonly ledger: VolunteerLedger,
  ) {}

  /** The roster; `names=true` adds each volunteer's name, for the coordinators' own pages, and each name read goes to the audit log. */
  async roster(actor: Actor, by: AuditActor, query: VolunteerRosterQuery): Promise<{ items: RosterEntry[] }> {
    authorize(actor, 'GET /api/volunteers');
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

  async get(actor: Actor, volunteerId: string): Promise<VolunteerView> {
    authorize(actor, 'GET /api/volunteers/:id');
    const state = await this.ledger.state(volunteerId);
    if (state.status === 'none') throw new VolunteerNotFound(volunteerId);
    VolunteerAccess.assertMayManage(actor, state.organisation);
    return state;
  }
}
