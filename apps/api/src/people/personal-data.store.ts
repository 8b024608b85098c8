import { Injectable } from '@nestjs/common';
import { AuditActor } from '../audit/audit-actor';
import type { Queryable } from '@safer-cases/projections';
import { AuditEntry, AuditLog, perCase } from '../audit/audit-log';
import { Clock } from '../shared/clock';
import { Database } from '../shared/database';
import { TransactionScope } from '@safer-cases/event-store';
import type { PoolClient } from 'pg';
import { inTransaction } from './in-transaction';
import { PersonErased, PersonOfOtherKind } from './people.errors';
import { PersonKeyring, WrappedKey } from './person-keyring';
import { PersonSearchIndex, SearchIndexHeld } from './person-search-index';
import { open, seal } from './sealed-box';

export type PersonalDataKind = 'subject' | 'victim' | 'volunteer';
export const personalFieldNames = ['givenName', 'familyName', 'dateOfBirth', 'contact'] as const;
export type PersonalField = (typeof personalFieldNames)[number];
export type PersonalFields = Partial<Record<PersonalField, string>>;

/** What every field of an erased person shows. */
export const erasedMarker = '[erased]';

/** A person as pages show them: the fields held, or every field `[erased]` once erased. */
export type PersonDisplay = PersonalFields & { personId: string; kind: PersonalDataKind | null; erased: boolean };
export type Erasure = { personId: string; erasedAt: string; erasedBy: string };
/** Who reads personal data, and for which case: given, the read goes into the audit log. */
export type PersonalDataReader = { by: AuditActor; caseId?: string };

type StoredRow = WrappedKey & { id: string; kind: PersonalDataKind; sealed: Buffer };
/** A row with its person's key already unwrapped: see sealedRows. */
type SealedRow = { id: string; kind: PersonalDataKind; sealed: Buffer; dataKey: Buffer };
type ErasureRow = { person_id: string; kind: PersonalDataKind | null; erased_at: Date; erased_by: string };

const sealContext = (personId: string): string => `personal-data:${personId}`;

const indexBatch = 500;

const onlyFields = (fields: PersonalFields): PersonalFields =>
  Object.fromEntries(personalFieldNames.flatMap((name) => (typeof fields[name] === 'string' ? [[name, fields[name]]] : [])));

const erasureOf = (row: ErasureRow): Erasure => ({ personId: row.person_id, erasedAt: row.erased_at.toISOString(), erasedBy: row.erased_by });

/**
 * Names, dates of birth and contact details, kept out of every event and sealed with a key of
 * the person's own (AES-256-GCM, the person's id authenticated with each row), so that erasing a
 * person destroys their data while the events and the figures built from them stay as they are.
 */
@Injectable()
export class PersonalDataStore {
  constructor(
    private readonly database: Database,
    private readonly keyring: PersonKeyring,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly searchIndex: PersonSearchIndex,
  ) {}

  /**
   * Adds or updates the given fields; fields left undefined keep what was held. Inside a
   * command, the write is part of the command's transaction (it commits with the command's
   * events), and so is the search index of what is then held. An erased person is never
   * written again, and a record of one kind (subject, victim, volunteer) never takes another
   * kind's data.
   */
  async save(id: string, kind: PersonalDataKind, fields: PersonalFields, options: { field?: string } = {}): Promise<void> {
    const given = onlyFields(fields);
    if (Object.keys(given).length === 0) return;
    const write = async (client: PoolClient): Promise<void> => {
      const keyring = await this.keyring.holdForWriting(client);
      await this.refuseOtherPerson(client, id, kind, options.field, true);
      const key = await this.keyring.keyForWriting(client, id, keyring);
      try {
        const { rows } = await client.query<{ sealed: Buffer }>(`select sealed from personal_data where id = $1`, [id]);
        const held: PersonalFields = rows[0] ? JSON.parse(open(key, rows[0].sealed, sealContext(id)).toString('utf8')) : {};
        const fields = { ...held, ...given };
        const sealed = seal(key, Buffer.from(JSON.stringify(fields), 'utf8'), sealContext(id));
        await client.query(
          `insert into personal_data (id, kind, sealed) values ($1, $2, $3)
           on conflict (id) do update set sealed = excluded.sealed, updated_at = now()`,
          [id, kind, sealed],
        );
        await this.searchIndex.write(client, id, kind, onlyFields(fields));
      } finally {
        key.fill(0);
      }
    };
    const scope = TransactionScope.current();
    if (scope) await write(await scope.transaction());
    else await inTransaction(this.database.pool, write);
  }

  /**
   * For an id a client chose for a new record: refused when it is already a person of another
   * kind (a case's subject included, even one with no details held) or an erased person.
   */
  async assertNotOtherPerson(id: string, kind: PersonalDataKind, field: string): Promise<void> {
    await this.refuseOtherPerson(this.database.pool, id, kind, field);
  }

  /**
   * Refuses to write under an erased person's id, or under one that is already a person of
   * another kind (a case's subject included). `lock` holds their record until the transaction ends.
   */
  private async refuseOtherPerson(db: Queryable, id: string, kind: PersonalDataKind, field?: string, lock = false): Promise<void> {
    const { rows } = await db.query<{ held: PersonalDataKind | null; erased: boolean; subject: boolean }>(
      `select (select kind from personal_data where id = $1 ${lock ? 'for update' : ''}) as held,
              exists (select 1 from person_erasures where person_id = $1) as erased,
              exists (select 1 from case_summaries where person_id = $1) as subject`,
      [id],
    );
    const { held, erased, subject } = rows[0];
    if (erased) throw new PersonErased(id, field);
    if ((held !== null && held !== kind) || (subject && kind !== 'subject')) throw new PersonOfOtherKind(id, field);
  }

  /** The fields held, decrypted; undefined when nothing is held (never saved, or erased). */
  async find(id: string, reader?: PersonalDataReader): Promise<(PersonalFields & { kind: PersonalDataKind }) | undefined> {
    const row = (await this.sealedRows([id])).get(id);
    if (!row) return undefined;
    const fields = this.opened(row);
    if (reader) await this.audit.record([readEntry(id, fields, reader)]);
    return { kind: row.kind, ...fields };
  }

  async display(id: string, reader?: PersonalDataReader): Promise<PersonDisplay | undefined> {
    return (await this.displayMany([id], reader)).get(id);
  }

  /** For a page of many people at once; ids with nothing held and no erasure are left out. */
  async displayMany(ids: readonly string[], reader?: PersonalDataReader): Promise<Map<string, PersonDisplay>> {
    const unique = [...new Set(ids)];
    const [rows, erasures] = await Promise.all([this.sealedRows(unique), this.erasureRows(unique)]);
    const shown = new Map<string, PersonDisplay>();
    const read: AuditEntry[] = [];
    for (const id of unique) {
      const row = rows.get(id);
      const erasure = erasures.get(id);
      if (row) {
        const fields = this.opened(row);
        shown.set(id, { personId: id, kind: row.kind, erased: false, ...fields });
        if (reader) read.push(readEntry(id, fields, reader));
      } else if (erasure) {
        const markers = Object.fromEntries(personalFieldNames.map((name) => [name, erasedMarker]));
        shown.set(id, { personId: id, kind: erasure.kind, erased: true, ...markers });
      }
    }
    await this.audit.record(read);
    return shown;
  }

  /**
   * For a page naming the people of many cases at once (a course's register): one read for them
   * all, and each person's read audited under the case it was read for, as `displayMany` audits
   * the people of one case.
   */
  async displayForCases(named: readonly { personId: string; caseId: string }[], by: AuditActor): Promise<Map<string, PersonDisplay>> {
    const shown = await this.displayMany(named.map(({ personId }) => personId));
    const read = named.flatMap(({ personId, caseId }) => {
      const person = shown.get(personId);
      return person && !person.erased ? [readEntry(personId, onlyFields(person), { by, caseId })] : [];
    });
    await this.audit.record(read);
    return shown;
  }

  /**
   * The people (subjects, victims and volunteers) whose name holds every name part of `text` in
   * any order (any case, accents ignored), and whose date of birth is every `YYYY-MM-DD` in it,
   * found by the search index without opening anyone's data; undefined when `text` holds
   * neither. Nobody erased is found.
   */
  async peopleMatching(text: string): Promise<string[] | undefined> {
    return this.searchIndex.find(this.database.pool, text);
  }

  /** What the search index holds for the person, for their subject access export; undefined when it holds nothing. */
  async searchIndexHeld(id: string): Promise<SearchIndexHeld | undefined> {
    const row = (await this.sealedRows([id])).get(id);
    return this.searchIndex.held(this.database.pool, id, row ? this.opened(row) : {});
  }

  /**
   * Indexes every person held with no search index row (those saved before the index existed),
   * a batch per transaction with the keyring held, so that no erasure runs meanwhile. Runs at
   * start-up, before the API takes requests; answers how many it indexed.
   */
  async indexUnindexed(): Promise<number> {
    let indexed = 0;
    for (;;) {
      const batch = await inTransaction(this.database.pool, async (client) => {
        await this.keyring.holdForWriting(client);
        const { rows } = await client.query<StoredRow>(
          `select d.id, d.kind, d.sealed, k.wrapped_key, k.master_key_id, k.kek_id, e.keyring_id
             from personal_data d join person_keys k on k.person_id = d.id cross join person_key_encryption e
            where not exists (select 1 from person_search_index s where s.person_id = d.id)
            order by d.id limit $1 for update of d`,
          [indexBatch],
        );
        for (const row of rows) {
          const fields = this.opened({ id: row.id, kind: row.kind, sealed: row.sealed, dataKey: this.keyring.unwrap(row.id, row) });
          await this.searchIndex.write(client, row.id, row.kind, fields);
        }
        return rows.length;
      });
      if (batch === 0) return indexed;
      indexed += batch;
    }
  }

  /**
   * Destroys the person's key, sealed data and search index row, and records who erased them,
   * in the audit log once per case that names them. A person with nothing held is erased only if
   * `named.known` (by a case or a volunteer record), so that their pages show `[erased]` too.
   * Asked again with nothing new held, answers the erasure already made; undefined for a person
   * neither held, known nor erased. Complete when it returns: the key-encryption key that wrapped
   * the person's key is then destroyed, so no copy of their data left in the WAL or a backup
   * opens any more. (A copy of their search index row there is keyed hashes, which only the
   * master key can test against a guessed name: see PersonSearchIndex.)
   */
  async erase(id: string, by: AuditActor, named: { known: boolean; caseIds: readonly string[] }): Promise<Erasure | undefined> {
    const erasure = inTransaction(this.database.pool, async (client) => {
      await this.keyring.beginErasure(client);
      await this.searchIndex.erase(client, id);
      const { rows } = await client.query<{ kind: PersonalDataKind }>(`delete from personal_data where id = $1 returning kind`, [id]);
      const destroyed = await this.keyring.destroy(client, id);
      const earlier = (await this.erasureRows([id], client)).get(id);
      if (!destroyed && earlier) return erasureOf(earlier);
      if (!destroyed && !named.known) return undefined;
      const kind = rows[0]?.kind ?? null;
      const { rows: recorded } = await client.query<ErasureRow>(
        `insert into person_erasures (person_id, kind, erased_at, erased_by) values ($1, $2, $3, $4)
         on conflict (person_id) do update set kind = coalesce(excluded.kind, person_erasures.kind), erased_at = excluded.erased_at, erased_by = excluded.erased_by
         returning person_id, kind, erased_at, erased_by`,
        [id, kind, this.clock.now(), by.username],
      );
      const details = { dataDestroyed: destroyed, ...(kind ? { kind } : {}) };
      await this.audit.record(perCase({ action: 'person-erased', by, personId: id, details }, named.caseIds), client);
      return erasureOf(recorded[0]);
    });
    return erasure.finally(() => this.keyring.retireUnused(this.database.pool));
  }

  async erasure(id: string): Promise<Erasure | undefined> {
    const row = (await this.erasureRows([id])).get(id);
    return row && erasureOf(row);
  }

  /**
   * Unwraps each key as soon as its row is read: an erasure finishing meanwhile retires the
   * key-encryption key a row read just before it was wrapped under, and such rows are read again.
   */
  private async sealedRows(ids: readonly string[]): Promise<Map<string, SealedRow>> {
    for (let attempt = 1; ; attempt += 1) {
      const { rows } = await this.database.pool.query<StoredRow>(
        `select d.id, d.kind, d.sealed, k.wrapped_key, k.master_key_id, k.kek_id, e.keyring_id
         from personal_data d join person_keys k on k.person_id = d.id cross join person_key_encryption e where d.id = any($1::text[])`,
        [ids],
      );
      if (attempt < 3 && !rows.every((row) => this.keyring.canUnwrap(row))) continue;
      return new Map(rows.map((row) => [row.id, { id: row.id, kind: row.kind, sealed: row.sealed, dataKey: this.keyring.unwrap(row.id, row) }]));
    }
  }

  private async erasureRows(ids: readonly string[], client: Queryable = this.database.pool): Promise<Map<string, ErasureRow>> {
    const { rows } = await client.query<ErasureRow>(`select person_id, kind, erased_at, erased_by from person_erasures where person_id = any($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.person_id, row]));
  }

  private opened(row: SealedRow): PersonalFields {
    try {
      return onlyFields(JSON.parse(open(row.dataKey, row.sealed, sealContext(row.id)).toString('utf8')));
    } finally {
      row.dataKey.fill(0);
    }
  }
}

const readEntry = (personId: string, fields: PersonalFields, reader: PersonalDataReader): AuditEntry => ({
  action: 'personal-data-read',
  by: reader.by,
  personId,
  ...(reader.caseId ? { caseId: reader.caseId } : {}),
  details: { fields: Object.keys(fields) },
});
