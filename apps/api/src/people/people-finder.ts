import { NotFoundException } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Programme } from '@safer-cases/domain';
import { listCases } from '@safer-cases/projections/case-summaries';
import { IsOptional } from 'class-validator';
import { authorize } from '../application/authorize';
import { AuditActor } from '../audit/audit-actor';
import { Actor } from '../auth/actor';
import { RouteKey } from '../auth/policy';
import { caseIdPrefixOf, likeEscaped } from '../cases/case-queries';
import { IsFreeText } from '../http/validation';
import { Database } from '../shared/database';
import { Erasure, PersonalDataKind, PersonalDataStore, PersonDisplay } from './personal-data.store';
import { PersonRecords, PersonRole } from './person-records';

/**
 * Finding a person is the first step of a subject access request or an erasure, so it is open to
 * whoever may export a person: the administrators (auth/policy.ts).
 */
export const findPeopleKey: RouteKey = 'GET /api/people/:id/export';

/** How many people one search shows: enough for any name or reference, and a bounded read of names. */
export const peoplePerSearch = 50;

/** How many cases one search looks through: the search index's subjects and the references matched. */
const casesPerSearch = 200;

/** The administrators' search box, validated as the case lists' `q` is. */
export class PeopleSearchQuery {
  @ApiPropertyOptional({
    description: "Words of a subject's name in any order, a date of birth as YYYY-MM-DD, or a case's reference (short or the referrer's)",
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsFreeText(1, 100)
  q?: string;
}

/** `POST /api/people/:id/erasure` takes no body: the person is the path's `:id`. */
export class PersonErasureRequest {}

/** One case that names a person, as the administrators' pages list it. */
export type PersonCaseRole = { caseId: string; programme: Programme; role: PersonRole };

/** A person found, with what is held: their name and date of birth (or `[erased]`), and every case naming them. */
export type FoundPerson = { personId: string; kind: PersonalDataKind | null; display: PersonDisplay | null; cases: PersonCaseRole[] };

export type PeopleFound = { people: FoundPerson[]; more: boolean };

/** What the administrators' person page shows: what is held, the cases, the volunteer record, and the erasure if any. */
export type HeldAboutPerson = FoundPerson & { volunteer: boolean; erasure: Erasure | null; dataHeld: boolean };

/** The answer, on a page, for a person of whom nothing is held: the same whether the id was typed or is gone. */
export class NothingHeldAboutPerson extends NotFoundException {
  constructor() {
    super({ message: 'Nothing is held about this person: no personal details, case, volunteer record or erasure. Find them from the People page.', code: 'not-found' });
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The administrators' way to a person: by name or date of birth (the search index the case lists
 * use, no name opened to search; it holds subjects, victims and volunteers), or by a case's
 * reference, short or the referrer's, which finds the case's subject and victim. The
 * administrators see no case through CaseQueries, so the case summaries and the referrals are
 * asked here directly. Each name shown is a read written to the audit log.
 */
@Injectable()
export class PeopleFinder {
  constructor(
    private readonly database: Database,
    private readonly personalData: PersonalDataStore,
    private readonly records: PersonRecords,
  ) {}

  async find(actor: Actor, by: AuditActor, text: string): Promise<PeopleFound> {
    authorize(actor, findPeopleKey);
    const wanted = text.trim();
    const named = (await this.personalData.peopleMatching(wanted)) ?? [];
    const caseIdPrefix = caseIdPrefixOf(wanted);
    const byIndexOrReference = await listCases(this.database.pool, {
      personIds: named,
      referenceLike: `%${likeEscaped(wanted)}%`,
      ...(caseIdPrefix === undefined ? {} : { caseIdPrefix }),
      limit: casesPerSearch,
    });
    const found = new Set(named);
    // The cases found by a reference, not by a name: their victims are found too.
    const matchedByReference = byIndexOrReference.items.filter((item) => !found.has(item.personId)).map(({ caseId }) => caseId);
    for (const item of byIndexOrReference.items) found.add(item.personId);
    for (const person of await this.peopleOfCases(matchedByReference)) found.add(person);
    const ids = [...found];
    const shown = ids.slice(0, peoplePerSearch);
    const [roles, displays] = await Promise.all([this.caseRoles(shown), this.personalData.displayMany(shown, { by })]);
    const people = shown.map((personId) => ({
      personId,
      kind: displays.get(personId)?.kind ?? roles.get(personId)?.[0]?.role ?? null,
      display: displays.get(personId) ?? null,
      cases: roles.get(personId) ?? [],
    }));
    return { people: people.sort(byName), more: ids.length > shown.length || byIndexOrReference.nextCursor !== null };
  }

  /** Everything held about one person, their name's read audited; 404 when nothing is held (a typed id included). */
  async held(actor: Actor, by: AuditActor, personId: string): Promise<HeldAboutPerson> {
    authorize(actor, findPeopleKey);
    if (!uuid.test(personId)) throw new NothingHeldAboutPerson();
    const id = personId.toLowerCase();
    const [display, erasure, roles, volunteer] = await Promise.all([
      this.personalData.display(id, { by }),
      this.personalData.erasure(id),
      this.caseRoles([id]),
      this.records.isVolunteer(id),
    ]);
    const cases = roles.get(id) ?? [];
    if (!display && !erasure && cases.length === 0 && !volunteer) throw new NothingHeldAboutPerson();
    const kind = display?.kind ?? (volunteer ? 'volunteer' : (cases[0]?.role ?? null));
    return { personId: id, kind, display: display ?? null, cases, volunteer, erasure: erasure ?? null, dataHeld: display !== undefined && !display.erased };
  }

  /** Whether the person's data is held now, and their erasure if there is one: so that erasing again can say it was already done. */
  async erasureState(actor: Actor, personId: string): Promise<{ dataHeld: boolean; erasure: Erasure | undefined }> {
    authorize(actor, findPeopleKey);
    const [{ rows }, erasure] = await Promise.all([
      this.database.pool.query<{ held: boolean }>(`select exists (select 1 from personal_data where id = $1) as held`, [personId]),
      this.personalData.erasure(personId),
    ]);
    return { dataHeld: rows[0].held, erasure };
  }

  /** The subject and victim each case's referral names, from its first event (the referral itself, not a read model). */
  private async peopleOfCases(caseIds: readonly string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await this.database.pool.query<{ subject: string | null; victim: string | null }>(
      `select data->>'personId' as subject, data->>'victimId' as victim from events where stream_id = any($1::text[]) and revision = 0 and type = 'CaseReferred'`,
      [caseIds.map((caseId) => `case-${caseId}`)],
    );
    return rows.flatMap(({ subject, victim }) => [subject, victim].filter((id): id is string => id !== null));
  }

  /** Every case naming each person as subject or victim, in the order referred, read from the referrals as PersonRecords reads them. */
  private async caseRoles(personIds: readonly string[]): Promise<Map<string, PersonCaseRole[]>> {
    const roles = new Map<string, PersonCaseRole[]>();
    if (personIds.length === 0) return roles;
    const { rows } = await this.database.pool.query<{ case_id: string; programme: Programme; subject: string | null; victim: string | null }>(
      `select data->>'caseId' as case_id, data->>'programme' as programme, data->>'personId' as subject, data->>'victimId' as victim from events
        where type = 'CaseReferred' and (data->>'personId' = any($1::text[]) or data->>'victimId' = any($1::text[])) order by position`,
      [personIds],
    );
    const wanted = new Set(personIds);
    const add = (personId: string | null, role: PersonRole, row: (typeof rows)[number]): void => {
      if (personId === null || !wanted.has(personId)) return;
      roles.set(personId, [...(roles.get(personId) ?? []), { caseId: row.case_id, programme: row.programme, role }]);
    };
    for (const row of rows) {
      add(row.subject, 'subject', row);
      add(row.victim, 'victim', row);
    }
    return roles;
  }
}

/** Family name, then given name, as a list of people is read; anyone with no name held last. */
const byName = (a: FoundPerson, b: FoundPerson): number => {
  const key = (person: FoundPerson): string => (person.display && !person.display.erased ? `${person.display.familyName ?? ''} ${person.display.givenName ?? ''}` : '\uffff');
  return key(a).localeCompare(key(b), 'en-GB', { sensitivity: 'base' });
};
