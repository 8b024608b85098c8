import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { AuditActor } from '../audit/audit-actor';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../shared/clock';
import { PgDatabase } from '../shared/database';
import { MasterKey } from './master-key';
import { PersonKeyring } from './person-keyring';
import { PersonSearchIndex } from './person-search-index';
import { PersonalDataStore } from './personal-data.store';

export class SettableClock extends Clock {
  constructor(public instant = new Date('2015-03-10T09:30:00Z')) {
    super();
  }
  now(): Date {
    return this.instant;
  }
}

export const testMasterKey = MasterKey.fromBytes(Buffer.alloc(32, 7));
export const administrator: AuditActor = { userId: 'user-admin', username: 'admin', correlationId: 'correlation-1' };

export type PeopleDatabase = { database: PgDatabase; clock: SettableClock; audit: AuditLog; store: (masterKey?: MasterKey) => PersonalDataStore; close: () => Promise<void> };

/** A fresh, migrated database with the personal-data store and audit log on it, the classes built by hand. */
export const startPeopleDatabase = async (): Promise<PeopleDatabase> => {
  const url = await createTestDatabase();
  await migrate(url);
  const database = new PgDatabase(url);
  const clock = new SettableClock();
  const audit = new AuditLog(database, clock);
  return {
    database,
    clock,
    audit,
    store: (masterKey = testMasterKey) => new PersonalDataStore(database, new PersonKeyring(masterKey), audit, clock, new PersonSearchIndex(masterKey)),
    close: () => database.pool.end(),
  };
};
