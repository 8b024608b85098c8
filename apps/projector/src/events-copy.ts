import { migrate } from '@safer-cases/database';
import { copyEvents, CopyCheckpoint, EventStore } from '@safer-cases/event-store';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { configFromEnvironment } from '../../api/src/config';
import { startEmbeddedDatabase } from '../../api/src/embedded-database';
import { connectEventStore } from '../../api/src/event-store-choice';
import { copyOptionsOf, usage } from './events-copy.options';
import { progressBar } from './progress-bar';

/** The checkpoint as a file: `<source position> <batch size>` (an older file holds the position alone). */
const fileCheckpoint = (file: string): CopyCheckpoint => ({
  load: async () => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      return undefined;
    }
    const [position, batchSize] = text.split(/\s+/);
    return { position: BigInt(position), batchSize: Number(batchSize ?? 0) || defaultBatchSizeOfOldCheckpoints };
  },
  save: async ({ position, batchSize }) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${position} ${batchSize}\n`, { mode: 0o600 });
  },
});

/** A checkpoint written before the batch size was kept in it came from a copy with the default. */
const defaultBatchSizeOfOldCheckpoints = 1000;

/** `npm run events:copy -- --from postgres --to eventstoredb` (and back): see `usage`. */
const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const { dataDir } = configFromEnvironment();
  let options: ReturnType<typeof copyOptionsOf>;
  try {
    options = copyOptionsOf(args, process.env, dataDir);
  } catch (error) {
    process.stderr.write(`events:copy: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    process.exit(2);
  }
  const needsEmbedded = [options.from, options.to].some((side) => side.kind === 'postgres' && !side.url);
  const embedded = needsEmbedded ? await startEmbeddedDatabase(dataDir) : undefined;
  const stores: EventStore[] = [];
  try {
    const open = async (side: typeof options.from): Promise<EventStore> => {
      if (side.kind === 'eventstoredb') return connectEventStore({ kind: 'eventstoredb', connectionString: side.url ?? '' }, '');
      const url = side.url ?? embedded?.url ?? '';
      await migrate(url);
      return connectEventStore({ kind: 'postgres' }, url, { max: 2 });
    };
    const source = await open(options.from);
    stores.push(source);
    const target = await open(options.to);
    stores.push(target);
    process.stderr.write(`Copying events from ${options.from.kind} to ${options.to.kind}\n`);
    const bar = progressBar(process.stderr);
    const result = await copyEvents(source, target, { checkpoint: fileCheckpoint(options.checkpointFile), batchSize: options.batchSize, onProgress: bar.update });
    bar.finish();
    if (result.batchSize !== options.batchSize)
      process.stderr.write(`Resumed with the batch size of the stopped copy (${result.batchSize}), not ${options.batchSize}: the same events must go in the same appends.\n`);
    process.stdout.write(
      `Copied ${result.copied.toLocaleString('en-GB')} events (${result.skipped.toLocaleString('en-GB')} already there). ` +
        `Source: ${result.source.events.toLocaleString('en-GB')} events, sha256 ${result.source.checksum}. ` +
        `Target: ${result.target.events.toLocaleString('en-GB')} events, sha256 ${result.target.checksum}.\n`,
    );
    if (!result.matches) {
      process.stderr.write('The stores differ: the target holds events the source does not, or other data. Nothing was deleted; check the target before using it.\n');
      process.exitCode = 1;
    } else {
      process.stdout.write('Counts and checksums match.\n');
    }
  } finally {
    for (const store of stores) await store.close();
    await embedded?.stop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`events:copy: ${error instanceof Error ? error.message : String(error)}; run it again to resume\n`);
  process.exit(1);
});
