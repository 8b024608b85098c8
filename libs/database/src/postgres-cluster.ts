import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';
import { describeExit, OutputTail } from './postgres-output';
import { ServerUser } from './postgres-server-user';

const passwordFolderPrefix = (dataDir: string): string => `.${basename(dataDir)}-initdb-`;

/**
 * Runs `use` with a file holding the password, for `initdb --pwfile`. It sits in a folder of its
 * own beside the cluster (one the server's user can already reach, unlike a private system temp
 * folder), both readable by the server's user alone, and is removed as soon as `use` is done.
 */
export const withPasswordFile = async <T>(dataDir: string, password: string, user: ServerUser | undefined, use: (file: string) => Promise<T>): Promise<T> => {
  const folder = mkdtempSync(join(dirname(dataDir), passwordFolderPrefix(dataDir)));
  try {
    const file = join(folder, 'password');
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (user) {
      chownSync(folder, user.uid, user.gid);
      chownSync(file, user.uid, user.gid);
    }
    return await use(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** Password folders an initialisation left behind when it was killed half-way. */
export const removeLeftoverPasswordFiles = (dataDir: string): void => {
  const prefix = passwordFolderPrefix(dataDir);
  for (const entry of readdirSync(dirname(dataDir))) {
    if (entry.startsWith(prefix)) rmSync(join(dirname(dataDir), entry), { recursive: true, force: true });
  }
};

const runInitdb = (initdb: string, args: string[], user: ServerUser | undefined, env: NodeJS.ProcessEnv): Promise<void> =>
  new Promise((done, fail) => {
    const child = spawn(initdb, args, { uid: user?.uid, gid: user?.gid, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const output = new OutputTail(child.stderr);
    child.once('error', (error) => fail(new EmbeddedPostgresFailure(`The database could not be created: initdb could not be run (${error.message}).`)));
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new EmbeddedPostgresFailure(`The database could not be created (initdb ${describeExit(code, signal)}): ${output.reason()}`)),
    );
  });

/** Creates the cluster, with the `postgres` superuser signing in by password (SCRAM) only. */
export const initialiseCluster = (options: { initdb: string; dataDir: string; password: string; user?: ServerUser; env: NodeJS.ProcessEnv }): Promise<void> =>
  withPasswordFile(options.dataDir, options.password, options.user, (passwordFile) =>
    runInitdb(
      options.initdb,
      [`--pgdata=${options.dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'],
      options.user,
      options.env,
    ),
  );
