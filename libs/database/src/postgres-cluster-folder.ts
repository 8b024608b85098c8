import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, rmdirSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';
import { firstFolderBarring, makeOpenFolder, onlyRootCanChange, ServerUser } from './postgres-server-user';

/** Where root keeps, one folder each, the clusters whose own folder the `postgres` user cannot reach. */
export const defaultClusterHome = '/var/lib/safer-cases';

/**
 * Where a cluster's files are: in the folder asked for, or in a folder elsewhere that it links
 * to, with why (worded to end "outside DATA_DIR because …"). Files kept elsewhere must be backed
 * up with DATA_DIR, so whoever starts the server is told.
 */
export type ClusterLocation = { folder: string } | { folder: string; link: string; because: string };

export type ClusterFolderOptions = {
  /** The server's user, when we are root. */
  user?: ServerUser;
  /** A folder the files must be in instead (EMBEDDED_POSTGRES_DIR). */
  chosen?: string;
  /** Under which root keeps clusters the `postgres` user could not reach where they were asked for. */
  home: string;
};

const holdsAnything = (folder: string): boolean => existsSync(folder) && readdirSync(folder).length > 0;

/** What `directory` links to, resolved, or undefined when it is no link. */
const linkTarget = (directory: string): string | undefined => {
  try {
    return lstatSync(directory).isSymbolicLink() ? resolve(dirname(directory), readlinkSync(directory)) : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

const realOrAsGiven = (folder: string): string => (existsSync(folder) ? realpathSync(folder) : folder);

/** A name of its own for each folder asked for (by its real path), so a later start finds the same cluster. */
const homeFolderFor = (directory: string, home: string): string => {
  const fingerprint = createHash('sha256')
    .update(join(realpathSync(dirname(directory)), basename(directory)))
    .digest('hex')
    .slice(0, 12);
  return join(home, fingerprint, basename(directory));
};

const unreachableBecause = (user: ServerUser, barrier: string): string => `the "${user.name}" user PostgreSQL runs as cannot get into ${barrier}, which Safer Cases leaves closed`;

/**
 * Makes the folder that will hold the files and links `directory` to it. Its parents are made
 * for all to pass through; as root, they must be changeable by root alone, or someone else
 * could swap the cluster for one of their own.
 */
const linkTo = (directory: string, folder: string, user: ServerUser | undefined, because: string): ClusterLocation => {
  makeOpenFolder(dirname(folder));
  if (user && !onlyRootCanChange(dirname(folder))) {
    throw new EmbeddedPostgresFailure(
      `The folder ${dirname(folder)}, where Safer Cases would keep the database for ${directory}, can be changed by users other than root: make it root's own (chown root ${dirname(folder)}; chmod 755 ${dirname(folder)}), or set EMBEDDED_POSTGRES_DIR to a folder that is.`,
    );
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (existsSync(directory)) rmdirSync(directory); // only ever an empty folder here, such as an earlier refused start left
  try {
    symlinkSync(folder, directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || linkTarget(directory) !== folder) throw error; // else a start at the same time linked it first
  }
  return { folder: realpathSync(folder), link: directory, because };
};

/** A link made by an earlier start (or by hand): followed, never changed. */
const followLink = (directory: string, target: string, options: ClusterFolderOptions): ClusterLocation => {
  const chosen = options.chosen && resolve(options.chosen);
  if (chosen && realOrAsGiven(chosen) !== realOrAsGiven(target)) {
    throw new EmbeddedPostgresFailure(
      `${directory} links to the database in ${target}, but EMBEDDED_POSTGRES_DIR names ${chosen}: unset EMBEDDED_POSTGRES_DIR, or stop Safer Cases, move the files there and link ${directory} to them (ln -sfn ${chosen} ${directory}).`,
    );
  }
  if (!existsSync(target)) {
    throw new EmbeddedPostgresFailure(
      `${directory} links to ${target}, where the database is kept, but that folder is missing: restore it from the backup of DATA_DIR, or remove the link (rm ${directory}) to start with an empty database.`,
    );
  }
  const barrier = options.user && firstFolderBarring(options.user, dirname(directory));
  const because = chosen ? 'EMBEDDED_POSTGRES_DIR names it' : options.user && barrier ? unreachableBecause(options.user, barrier) : `${directory} links there`;
  return { folder: realpathSync(target), link: directory, because };
};

/**
 * Where the cluster for `directory` lives. Normally in `directory` itself. As root, when the
 * `postgres` user cannot reach it (a checkout in root's home, kept 0700), in a folder of its own
 * under `home` that `directory` links to: we do not open root's home to everyone. A link is
 * always followed, so a later start (or a moved DATA_DIR) finds the same cluster; a link to a
 * folder that is gone is refused rather than answered with an empty database.
 */
export const clusterLocation = (directory: string, options: ClusterFolderOptions): ClusterLocation => {
  const target = linkTarget(directory);
  if (target !== undefined) return followLink(directory, target, options);
  const chosen = options.chosen && resolve(options.chosen);
  if (chosen && chosen !== directory) {
    if (holdsAnything(directory)) {
      throw new EmbeddedPostgresFailure(
        `${directory} already holds the database, but EMBEDDED_POSTGRES_DIR names ${chosen}: unset EMBEDDED_POSTGRES_DIR, or stop Safer Cases and move the files there (mv ${directory} ${chosen}).`,
      );
    }
    return linkTo(directory, chosen, options.user, 'EMBEDDED_POSTGRES_DIR names it');
  }
  const barrier = options.user && firstFolderBarring(options.user, dirname(directory));
  if (!options.user || barrier === undefined || holdsAnything(directory)) return { folder: directory }; // a cluster already there stays there (or is refused if unreachable)
  const folder = homeFolderFor(directory, options.home);
  if (holdsAnything(folder)) {
    throw new EmbeddedPostgresFailure(
      `${folder} holds a database for ${directory}, but nothing links to it there (was DATA_DIR removed or restored without it?): link it again (ln -s ${folder} ${directory}) to use it, or remove it (rm -r ${dirname(folder)}) to start with an empty database.`,
    );
  }
  return linkTo(directory, folder, options.user, unreachableBecause(options.user, barrier));
};
