import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresFailure, RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { packagedBinaries } from './postgres-binaries';
import { withPasswordFile } from './postgres-cluster';
import { serverUser } from './postgres-server-user';

const asRoot = process.getuid?.() === 0;

/** A folder of its own in the system temp folder that the `postgres` user may pass through. */
const openFolder = (name: string): string => {
  const folder = mkdtempSync(join(tmpdir(), `safer-cases-${name}-`));
  chmodSync(folder, 0o755);
  return folder;
};

const query = async (url: string, sql: string): Promise<unknown[]> => {
  const client = new Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

const postmasterPid = (dataDir: string): number => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

const eventually = async <T>(attempt: () => Promise<T>, seconds: number): Promise<T> => {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
};

describe('the embedded PostgreSQL', () => {
  const folders: string[] = [];
  const servers: RunningPostgres[] = [];
  const start = async (options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<RunningPostgres> => {
    const server = await startEmbeddedPostgres(options);
    servers.push(server);
    return server;
  };
  const folder = (name: string): string => {
    const made = openFolder(name);
    folders.push(made);
    return made;
  };
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  describe('when its server is killed while the app runs', () => {
    it('starts it again by itself, with the data still there, and says so in its status and log', async () => {
      const dataDir = join(folder('killed'), 'pg');
      const said: string[] = [];
      const server = await start({ directory: dataDir, log: (message) => said.push(message), restartDelays: [0.5] });
      await query(server.url('postgres'), "create table kept (note text); insert into kept values ('still here')");
      expect(server.status()).toEqual({ state: 'up' });

      process.kill(postmasterPid(dataDir), 'SIGKILL');

      expect(await eventually(() => query(server.url('postgres'), 'select note from kept'), 30)).toEqual([{ note: 'still here' }]);
      expect(server.status()).toEqual({ state: 'up', lastError: 'The database server stopped unexpectedly (killed by SIGKILL).' });
      expect(said).toEqual(['The database server stopped unexpectedly (killed by SIGKILL). Starting it again in 0.5 s.', 'The database server is running again.']);
    });

    it('is restarting, not up, until the new server accepts connections', async () => {
      const dataDir = join(folder('restarting'), 'pg');
      const server = await start({ directory: dataDir, log: () => undefined, restartDelays: [600] });
      process.kill(postmasterPid(dataDir), 'SIGKILL');
      await eventually(async () => expect(server.status().state).toBe('restarting'), 10);
      await server.stop();
      expect(server.status().state).toBe('down');
    });

    it('does not start it again after it was stopped on purpose', async () => {
      const dataDir = join(folder('stopped'), 'pg');
      const server = await start({ directory: dataDir, log: () => undefined, restartDelays: [0.2] });
      await server.stop();
      await new Promise((done) => setTimeout(done, 1000));
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(server.status()).toEqual({ state: 'down' });
    });
  });

  describe('when the folder is locked', () => {
    it('clears the lock of a server that is gone (a crash or a power cut) and starts', async () => {
      const dataDir = join(folder('stale'), 'pg');
      const first = await start({ directory: dataDir });
      await first.stop();
      const gone = spawnSync('true').pid;
      writeFileSync(join(dataDir, 'postmaster.pid'), `${gone}\n${dataDir}\n`);

      const second = await start({ directory: dataDir });
      expect(await query(second.url('postgres'), 'select 1 as up')).toEqual([{ up: 1 }]);
    });

    it('refuses in one sentence a folder whose server another running program uses, and leaves that server alone', async () => {
      const dataDir = join(folder('held'), 'pg');
      const running = await start({ directory: dataDir });

      const refused = startEmbeddedPostgres({ directory: dataDir });
      await expect(refused).rejects.toThrow(EmbeddedPostgresFailure);
      await expect(refused).rejects.toThrow(`The database folder ${dataDir} is in use by the database server of another running program (process ${process.pid}: `);
      await expect(refused).rejects.toThrow(/\): stop that first, or give this server a folder of its own \(DATA_DIR\)\.$/);
      expect(await query(running.url('postgres'), 'select 1 as up')).toEqual([{ up: 1 }]);
    });
  });

  describe('when the server cannot start', () => {
    let taken: Server;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    });
    afterAll(() => new Promise<void>((done) => taken.close(() => done())));

    it('says what PostgreSQL said, not "undefined"', async () => {
      const port = (taken.address() as { port: number }).port;
      const dataDir = join(folder('port'), 'pg');
      const failure = startEmbeddedPostgres({ directory: dataDir, port });
      await expect(failure).rejects.toThrow(EmbeddedPostgresFailure);
      await expect(failure).rejects.toThrow(
        `The database server stopped while starting (exit code 1): LOG: could not bind IPv4 address "127.0.0.1": Address already in use HINT: Is another postmaster already running on port ${port}?`,
      );
    });
  });

  describe('the password initdb reads', () => {
    it('is in a folder of its own beside the cluster, readable by the server alone, and gone afterwards', async () => {
      const dataDir = join(folder('password'), 'pg');
      const user = await serverUser();
      const seen = await withPasswordFile(dataDir, 'secret', user, async (file) => ({
        file,
        file_: statSync(file),
        folder: statSync(dirname(file)),
        text: readFileSync(file, 'utf8'),
      }));

      expect(dirname(dirname(seen.file))).toBe(dirname(dataDir));
      expect(seen.file_.mode & 0o777).toBe(0o600);
      expect(seen.folder.mode & 0o777).toBe(0o700);
      expect([seen.file_.uid, seen.folder.uid]).toEqual(user ? [user.uid, user.uid] : [process.getuid?.(), process.getuid?.()]);
      expect(seen.text).toBe('secret\n');
      expect(existsSync(dirname(seen.file))).toBe(false);
    });

    it('leaves no password file in the system temp folder nor beside the cluster after a first start', async () => {
      const parent = folder('no-password-left');
      const passwordFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password-'));
      const before = passwordFiles();
      mkdirSync(join(parent, '.pg-initdb-left-by-a-killed-start'), { mode: 0o700 });

      await start({ directory: join(parent, 'pg') });

      expect(passwordFiles().filter((name) => !before.includes(name))).toEqual([]);
      expect(readdirSync(parent)).toEqual(['pg']);
    });
  });

  describe('when the postgres user cannot reach the programs', () => {
    it('runs the server from a copy in a root-only cache folder anyone may read', async () => {
      const hidden = mkdtempSync(join(tmpdir(), 'safer-cases-hidden-binaries-'));
      folders.push(hidden);
      chmodSync(hidden, 0o700);
      const from = join(hidden, 'native');
      cpSync(packagedBinaries().folder, from, { recursive: true, verbatimSymlinks: true });
      const cache = join(folder('cache'), 'binaries');
      const dataDir = join(folder('hidden-binaries'), 'pg');

      const server = await start({ directory: dataDir, binaries: { from, cache } });

      expect(await query(server.url('postgres'), 'select 1 as up')).toEqual([{ up: 1 }]);
      const program = readlinkSync(`/proc/${postmasterPid(dataDir)}/exe`);
      expect(program.startsWith(asRoot ? `${cache}/postgres-` : from)).toBe(true);
      if (asRoot) expect(statSync(dirname(dirname(program))).mode & 0o777).toBe(0o755);
    });
  });

  describe("as root, when the postgres user cannot reach the folder asked for (a checkout in root's home)", () => {
    const closed = folder('closed');
    chmodSync(closed, 0o700);
    const dataDir = join(closed, 'pg');
    const clusterHome = join(folder('home'), 'clusters');
    let first: RunningPostgres;
    let kept: string;
    beforeAll(async () => {
      first = await start({ directory: dataDir, clusterHome });
      kept = realpathSync(dataDir);
    });

    it('keeps the cluster in a folder of its own under the home, which the folder asked for links to, and leaves the closed folder closed', async () => {
      expect(kept).toMatch(new RegExp(`^${clusterHome}/[0-9a-f]{12}/pg$`));
      expect(first.location).toEqual({ folder: kept, link: dataDir, because: `the "postgres" user PostgreSQL runs as cannot get into ${closed}, which Safer Cases leaves closed` });
      expect(readlinkSync(`/proc/${postmasterPid(kept)}/cwd`)).toBe(kept);
      expect(statSync(closed).mode & 0o777).toBe(0o700);
      expect(statSync(kept).mode & 0o777).toBe(0o700);
      expect(statSync(kept).uid).toBe((await serverUser())?.uid);
      expect(readdirSync(dirname(kept))).toEqual(['pg']);
    });

    it('refuses in one sentence a second start while the first runs, naming the folder it is kept in, and leaves that server alone', async () => {
      await expect(startEmbeddedPostgres({ directory: dataDir, clusterHome })).rejects.toThrow(
        `The database folder ${kept} is in use by the database server of another running program (process ${process.pid}: `,
      );
      expect(await query(first.url('postgres'), 'select 1 as up')).toEqual([{ up: 1 }]);
    });

    it('finds the same cluster through the link on the next start, with the data still there', async () => {
      await query(first.url('postgres'), "create table kept (note text); insert into kept values ('still here')");
      await first.stop();

      const second = await start({ directory: dataDir, clusterHome });

      expect(await query(second.url('postgres'), 'select note from kept')).toEqual([{ note: 'still here' }]);
      expect(second.location).toEqual(first.location);
      await second.stop();
    });

    it('refuses to take over the kept cluster once nothing links to it, rather than start an empty one', async () => {
      rmSync(dataDir);
      await expect(startEmbeddedPostgres({ directory: dataDir, clusterHome })).rejects.toThrow(
        new EmbeddedPostgresFailure(
          `${kept} holds a database for ${dataDir}, but nothing links to it there (was DATA_DIR removed or restored without it?): link it again (ln -s ${kept} ${dataDir}) to use it, or remove it (rm -r ${dirname(kept)}) to start with an empty database.`,
        ),
      );
      expect(existsSync(dataDir)).toBe(false);
    });
  });

  describe('as root, when the postgres user cannot reach a cluster already in the folder asked for', () => {
    it('leaves it where it is and refuses in one sentence, rather than start an empty one elsewhere', async () => {
      const closing = join(folder('closing'), 'home');
      mkdirSync(closing, { mode: 0o755 });
      const dataDir = join(closing, 'pg');
      const clusterHome = join(folder('unused-home'), 'clusters');
      const reachable = await start({ directory: dataDir, clusterHome });
      expect(reachable.location).toEqual({ folder: dataDir });
      await reachable.stop();
      chmodSync(closing, 0o700);

      await expect(startEmbeddedPostgres({ directory: dataDir, clusterHome })).rejects.toThrow(
        `PostgreSQL runs as the system user "postgres", which cannot get into ${closing} (only its owner may) on the way to its data in ${dataDir}: `,
      );
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(clusterHome)).toBe(false);
    });
  });

  it('as root with a umask of 077, still makes the folders of the home passable for the postgres user', async () => {
    const closed = folder('closed-umask');
    chmodSync(closed, 0o700);
    const clusterHome = join(folder('umask-home'), 'clusters');
    const umask = process.umask(0o077);
    const server = await start({ directory: join(closed, 'pg'), clusterHome }).finally(() => process.umask(umask));

    expect(await query(server.url('postgres'), 'select 1 as up')).toEqual([{ up: 1 }]);
    expect([clusterHome, dirname(server.location.folder)].map((made) => statSync(made).mode & 0o777)).toEqual([0o755, 0o755]);
  });

  it('as root, refuses a home for clusters that users other than root can change', async () => {
    const closed = folder('closed-shared-home');
    chmodSync(closed, 0o700);
    const shared = folder('shared-home');
    chmodSync(shared, 0o777);
    const dataDir = join(closed, 'pg');

    await expect(startEmbeddedPostgres({ directory: dataDir, clusterHome: join(shared, 'clusters') })).rejects.toThrow(
      /^The folder .*, where Safer Cases would keep the database for .*, can be changed by users other than root: /,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  describe('with a folder of its own named (EMBEDDED_POSTGRES_DIR)', () => {
    it('keeps the cluster there, the folder asked for linking to it', async () => {
      const dataDir = join(folder('asked'), 'pg');
      const chosen = join(folder('chosen'), 'pg');

      const server = await start({ directory: dataDir, folder: chosen });

      expect(server.location).toEqual({ folder: chosen, link: dataDir, because: 'EMBEDDED_POSTGRES_DIR names it' });
      expect(readlinkSync(dataDir)).toBe(chosen);
      expect(readlinkSync(`/proc/${postmasterPid(chosen)}/cwd`)).toBe(chosen);
    });

    it('refuses in one sentence when the folder asked for already holds a cluster, and moves nothing', async () => {
      const dataDir = join(folder('holding'), 'pg');
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, 'PG_VERSION'), '16\n');
      const chosen = join(folder('elsewhere'), 'pg');

      await expect(startEmbeddedPostgres({ directory: dataDir, folder: chosen })).rejects.toThrow(
        new EmbeddedPostgresFailure(
          `${dataDir} already holds the database, but EMBEDDED_POSTGRES_DIR names ${chosen}: unset EMBEDDED_POSTGRES_DIR, or stop Safer Cases and move the files there (mv ${dataDir} ${chosen}).`,
        ),
      );
      expect(existsSync(chosen)).toBe(false);
    });

    it('refuses in one sentence when the folder asked for links somewhere else', async () => {
      const dataDir = join(folder('linked'), 'pg');
      const linked = folder('linked-to');
      symlinkSync(linked, dataDir);
      const chosen = join(folder('other'), 'pg');

      await expect(startEmbeddedPostgres({ directory: dataDir, folder: chosen })).rejects.toThrow(
        new EmbeddedPostgresFailure(
          `${dataDir} links to the database in ${linked}, but EMBEDDED_POSTGRES_DIR names ${chosen}: unset EMBEDDED_POSTGRES_DIR, or stop Safer Cases, move the files there and link ${dataDir} to them (ln -sfn ${chosen} ${dataDir}).`,
        ),
      );
    });
  });

  it('refuses a link to a folder that is missing (DATA_DIR restored without it), rather than start an empty database', async () => {
    const dataDir = join(folder('restored'), 'pg');
    const missing = join(folder('wiped'), 'pg');
    symlinkSync(missing, dataDir);

    await expect(startEmbeddedPostgres({ directory: dataDir })).rejects.toThrow(
      new EmbeddedPostgresFailure(
        `${dataDir} links to ${missing}, where the database is kept, but that folder is missing: restore it from the backup of DATA_DIR, or remove the link (rm ${dataDir}) to start with an empty database.`,
      ),
    );
    expect(existsSync(missing)).toBe(false);
  });
});
