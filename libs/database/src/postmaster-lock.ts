import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';
import { processGone, runningProcess } from './postgres-processes';

/**
 * Who holds a cluster's `postmaster.pid`, looked at before we start a server on it:
 * nobody; a process that is gone (a crash, or a machine switched off); our own server, left
 * running when the program that started it was killed; or something we must not touch.
 */
export type LockHolder = { kind: 'nobody' } | { kind: 'gone'; pid: number } | { kind: 'orphan'; pid: number } | { kind: 'other'; pid: number; who: string };

const lockFile = (dataDir: string): string => join(dataDir, 'postmaster.pid');

const lockedBy = (dataDir: string): number | undefined => {
  try {
    return Number.parseInt(readFileSync(lockFile(dataDir), 'utf8').split('\n')[0], 10);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * A postmaster always works from its data folder, so one whose working folder is ours is ours.
 * It is an orphan unless a live Node.js program is its parent: another Safer Cases (or this
 * one) using it right now, whose database we must not pull away.
 */
export const lockHolder = (dataDir: string): LockHolder => {
  const pid = lockedBy(dataDir);
  if (pid === undefined) return { kind: 'nobody' };
  const holder = runningProcess(pid);
  if (!holder) return { kind: 'gone', pid };
  if (holder.program === undefined || holder.workingDirectory === undefined)
    return { kind: 'other', pid, who: `process ${pid} (${holder.command}), which Safer Cases may not look into` };
  if (holder.program !== 'postgres' || holder.workingDirectory !== realpathSync(dataDir)) return { kind: 'gone', pid };
  const parent = runningProcess(holder.parent);
  if (parent && parent.pid !== 1 && /^node/.test(parent.program ?? ''))
    return { kind: 'other', pid, who: `the database server of another running program (process ${parent.pid}: ${parent.command})` };
  return { kind: 'orphan', pid };
};

/** Stops an orphaned server the way `pg_ctl stop -m fast` does (SIGINT), or at worst `-m immediate` (SIGQUIT). */
const stopOrphan = async (pid: number, log: (message: string) => void): Promise<void> => {
  log(`Stopping the database server (process ${pid}) that an earlier run of Safer Cases left running, to start it afresh.`);
  process.kill(pid, 'SIGINT');
  if (await processGone(pid, 60_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (await processGone(pid, 10_000)) return;
  throw new EmbeddedPostgresFailure(
    `The database server (process ${pid}) that an earlier run left running did not stop when asked: stop it (kill -9 ${pid}) and start Safer Cases again.`,
  );
};

/**
 * Makes the cluster free to start on: clears a lock whose process is gone, stops our own orphaned
 * server cleanly, and refuses in one sentence when something else holds the folder.
 */
export const releaseLock = async (dataDir: string, log: (message: string) => void): Promise<void> => {
  const holder = lockHolder(dataDir);
  switch (holder.kind) {
    case 'nobody':
      return;
    case 'orphan':
      await stopOrphan(holder.pid, log);
      rmSync(lockFile(dataDir), { force: true });
      return;
    case 'gone':
      rmSync(lockFile(dataDir), { force: true });
      return;
    case 'other':
      throw new EmbeddedPostgresFailure(`The database folder ${dataDir} is in use by ${holder.who}: stop that first, or give this server a folder of its own (DATA_DIR).`);
    default: {
      const unhandled: never = holder;
      throw new Error(`Unknown lock holder ${JSON.stringify(unhandled)}`);
    }
  }
};
