import { migrations } from '@safer-cases/database';
import { PersonalDataEncryption1763840000600 } from '@safer-cases/database/migrations/1763840000600-personal-data-encryption';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { PgDatabase } from '../shared/database';
import { SettableClock, testMasterKey } from './people.fixtures';
import { PersonKeyring } from './person-keyring';
import { PersonSearchIndex } from './person-search-index';
import { PersonalDataStore } from './personal-data.store';
import { PlaintextImport } from './plaintext-import';

const migrateWith = async (url: string, list: typeof migrations): Promise<DataSource> => {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: list, synchronize: false, logging: false });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
};

const subject = { id: '0d9a5c1e-0000-4000-8000-000000000001', fields: { givenName: 'Perpetua', familyName: 'Blackwood-Hume', dateOfBirth: '1988-11-02' } };
const victim = { id: '0d9a5c1e-0000-4000-8000-000000000002', fields: { contact: 'victim@example.org' } };

describe('personal data written before encryption', () => {
  it('is kept apart by the migration, then encrypted at start-up and removed from plain view', async () => {
    const url = await createTestDatabase();
    const before = await migrateWith(url, migrations.slice(0, migrations.indexOf(PersonalDataEncryption1763840000600)));
    for (const [person, kind] of [
      [subject, 'subject'],
      [victim, 'victim'],
    ] as const) {
      await before.query(`insert into personal_data (id, kind, fields) values ($1, $2, $3)`, [person.id, kind, JSON.stringify(person.fields)]);
    }
    await before.destroy();
    const after = await migrateWith(url, migrations);
    await after.destroy();

    const database = new PgDatabase(url);
    try {
      const clock = new SettableClock();
      const store = new PersonalDataStore(database, new PersonKeyring(testMasterKey), new AuditLog(database, clock), clock, new PersonSearchIndex(testMasterKey));
      const imported = new PlaintextImport(database, store);
      await expect(imported.run()).resolves.toBe(2);
      await expect(store.find(subject.id)).resolves.toEqual({ kind: 'subject', ...subject.fields });
      await expect(store.peopleMatching('hume blackwood perpetua 1988-11-02')).resolves.toEqual([subject.id]);
      await expect(store.find(victim.id)).resolves.toEqual({ kind: 'victim', ...victim.fields });
      const { rows } = await database.pool.query<{ n: number }>(`select count(*)::int as n from personal_data_plaintext`);
      expect(rows[0].n).toBe(0);
      await expect(imported.run()).resolves.toBe(0);
    } finally {
      await database.pool.end();
    }
  });

  it('leaves no plaintext table behind on a database that held none, and goes down and up again', async () => {
    const url = await createTestDatabase();
    const dataSource = await migrateWith(url, migrations.slice(0, migrations.indexOf(PersonalDataEncryption1763840000600) + 1));
    try {
      const present = async (table: string): Promise<boolean> => (await dataSource.query(`select to_regclass($1) is not null as present`, [table]))[0].present;
      expect(await present('personal_data_plaintext')).toBe(false);
      expect(await present('person_keys')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await present('person_keys')).toBe(false);
      await dataSource.query(`insert into personal_data (id, kind, fields) values ($1, 'subject', '{}')`, [subject.id]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await present('personal_data_plaintext')).toBe(true);
      expect(await present('audit_log')).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });
});
