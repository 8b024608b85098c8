import { Logger } from '@nestjs/common';
import { migrations } from '@safer-cases/database';
import { ProjectionRunner } from '@safer-cases/projections';
import { Pool } from 'pg';
import { eventStoreFromEnvironment } from '../../api/src/config';
import { connectEventStore } from '../../api/src/event-store-choice';
import { readModels } from '../../api/src/projections/read-models';

const logger = new Logger('Projector');
const schemaPollMs = 2000;

/** The API migrates the database; two processes migrating at once would clash, so this one only reads TypeORM's record. */
const pendingMigrations = async (pool: Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
  const applied = rows[0].present ? (await pool.query<{ name: string }>('SELECT name FROM migrations')).rows.map((row) => row.name) : [];
  return migrations.map((migration) => new migration().name).filter((name) => !applied.includes(name));
};

const waitForSchema = async (pool: Pool): Promise<void> => {
  for (let waited = false; (await pendingMigrations(pool)).length > 0; waited = true) {
    if (!waited) logger.log('Waiting for the API to bring the database schema up to date');
    await new Promise((done) => setTimeout(done, schemaPollMs));
  }
};

/**
 * The projection runner as its own process, for deployments that keep it apart from the API
 * (which then runs with RUN_PROJECTIONS=false). SIGTERM or SIGINT stops it cleanly: the batch
 * in hand commits or rolls back whole, and the next start carries on from the checkpoint.
 */
const main = async (): Promise<void> => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required: the projector follows the database the API writes to');
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => logger.warn(`idle connection failed: ${error.message}`));
  await waitForSchema(pool);
  const store = await connectEventStore(eventStoreFromEnvironment(process.env), url, { max: 2 });
  const runner = new ProjectionRunner({ pool, store, projections: readModels, log: { log: (m) => logger.log(m), error: (m) => logger.error(m) } });
  await runner.start();

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping at position ${runner.position()}`);
    await runner.stop();
    await store.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

main().catch((error: unknown) => {
  logger.error(`The projector could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
