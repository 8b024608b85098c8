import { ProjectionFailure, readFailures, readSkips, retryProjection, skipFailedEvent } from '@safer-cases/projections';
import { Pool } from 'pg';
import { configFromEnvironment } from '../../api/src/config';
import { startEmbeddedDatabase } from '../../api/src/embedded-database';
import { readModels } from '../../api/src/projections/read-models';
import { FailuresCommand, failuresCommandOf, usage } from './failures.options';

const lineOf = (failure: ProjectionFailure): string =>
  `${failure.projection}: stopped at event ${failure.position} (${failure.eventType} ${failure.eventId} in stream ${failure.streamId}) ` +
  `since ${failure.failedAt.toISOString()}, after ${failure.attempts} attempts: ${failure.error}`;

const run = async (pool: Pool, command: FailuresCommand): Promise<string> => {
  switch (command.kind) {
    case 'list': {
      const failures = [...(await readFailures(pool)).values()];
      const skips = await readSkips(pool);
      const stopped = failures.length === 0 ? ['No read model is stopped.'] : failures.map(lineOf);
      const skipped = skips.map(
        (skip) => `  ${skip.projection}: event ${skip.position} (${skip.eventType} ${skip.eventId}) skipped ${skip.skippedAt.toISOString()} by ${skip.skippedBy}: ${skip.reason}`,
      );
      return [...stopped, ...(skipped.length > 0 ? ['Events skipped so far:', ...skipped] : [])].join('\n');
    }
    case 'retry': {
      const failure = await retryProjection(pool, command.projection);
      return `${command.projection} will try event ${failure.position} again and carry on from there.`;
    }
    case 'skip': {
      const failure = await skipFailedEvent(pool, command);
      return `${command.projection} skips event ${failure.position} (${failure.eventType} ${failure.eventId}), recorded as decided by ${command.by}, and carries on after it.`;
    }
  }
};

/**
 * `npm run projections:failures`, `projections:retry`, `projections:skip`: an operator's view of
 * read models stopped at an event, and the two ways on (see `usage`).
 */
const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const command = failuresCommandOf(
    args,
    readModels.map((projection) => projection.name),
  );
  const config = configFromEnvironment();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('No database: set DATABASE_URL or let the embedded PostgreSQL start');
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', (error) => process.stderr.write(`database: idle connection failed: ${error.message}\n`));
  try {
    process.stdout.write(`${await run(pool, command)}\n`);
  } finally {
    await pool.end();
    await embedded?.stop();
  }
};

main().catch((error: unknown) => {
  const missingTable = typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '42P01';
  const message = missingTable
    ? 'The database has no record of stopped read models yet: start the app once, so that it brings the schema up to date'
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
