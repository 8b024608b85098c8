import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, startEmbeddedPostgres } from '@safer-cases/database';
import { benchEventStore } from './event-store.bench';
import { benchHttp } from './http.bench';
import { benchProjections } from './projections.bench';

/** A benchmark: measures against the database at `url` and prints what it found. */
export type Bench = (url: string, print: (line: string) => void) => Promise<void>;

/** The projections bench last: it grows the shared database by about a million events. */
export const benches: Bench[] = [benchEventStore, benchHttp, benchProjections];

const byName: Record<string, Bench> = { 'event-store': benchEventStore, http: benchHttp, projections: benchProjections };

/** `--only http` (or `event-store`, `projections`, comma-separated) runs just those benches, in the usual order. */
export const chosen = (argv: string[]): Bench[] => {
  const at = argv.indexOf('--only');
  if (at < 0) return benches;
  const names = (argv[at + 1] ?? '').split(',');
  const unknown = names.filter((name) => !(name in byName));
  if (unknown.length > 0) throw new Error(`--only takes ${Object.keys(byName).join(', ')}, not "${unknown.join(', ')}"`);
  return benches.filter((bench) => names.some((name) => byName[name] === bench));
};

/**
 * Runs `use` against a migrated database on a throwaway embedded PostgreSQL with its default,
 * durable settings (fsync and synchronous commit on), so the figures are honest.
 */
export const withBenchDatabase = async <T>(use: (url: string) => Promise<T>): Promise<T> => {
  const directory = mkdtempSync(join(tmpdir(), 'safer-cases-bench-'));
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres({ directory: join(directory, 'pg'), persistent: false });
  try {
    const admin = new Client(server.url('postgres'));
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = server.url('bench');
    await migrate(url);
    return await use(url);
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
};

export async function main(list: Bench[] = benches, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  await withBenchDatabase(async (url) => {
    for (const bench of list) await bench(url, print);
  });
}

if (require.main === module) {
  Promise.resolve()
    .then(() => main(chosen(process.argv.slice(2))))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
