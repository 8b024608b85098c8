import { Injectable } from '@nestjs/common';
import { AuditActor } from '../audit/audit-actor';
import { AuditLog, AuditRecord, perCase } from '../audit/audit-log';
import { Clock } from '../shared/clock';
import { PersonNotFound } from './people.errors';
import { Erasure, PersonalDataStore, PersonDisplay } from './personal-data.store';
import { PersonCase, PersonRecords, VolunteerRecord } from './person-records';
import { SearchIndexHeld } from './person-search-index';

export type PersonExport = {
  personId: string;
  generatedAt: string;
  personalData: PersonDisplay | null;
  erasure: Erasure | null;
  /** What the case lists' search index holds about them (keyed hashes only), explained; null when it holds nothing. */
  searchIndex: SearchIndexHeld | null;
  cases: PersonCase[];
  volunteer: VolunteerRecord | null;
  audit: AuditRecord[];
};

/**
 * `GET /api/people/:id/export`, the answer to a subject access request: everything held about
 * the person, decrypted, with every case naming them and its whole history, and what the search
 * index holds of them (which name parts and whether the date of birth). The export is
 * itself recorded in the audit log, once per case (after reading the entries it returns).
 */
@Injectable()
export class ExportPerson {
  constructor(
    private readonly people: PersonalDataStore,
    private readonly records: PersonRecords,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(personId: string, by: AuditActor): Promise<PersonExport> {
    const generatedAt = this.clock.now().toISOString();
    const [personalData, erasure, searchIndex, cases, volunteer, audit] = await Promise.all([
      this.people.display(personId),
      this.people.erasure(personId),
      this.people.searchIndexHeld(personId),
      this.records.cases(personId),
      this.records.volunteer(personId),
      this.audit.about(personId),
    ]);
    if (!personalData && !erasure && cases.length === 0 && !volunteer) throw new PersonNotFound(personId);
    const caseIds = cases.map(({ caseId }) => caseId);
    await this.audit.record(perCase({ action: 'person-exported', by, personId, details: { cases: caseIds.length, volunteer: volunteer !== undefined } }, caseIds));
    return { personId, generatedAt, personalData: personalData ?? null, erasure: erasure ?? null, searchIndex: searchIndex ?? null, cases, volunteer: volunteer ?? null, audit };
  }
}
