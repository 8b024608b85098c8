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
 * database under DATA_DIR (stop the API first: the embedded server is one process's own). A read
 * model that one event fails every time is left as it was and named, and the exit code is 1.
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
      const log = (message: string): void => void process.stderr.write(`\n${message}\n`);
      const result = await rebuildProjections({ pool, store, projections: readModels, onProgress: bar.update, log });
      bar.finish();
      const failed = new Set(result.failed.map((failure) => failure.projection));
      const rebuilt = readModels.map((projection) => projection.name).filter((name) => !failed.has(name));
      process.stdout.write(
        `Rebuilt ${rebuilt.join(', ') || 'no read models'} from ${result.events.toLocaleString('en-GB')} events in ${result.seconds.toFixed(1)} s: ` +
          `${Math.round(result.eventsPerSecond).toLocaleString('en-GB')} events/s, checkpoint at position ${result.position}\n`,
      );
      for (const failure of result.failed) {
        process.stdout.write(
          `NOT rebuilt: ${failure.projection}, whose live tables and checkpoint are as they were. Event ${failure.position} ` +
            `(${failure.eventType} ${failure.eventId} in stream ${failure.streamId}) failed it ${failure.attempts} times: ${failure.error}\n`,
        );
      }
      if (result.failed.length > 0) {
        process.stdout.write('Fix the read model and rebuild again, or, once the running read model stops at that event, skip it (npm run projections:skip -- --help).\n');
        process.exitCode = 1;
      }
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
