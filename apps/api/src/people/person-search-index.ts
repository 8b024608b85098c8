import { Injectable } from '@nestjs/common';
import type { Queryable } from '@safer-cases/projections';
import { createHmac } from 'node:crypto';
import { MasterKey } from './master-key';
import { indexedNameParts, searchTermsOf } from './name-parts';
import type { PersonalDataKind, PersonalFields } from './personal-data.store';

/** 128 bits of each keyed hash: two different terms never meet in any index this size. */
const termLength = 16;

type Term = { kind: 'name' | 'date-of-birth'; value: string };

/** What the index holds for one person, as a subject access export tells them. */
export type SearchIndexHeld = {
  /** The parts of their name (normalised: lower case, no accents) that a keyed hash is held for. */
  nameParts: string[];
  /** Whether a keyed hash of their date of birth is held. */
  dateOfBirth: boolean;
  /** Keyed hashes held that their personal data no longer explains (none, unless something wrote them by hand). */
  unexplained: number;
};

/**
 * The blind index that lets people be searched by name or date of birth while both stay sealed
 * (the case lists' subjects, and every person on the administrators' People page): for each person, HMAC-SHA256 under a key derived from the master key (and
 * never stored) of each normalised part of their name and of their date of birth, nothing else.
 * Equal words give equal hashes, so a search for "muller zoe" finds "Zoë Müller" without any
 * name being read; without the master key the hashes cannot be tested against a guess. The row
 * is written in the transaction that saves the person's data and deleted with their erasure.
 * Subjects, victims and volunteers are all indexed: a case list keeps the subjects of its cases
 * only, and the administrators find anyone, to answer a subject access request or erase them.
 */
@Injectable()
export class PersonSearchIndex {
  readonly #key: Buffer;

  constructor(masterKey: MasterKey) {
    this.#key = masterKey.derive('person search index');
  }

  /** Keeps the terms of `fields` (all the person's fields, not only those just changed) as the person's row, replacing what was held. */
  async write(client: Queryable, personId: string, kind: PersonalDataKind, fields: PersonalFields): Promise<void> {
    await client.query(
      `insert into person_search_index (person_id, terms) values ($1, $2::bytea[])
       on conflict (person_id) do update set terms = excluded.terms`,
      [personId, this.hashes(termsOfFields(fields))],
    );
  }

  async erase(client: Queryable, personId: string): Promise<void> {
    await client.query(`delete from person_search_index where person_id = $1`, [personId]);
  }

  /**
   * The people whose name holds every name part of `text`, in any order, and whose date of
   * birth is every `YYYY-MM-DD` in it; undefined when `text` holds neither.
   */
  async find(db: Queryable, text: string): Promise<string[] | undefined> {
    const { nameParts, datesOfBirth } = searchTermsOf(text);
    const terms = [...nameParts.map(nameTerm), ...datesOfBirth.map(dateOfBirthTerm)];
    if (terms.length === 0) return undefined;
    const { rows } = await db.query<{ person_id: string }>(`select person_id from person_search_index where terms @> $1::bytea[]`, [this.hashes(terms)]);
    return rows.map(({ person_id }) => person_id);
  }

  /** What is held for the person, explained from their fields; undefined when the index holds no row for them. */
  async held(db: Queryable, personId: string, fields: PersonalFields): Promise<SearchIndexHeld | undefined> {
    const { rows } = await db.query<{ terms: Buffer[] }>(`select terms from person_search_index where person_id = $1`, [personId]);
    if (!rows[0]) return undefined;
    const stored = new Set(rows[0].terms.map((term) => term.toString('hex')));
    const isHeld = (term: Term): boolean => stored.has(this.hash(term).toString('hex'));
    const explained = termsOfFields(fields).filter(isHeld);
    return {
      nameParts: explained.filter(({ kind }) => kind === 'name').map(({ value }) => value),
      dateOfBirth: explained.some(({ kind }) => kind === 'date-of-birth'),
      unexplained: stored.size - explained.length,
    };
  }

  /** The keyed hash of a term; the kind goes in with it, so that no name part ever matches a date. */
  private hash({ kind, value }: Term): Buffer {
    return createHmac('sha256', this.#key).update(`${kind}\u0000${value}`, 'utf8').digest().subarray(0, termLength);
  }

  private hashes(terms: readonly Term[]): Buffer[] {
    return terms.map((term) => this.hash(term));
  }
}

const nameTerm = (value: string): Term => ({ kind: 'name', value });
const dateOfBirthTerm = (value: string): Term => ({ kind: 'date-of-birth', value });

/** The terms a person's fields give: each part of the given and family names once, and the date of birth. */
const termsOfFields = (fields: PersonalFields): Term[] => [
  ...indexedNameParts([fields.givenName, fields.familyName].filter((part) => part !== undefined).join(' ')).map(nameTerm),
  ...(fields.dateOfBirth === undefined ? [] : [dateOfBirthTerm(fields.dateOfBirth)]),
];
