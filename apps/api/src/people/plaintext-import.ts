import { Injectable } from '@nestjs/common';
import { Database } from '../shared/database';
import { PersonalDataKind, PersonalDataStore, PersonalFields } from './personal-data.store';

const batchSize = 500;

/**
 * Encrypts the plain-JSON personal data written before encryption (kept by migration
 * 1763840000600 as `personal_data_plaintext`), one row at a time: sealed, then deleted. Saving
 * the same fields twice changes nothing, so a start interrupted half way simply goes on at the
 * next. Runs at start-up, before the API takes requests.
 */
@Injectable()
export class PlaintextImport {
  constructor(
    private readonly database: Database,
    private readonly people: PersonalDataStore,
  ) {}

  /** The number of rows encrypted. */
  async run(): Promise<number> {
    const { rows } = await this.database.pool.query<{ present: boolean }>(`select to_regclass('personal_data_plaintext') is not null as present`);
    if (!rows[0]?.present) return 0;
    let imported = 0;
    for (;;) {
      const batch = await this.database.pool.query<{ id: string; kind: PersonalDataKind; fields: PersonalFields }>(
        `select id::text as id, kind, fields from personal_data_plaintext order by id limit $1`,
        [batchSize],
      );
      if (batch.rows.length === 0) return imported;
      for (const row of batch.rows) {
        await this.people.save(row.id, row.kind, row.fields);
        await this.database.pool.query(`delete from personal_data_plaintext where id = $1`, [row.id]);
        imported += 1;
      }
    }
  }
}
