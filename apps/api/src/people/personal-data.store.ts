import { Injectable } from '@nestjs/common';
import { Database } from '../shared/database';

export type PersonalDataKind = 'subject' | 'victim' | 'volunteer';
export type PersonalFields = { givenName?: string; familyName?: string; dateOfBirth?: string; contact?: string };

/**
 * Names, dates of birth and contact details, keyed by the person's (or volunteer's) id and kept
 * out of every event, so that they can be encrypted per person and erased while the events and
 * the figures built from them stay as they are.
 */
@Injectable()
export class PersonalDataStore {
  constructor(private readonly database: Database) {}

  /** Adds or updates the given fields; fields left undefined keep what was held. */
  async save(id: string, kind: PersonalDataKind, fields: PersonalFields): Promise<void> {
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length === 0) return;
    await this.database.pool.query(
      `insert into personal_data (id, kind, fields) values ($1, $2, $3)
       on conflict (id) do update set fields = personal_data.fields || excluded.fields, updated_at = now()`,
      [id, kind, JSON.stringify(given)],
    );
  }

  async find(id: string): Promise<(PersonalFields & { kind: PersonalDataKind }) | undefined> {
    const { rows } = await this.database.pool.query<{ kind: PersonalDataKind; fields: PersonalFields }>(
      `select kind, fields from personal_data where id = $1`,
      [id],
    );
    return rows[0] ? { kind: rows[0].kind, ...rows[0].fields } : undefined;
  }
}
