import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';
import { makeOpenFolder, onlyRootCanChange, ServerUser } from './postgres-server-user';

/** A folder of PostgreSQL programs laid out as embedded-postgres ships them: bin/, lib/, share/. */
export type PostgresBinaries = { folder: string; postgres: string; initdb: string };

export const binariesIn = (folder: string): PostgresBinaries => ({ folder, postgres: join(folder, 'bin', 'postgres'), initdb: join(folder, 'bin', 'initdb') });

/** Where root keeps copies of the programs the `postgres` user could not reach in the checkout. */
export const defaultBinaryCache = '/var/cache/safer-cases';

/** The binaries embedded-postgres installed for this machine (its `@embedded-postgres/<platform>-<arch>` package). */
export const packagedBinaries = (): PostgresBinaries => {
  const embeddedPostgres = createRequire(__filename).resolve('embedded-postgres');
  const platformPackage = createRequire(embeddedPostgres).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return binariesIn(resolve(dirname(platformPackage), '..', 'native'));
};

const canRun = (program: string, user: ServerUser): boolean => spawnSync(program, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;

/** Everyone may read and run the copy (the programs hold no secrets); only root may change it. */
const openForReading = (path: string): void => {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openForReading(join(path, entry));
  } else {
    chmodSync(path, stats.mode & 0o100 ? 0o755 : 0o644);
  }
};

/** Copies the programs into the cache under a name of their own content; a finished copy appears at once (rename). */
const copyToCache = (source: PostgresBinaries, cache: string): PostgresBinaries => {
  makeOpenFolder(cache);
  if (!onlyRootCanChange(cache)) {
    throw new EmbeddedPostgresFailure(
      `The folder ${cache}, where Safer Cases keeps PostgreSQL's programs for the "postgres" user, can be changed by users other than root: make it root's own (chown root ${cache}; chmod 755 ${cache}).`,
    );
  }
  const fingerprint = createHash('sha256').update(readFileSync(source.postgres)).digest('hex').slice(0, 16);
  const target = join(cache, `postgres-${fingerprint}`);
  if (!existsSync(target)) {
    const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
    cpSync(source.folder, partial, { recursive: true, verbatimSymlinks: true });
    openForReading(partial);
    try {
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(target)) throw error; // else another start copied them first
    }
  }
  return binariesIn(target);
};

/**
 * Binaries the server's user can run: those given when it can reach them, or else (a checkout
 * in a folder only root may enter) a copy in a root-owned folder anyone may read.
 */
export const binariesFor = (user: ServerUser | undefined, source: PostgresBinaries, cache: string): PostgresBinaries => {
  if (!user || canRun(source.postgres, user)) return source;
  const copy = copyToCache(source, cache);
  if (canRun(copy.postgres, user)) return copy;
  throw new EmbeddedPostgresFailure(
    `PostgreSQL runs as the system user "${user.name}", which cannot run the programs copied to ${copy.folder} either: check that the folders on the way to ${cache} are open to all (chmod 755).`,
  );
};
