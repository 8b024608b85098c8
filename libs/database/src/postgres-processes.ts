import { readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

/** What Linux's /proc tells about a running process; fields it would not tell us are left out. */
export type RunningProcess = { pid: number; parent: number; program?: string; workingDirectory?: string; command: string };

const readOrUndefined = (read: () => string): string | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/** Whether a process with that number exists, even one we may not signal (another user's). */
const exists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The process with that number, or undefined once it is gone (a zombie counts as gone: it has
 * exited and only waits to be reaped). Without /proc (not Linux), only its number is known.
 */
export const runningProcess = (pid: number): RunningProcess | undefined => {
  if (!Number.isInteger(pid) || pid <= 0 || !exists(pid)) return undefined;
  const stat = readOrUndefined(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === undefined) return { pid, parent: 0, command: `process ${pid}` };
  const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (state === 'Z' || state === 'X') return undefined;
  const cmdline = readOrUndefined(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8')) ?? '';
  return {
    pid,
    parent: Number(parent),
    program: readOrUndefined(() => basename(readlinkSync(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, '')),
    workingDirectory: readOrUndefined(() => readlinkSync(`/proc/${pid}/cwd`)),
    command: cmdline.split('\0').join(' ').trim().slice(0, 120) || `process ${pid}`,
  };
};

/** Waits until the process is gone; false if it is still there after `milliseconds`. */
export const processGone = async (pid: number, milliseconds: number): Promise<boolean> => {
  const deadline = Date.now() + milliseconds;
  while (runningProcess(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
};
