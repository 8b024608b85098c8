import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
      await expect(failure).rejects.toThrow(`The database server stopped while starting (exit code 1): LOG: could not bind IPv4 address "127.0.0.1": Address already in use HINT: Is another postmaster already running on port ${port}?`);
    });
  });

  describe('the password initdb reads', () => {
    it('is in a folder of its own beside the cluster, readable by the server alone, and gone afterwards', async () => {
      const dataDir = join(folder('password'), 'pg');
      const user = await serverUser();
      const seen = await withPasswordFile(dataDir, 'secret', user, async (file) => ({ file, file_: statSync(file), folder: statSync(dirname(file)), text: readFileSync(file, 'utf8') }));

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
});
