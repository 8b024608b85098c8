import { DataSource } from 'typeorm';
import { EventStore1763840000000 } from './migrations/1763840000000-event-store';
import { PersonalDataAndIdempotency1763840000100 } from './migrations/1763840000100-personal-data-and-idempotency';

/** Every migration, oldest first; the schema is only ever changed through these. */
export const migrations = [EventStore1763840000000, PersonalDataAndIdempotency1763840000100];

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
