import { migrate } from '@safer-cases/database';
import { rebuildProjections } from '@safer-cases/projections';
import { Pool } from 'pg';
import { configFromEnvironment } from '../../api/src/config';
import { connectEventStore } from '../../api/src/event-store-choice';
import { startEmbeddedDatabase } from '../../api/src/embedded-database';
import { readModels } from '../../api/src/projections/read-models';
import { progressBar } from './progress-bar';

/**
 * `npm run projections:rebuild`: rebuilds every read model from the whole event store and swaps
 * the new tables in at once, on DATABASE_URL (the API may keep running) or on the embedded
 * database under DATA_DIR (stop the API first: the embedded server is one process's own).
 */
const rebuild = async (): Promise<void> => {
  const config = configFromEnvironment();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('No database: set DATABASE_URL or let the embedded PostgreSQL start');
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => process.stderr.write(`database: idle connection failed: ${error.message}\n`));
  try {
    await migrate(url);
    const store = await connectEventStore(config.eventStore, url, { max: 2 });
    try {
      const names = readModels.map((projection) => projection.name).join(', ') || 'no read models';
      process.stderr.write(`Rebuilding ${names}\n`);
      const bar = progressBar(process.stderr);
      const result = await rebuildProjections({ pool, store, projections: readModels, onProgress: bar.update });
      bar.finish();
      process.stdout.write(
        `Rebuilt ${names} from ${result.events.toLocaleString('en-GB')} events in ${result.seconds.toFixed(1)} s: ` +
          `${Math.round(result.eventsPerSecond).toLocaleString('en-GB')} events/s, checkpoint at position ${result.position}\n`,
      );
    } finally {
      await store.close();
    }
  } finally {
    await pool.end();
    await embedded?.stop();
  }
};

rebuild().catch((error: unknown) => {
  process.stderr.write(`\nRebuild failed, the read models are as they were: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
