import { Injectable } from '@nestjs/common';
import { AuditActor } from '../audit/audit-actor';
import { PersonNotFound } from './people.errors';
import { PersonalDataStore } from './personal-data.store';
import { PersonRecords } from './person-records';

export type ErasureResult = { personId: string; erasedAt: string };

/**
 * `POST /api/people/:id/erasure`: the person's key and sealed data destroyed, the erasure
 * recorded. Events and figures stay as they are: they hold ids, never personal data. Asked
 * again, it answers 200 with the first erasure's time (unless new data was saved since, which
 * it then erases too).
 */
@Injectable()
export class ErasePerson {
  constructor(
    private readonly people: PersonalDataStore,
    private readonly records: PersonRecords,
  ) {}

  async execute(personId: string, by: AuditActor): Promise<ErasureResult> {
    const [cases, volunteer] = await Promise.all([this.records.caseRoles(personId), this.records.isVolunteer(personId)]);
    const caseIds = cases.map(({ caseId }) => caseId);
    const erasure = await this.people.erase(personId, by, { known: caseIds.length > 0 || volunteer, caseIds });
    if (!erasure) throw new PersonNotFound(personId);
    return { personId, erasedAt: erasure.erasedAt };
  }
}
