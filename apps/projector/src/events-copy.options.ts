import { join } from 'node:path';
import { parseArgs } from 'node:util';

export type StoreKind = 'postgres' | 'eventstoredb';

export type CopyOptions = {
  from: { kind: StoreKind; url?: string };
  to: { kind: StoreKind; url?: string };
  batchSize: number;
  checkpointFile: string;
};

export const usage = `Copies every event from one store to another, in global order, resumably, and verifies it.

  npm run events:copy -- --from postgres --to eventstoredb
  npm run events:copy -- --from eventstoredb --to postgres

  --from, --to      postgres or eventstoredb
  --from-url, --to-url
                    the store's address; by default DATABASE_URL for postgres (or the embedded
                    PostgreSQL under DATA_DIR, with the app stopped) and EVENTSTORE_CONNECTION_STRING
                    for eventstoredb
  --batch-size      events read and written at a time (default 1000)

The target should be empty, or hold only what an earlier run of the same copy wrote: a stopped
copy resumes from its checkpoint in DATA_DIR. At the end both stores are counted and hashed.`;

const isKind = (value: unknown): value is StoreKind => value === 'postgres' || value === 'eventstoredb';

/** The command line and environment as a copy's options, or an error saying what is wrong. */
export const copyOptionsOf = (args: string[], env: NodeJS.ProcessEnv, dataDir: string): CopyOptions => {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'from-url': { type: 'string' },
      'to-url': { type: 'string' },
      'batch-size': { type: 'string' },
    },
    strict: true,
  });
  if (!isKind(values.from) || !isKind(values.to)) throw new Error('--from and --to must each be postgres or eventstoredb');
  const urlOf = (kind: StoreKind, given: string | undefined): string | undefined =>
    given || (kind === 'postgres' ? env.DATABASE_URL : env.EVENTSTORE_CONNECTION_STRING) || undefined;
  const from = { kind: values.from, url: urlOf(values.from, values['from-url']) };
  const to = { kind: values.to, url: urlOf(values.to, values['to-url']) };
  for (const [side, store] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (store.kind === 'eventstoredb' && !store.url) throw new Error(`${side} eventstoredb needs --${side.slice(2)}-url or EVENTSTORE_CONNECTION_STRING`);
  }
  if (from.kind === to.kind && from.url === to.url) throw new Error('--from and --to are the same store');
  if (from.kind === 'postgres' && to.kind === 'postgres' && (!from.url || !to.url)) throw new Error('Copying between two PostgreSQL stores needs --from-url and --to-url');
  const batchSize = Number(values['batch-size'] ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch-size must be a whole number from 1 to 10000');
  return { from, to, batchSize, checkpointFile: join(dataDir, `events-copy-${from.kind}-to-${to.kind}.checkpoint`) };
};
