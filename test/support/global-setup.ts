import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

/** One real PostgreSQL server for the whole run; each suite makes its own database on it. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_SERVER_URL) return;
  const directory = mkdtempSync(join(tmpdir(), 'safer-cases-test-'));
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres({
    directory: join(directory, 'pg'),
    persistent: false,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  const url = server.url('postgres');
  process.env.TEST_DATABASE_SERVER_URL = url;
  (globalThis as { __embeddedPostgres?: { stop: () => Promise<void> } }).__embeddedPostgres = server;
}
