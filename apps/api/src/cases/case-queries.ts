import { Injectable } from '@nestjs/common';
import { CasePage, decodeCaseCursor, listCases } from '@safer-cases/projections/case-summaries';
import { authorize } from '../application/authorize';
import { AuditActor } from '../audit/audit-actor';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { PersonalDataStore, PersonDisplay } from '../people/personal-data.store';
import { CaseListQuery, defaultPageSize } from '../queries/case-list.query';
import { Database } from '../shared/database';
import { CaseReader, CaseView } from './case-reader';

export type CasePeople = { caseId: string; subject: PersonDisplay | null; victim: PersonDisplay | null };

/**
 * Reading cases, for the API and the pages alike: one case with its history and the steps it
 * allows next, a page of the actor's cases, and the people a case names. Each asks the policy
 * first, and each case is one the actor works on (CaseAccess), or the answer is 403.
 */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly reader: CaseReader,
    private readonly database: Database,
    private readonly personalData: PersonalDataStore,
  ) {}

  get(actor: Actor, caseId: string): Promise<CaseView> {
    authorize(actor, 'GET /api/cases/:id');
    return this.reader.get(caseId, actor);
  }

  list(actor: Actor, query: CaseListQuery): Promise<CasePage> {
    authorize(actor, 'GET /api/cases');
    return listCases(this.database.pool, {
      ...CaseAccess.listFilter(actor, query.programme),
      status: query.status,
      closed: query.closed === undefined ? undefined : query.closed === 'true',
      limit: query.limit ?? defaultPageSize,
      after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor),
    });
  }

  /**
   * The names, date of birth and contact details held for the case's subject and victim, for
   * someone who may work on the case; each read is written to the audit log. Erased people show
   * `[erased]`; a person with nothing held is left out.
   */
  async people(actor: Actor, by: AuditActor, caseId: string): Promise<CasePeople> {
    authorize(actor, 'GET /api/cases/:id/people');
    const { personId, victimId } = await this.reader.get(caseId, actor);
    const shown = await this.personalData.displayMany(victimId ? [personId, victimId] : [personId], { by, caseId });
    return { caseId, subject: shown.get(personId) ?? null, victim: victimId ? (shown.get(victimId) ?? null) : null };
  }
}
