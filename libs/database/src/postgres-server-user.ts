import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';

/** The system user the server runs as when we are root (PostgreSQL refuses to run as root). */
export type ServerUser = { name: string; uid: number; gid: number };

const run = promisify(execFile);
const idOf = async (flag: '-u' | '-g', name: string): Promise<number> => Number((await run('id', [flag, name])).stdout.trim());
const lookUp = async (name: string): Promise<ServerUser> => ({ name, uid: await idOf('-u', name), gid: await idOf('-g', name) });

/**
 * As root, the `postgres` user (created the way embedded-postgres creates it when the machine
 * has none); otherwise undefined: the server runs as whoever runs Safer Cases.
 */
export const serverUser = async (): Promise<ServerUser | undefined> => {
  if (process.getuid?.() !== 0) return undefined;
  const name = 'postgres';
  try {
    return await lookUp(name);
  } catch {
    await run('groupadd', ['--force', name]);
    await run('useradd', ['-g', name, name]);
    return lookUp(name);
  }
};

/** The folder itself and every folder above it, from the root down. */
const foldersDownTo = (folder: string): string[] => {
  const above = dirname(folder);
  return above === folder ? [folder] : [...foldersDownTo(above), folder];
};

/** Whether only root can change `folder`: it and every folder above are root's, writable by no one else (sticky /tmp aside). */
export const onlyRootCanChange = (folder: string): boolean => {
  const { uid, mode } = lstatSync(folder);
  const safe = uid === 0 && ((mode & 0o022) === 0 || (mode & 0o1000) !== 0);
  return safe && (dirname(folder) === folder || onlyRootCanChange(dirname(folder)));
};

/** Makes `folder` and any missing folder above it open for all to pass through (0755), whatever root's umask (often 077). */
export const makeOpenFolder = (folder: string): void => {
  if (existsSync(folder)) return;
  makeOpenFolder(dirname(folder));
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return; // another start made it first
    throw error;
  }
  chmodSync(folder, 0o755);
};

/** The first folder on the way to `folder` that the user may not pass through, if any. */
export const firstFolderBarring = (user: ServerUser, folder: string): string | undefined => {
  const script = 'for folder do [ -x "$folder" ] || { printf %s "$folder"; exit 1; }; done';
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...foldersDownTo(resolve(folder))], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0 ? undefined : result.stdout;
};

/**
 * Refuses, in one sentence, a data folder the server's user cannot reach. We do not open the
 * folders above it to everyone (a home folder kept 0700 stays so); the fix is the admin's call.
 */
export const assertServerCanReach = (user: ServerUser, folder: string): void => {
  const barrier = firstFolderBarring(user, folder);
  if (barrier === undefined) return;
  throw new EmbeddedPostgresFailure(
    `PostgreSQL runs as the system user "${user.name}", which cannot get into ${barrier} (only its owner may) on the way to its data in ${folder}: ` +
      `set DATA_DIR to a folder it can reach, such as /var/lib/safer-cases, or let it through with "setfacl -m u:${user.name}:x ${barrier}", or set DATABASE_URL to a PostgreSQL of your own.`,
  );
};
