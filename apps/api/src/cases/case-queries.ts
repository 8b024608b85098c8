import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Programme } from '@safer-cases/domain';
import { CaseListFilter, CasePage, CaseSummaryView, decodeCaseCursor, listCases } from '@safer-cases/projections/case-summaries';
import { authorize } from '../application/authorize';
import { AuditActor } from '../audit/audit-actor';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { ruleOf } from '../auth/policy';
import { PersonalDataStore, PersonDisplay } from '../people/personal-data.store';
import { CaseListQuery, defaultPageSize } from '../queries/case-list.query';
import { Database } from '../shared/database';
import type { VolunteerName } from '../volunteers/volunteer-queries';
import { CaseReader, CaseHistoryEntry, CaseView } from './case-reader';
import { DueCandidate, readDueCandidates } from './due-candidates.queries';

export type CasePeople = { caseId: string; subject: PersonDisplay | null; victim: PersonDisplay | null };

/** The short reference staff say and type for a case: the first eight hex digits of its id. */
export const shortCaseReference = /^[0-9a-f]{8}$/i;

/** The volunteers a case's history names: each panel's facilitators and each coach assigned, struck entries' too (the history still shows them). */
export const volunteersNamedIn = (history: readonly Pick<CaseHistoryEntry, 'type' | 'data'>[]): string[] => {
  const ids = history.flatMap(({ type, data }) => {
    if (type === 'PanelHeld' && Array.isArray(data.facilitatorIds)) return data.facilitatorIds.filter((id): id is string => typeof id === 'string');
    if (type === 'CoachAssigned' && typeof data.volunteerId === 'string') return [data.volunteerId];
    return [];
  });
  return [...new Set(ids)];
};

/** Whether the policy lets the actor read volunteers' names (the roster's `names=true`): the volunteers' coordinators. */
const mayReadVolunteerNames = (actor: Actor): boolean => {
  const rule = ruleOf('GET /api/volunteers');
  return rule !== undefined && (rule.public === true || rule.roles.includes(actor.role));
};

/** A case's whole id, as a search box may be given it (pasted from an address, in either case). */
const wholeCaseId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%`, `_` and `\` stand for themselves in a reference searched for. */
/** The case id `text` is the start of, lower-cased: a short reference as the pages show it, or a whole id; undefined for anything else. */
export const caseIdPrefixOf = (text: string): string | undefined => (shortCaseReference.test(text) || wholeCaseId.test(text) ? text.toLowerCase() : undefined);

export const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

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

  /**
   * A page of the actor's cases. `q` narrows it to the cases whose subject's name holds every
   * word of it, in any order (any case, accents ignored), whose subject was born on the
   * `YYYY-MM-DD` it gives, whose referrer's reference holds it, or whose own reference it is (the
   * short one the pages show, or the whole id): among the actor's cases only, and without any
   * name being opened (PersonalDataStore.peopleMatching).
   */
  async list(actor: Actor, query: CaseListQuery): Promise<CasePage> {
    authorize(actor, 'GET /api/cases');
    const scope = CaseAccess.listFilter(actor, query.programme);
    return listCases(this.database.pool, {
      ...scope,
      status: query.status,
      closed: query.closed === undefined ? undefined : query.closed === 'true',
      ...(query.q === undefined ? {} : await this.search(query.q.trim())),
      limit: query.limit ?? defaultPageSize,
      after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor),
    });
  }

  /**
   * The name held for the subject of each case of a list the actor was given, for the pages'
   * case lists: null where none is held, `[erased]` fields where erased. Only for someone who may
   * read a case's people, and only for cases they may work on (403 otherwise); each read is
   * audited under its case, as a case page's is.
   */
  async subjects(
    actor: Actor,
    by: AuditActor,
    cases: readonly Pick<CaseSummaryView, 'caseId' | 'personId' | 'programme' | 'referrer'>[],
  ): Promise<Map<string, PersonDisplay | null>> {
    authorize(actor, 'GET /api/cases/:id/people');
    const { programme, referrerOrganisation } = CaseAccess.listFilter(actor, undefined);
    const outside = cases.find(
      (listed) => (programme !== undefined && listed.programme !== programme) || (referrerOrganisation !== undefined && listed.referrer.organisation !== referrerOrganisation),
    );
    if (outside) throw new ForbiddenException({ message: `Case ${outside.caseId} is not one a ${actor.role} of ${actor.organisation} may work on`, code: 'forbidden' });
    const shown = await this.personalData.displayForCases(
      cases.map(({ personId, caseId }) => ({ personId, caseId })),
      by,
    );
    return new Map(cases.map(({ caseId, personId }) => [caseId, shown.get(personId) ?? null]));
  }

  /**
   * The actor's open cases of `programme` that may have something due, for its coordinator's
   * start page (the page's rules say what is due): one read-model query, within what the actor
   * may see, as the case list.
   */
  dueCandidates(actor: Actor, programme: Programme): Promise<DueCandidate[]> {
    authorize(actor, 'GET /api/cases');
    const scope = CaseAccess.listFilter(actor, programme);
    return readDueCandidates(this.database.pool, { programme, referrerOrganisation: scope.referrerOrganisation });
  }

  /**
   * The id of the one case with this short reference among those the actor may work on (of
   * `programme`, when given): for an address typed with the reference staff say. 404 when none
   * has it, or when more than one does (the message says so, and to search the list instead).
   */
  async idOfReference(actor: Actor, reference: string, programme?: Programme): Promise<string> {
    authorize(actor, 'GET /api/cases/:id');
    const short = reference.toLowerCase();
    const scope = CaseAccess.listFilter(actor, programme);
    const { rows } = await this.database.pool.query<{ case_id: string }>(
      `select case_id from case_summaries
        where left(case_id, 8) = $1 and ($2::text is null or programme = $2) and ($3::text is null or referrer_organisation = $3)
        limit 2`,
      [short, scope.programme ?? null, scope.referrerOrganisation ?? null],
    );
    if (rows.length === 1) return rows[0].case_id;
    throw new NotFoundException({
      message:
        rows.length === 0 ? `No case you may see has the reference ${short}` : `More than one case you may see has the reference ${short}: find it by searching the case list`,
      code: 'not-found',
    });
  }

  /** What `q` asks of the case list: the subjects it finds by name or date of birth, a referrer's reference holding it, or the case it is the reference of. */
  private async search(text: string): Promise<Pick<CaseListFilter, 'personIds' | 'referenceLike' | 'caseIdPrefix'>> {
    const personIds = await this.personalData.peopleMatching(text);
    const caseReference = caseIdPrefixOf(text);
    return {
      ...(personIds === undefined ? {} : { personIds }),
      referenceLike: `%${likeEscaped(text)}%`,
      ...(caseReference === undefined ? {} : { caseIdPrefix: caseReference }),
    };
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

  /**
   * The names of the volunteers the history of a case the actor was given names (a panel's
   * facilitators, a coach), in one read of personal data, each read audited under the case. Only
   * for those the policy lets read volunteers' names on the roster; for anyone else undefined,
   * and nothing is read. An erased volunteer is `erased: true`; one with nothing held is left out.
   */
  async volunteerNames(actor: Actor, by: AuditActor, view: Pick<CaseView, 'caseId' | 'programme' | 'referrer' | 'history'>): Promise<Map<string, VolunteerName> | undefined> {
    authorize(actor, 'GET /api/cases/:id');
    CaseAccess.assertMayWorkOn(actor, view);
    if (!mayReadVolunteerNames(actor)) return undefined;
    const ids = volunteersNamedIn(view.history);
    if (ids.length === 0) return new Map();
    const shown = await this.personalData.displayMany(ids, { by, caseId: view.caseId });
    return new Map([...shown].map(([id, person]) => [id, person.erased ? { erased: true } : { givenName: person.givenName, familyName: person.familyName, erased: false }]));
  }
}
