import { DataSource } from 'typeorm';
import { EventStore1763840000000 } from './migrations/1763840000000-event-store';
import { PersonalDataAndIdempotency1763840000100 } from './migrations/1763840000100-personal-data-and-idempotency';
import { ProjectionCheckpoints1763840000200 } from './migrations/1763840000200-projection-checkpoints';
import { CaseFacts1763840000300 } from './migrations/1763840000300-case-facts';
import { CaseSummaries1763840000400 } from './migrations/1763840000400-case-summaries';
import { UsersAndAudit1763840000500 } from './migrations/1763840000500-users-and-audit';
import { PersonalDataEncryption1763840000600 } from './migrations/1763840000600-personal-data-encryption';
import { CaseSummaryReferrerReference1763840000700 } from './migrations/1763840000700-case-summary-referrer-reference';
import { Sessions1763840001900 } from './migrations/1763840001900-sessions';
import { PersonKeyEncryptionKeys1763840002000 } from './migrations/1763840002000-person-key-encryption-keys';
import { ProjectionFailures1763840002100 } from './migrations/1763840002100-projection-failures';
import { CaseSummariesByPerson1763840002200 } from './migrations/1763840002200-case-summaries-by-person';
import { UserAccounts1763840002300 } from './migrations/1763840002300-user-accounts';
import { PersonSearchIndex1763840002400 } from './migrations/1763840002400-person-search-index';
import { FormDrafts1763840002500 } from './migrations/1763840002500-form-drafts';
import { CaseSummaryLatestSession1763840002600 } from './migrations/1763840002600-case-summary-latest-session';
import { IomOfficerRole1763840002700 } from './migrations/1763840002700-iom-officer-role';

/** Every migration, oldest first; the schema is only ever changed through these. */
export const migrations = [
  EventStore1763840000000,
  PersonalDataAndIdempotency1763840000100,
  ProjectionCheckpoints1763840000200,
  CaseFacts1763840000300,
  CaseSummaries1763840000400,
  UsersAndAudit1763840000500,
  PersonalDataEncryption1763840000600,
  CaseSummaryReferrerReference1763840000700,
  Sessions1763840001900,
  PersonKeyEncryptionKeys1763840002000,
  ProjectionFailures1763840002100,
  CaseSummariesByPerson1763840002200,
  UserAccounts1763840002300,
  PersonSearchIndex1763840002400,
  FormDrafts1763840002500,
  CaseSummaryLatestSession1763840002600,
  IomOfficerRole1763840002700,
];

export const createDataSource = (url: string): DataSource =>
  new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });

/** Brings the database at `url` up to date, each pending migration in its own transaction. */
export const migrate = async (url: string): Promise<void> => {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
};
