import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@safer-cases/database';

const databaseName = 'safer_cases';

/**
 * The embedded default: PostgreSQL from npm under DATA_DIR, its password generated on first
 * start and kept beside it (readable by the owner only), listening on loopback.
 */
export const startEmbeddedDatabase = async (dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> => {
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  // As root, PostgreSQL runs as its own `postgres` user, which must be able to pass through
  // DATA_DIR (kept unlistable: the master key and token secret live there too).
  if (process.getuid?.() === 0) chmodSync(dataDir, statSync(dataDir).mode | 0o111);
  const passwordFile = join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const server = await startEmbeddedPostgres({ directory: join(dataDir, 'postgres'), password });
  const admin = new Client(server.url('postgres'));
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (rowCount === 0) await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  return { url: server.url(databaseName), stop: server.stop };
};
