import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ClusterLocation, PostgresStatus, startEmbeddedPostgres } from '@safer-cases/database';

const databaseName = 'safer_cases';

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
  /** 'up', 'restarting' (it died and is being started again) or 'down', with the last error: what /health reports. */
  status: () => PostgresStatus;
  /** The one line to log at start: where the database files are, and why and what it means for backups when not in DATA_DIR. */
  whereItsFilesAre: string;
};

const describeLocation = (dataDir: string, location: ClusterLocation): string =>
  'link' in location
    ? `Embedded PostgreSQL running with its files in ${location.folder}, outside DATA_DIR because ${location.because} (${location.link} links there): a backup of DATA_DIR must include ${location.folder}.`
    : `Embedded PostgreSQL running with its data under ${dataDir}`;

/**
 * The embedded default: PostgreSQL from npm under DATA_DIR, its password generated on first
 * start and kept beside it (readable by the owner only), listening on loopback. A server that
 * dies is started again; a server an earlier, killed run left behind is stopped and restarted.
 * Its files live elsewhere when EMBEDDED_POSTGRES_DIR says so, or when we are root and the
 * `postgres` user cannot get to DATA_DIR (see `clusterLocation`); DATA_DIR/postgres links there.
 */
export const startEmbeddedDatabase = async (dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedDatabase> => {
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  // As root, PostgreSQL runs as its own `postgres` user, which must be able to pass through
  // DATA_DIR (kept unlistable: the master key and token secret live there too).
  if (process.getuid?.() === 0) chmodSync(dataDir, statSync(dataDir).mode | 0o111);
  const passwordFile = join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const logger = new Logger('Embedded PostgreSQL');
  const server = await startEmbeddedPostgres({
    directory: join(dataDir, 'postgres'),
    folder: env.EMBEDDED_POSTGRES_DIR || undefined,
    password,
    log: (message) => logger.warn(message),
  });
  const admin = new Client(server.url('postgres'));
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (rowCount === 0) await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  return { url: server.url(databaseName), stop: server.stop, status: server.status, whereItsFilesAre: describeLocation(dataDir, server.location) };
};
