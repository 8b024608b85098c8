import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { firstLineOf, runTypeScript } from './embedded-database.fixtures';

const query = async (url: string, sql: string): Promise<unknown[]> => {
  const client = new Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

const gone = async (pid: number): Promise<void> => {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
};

describe('the embedded database under DATA_DIR', () => {
  const folders: string[] = [];
  const folderOf = (name: string, mode: number): string => {
    const folder = mkdtempSync(join(tmpdir(), `safer-cases-${name}-`));
    chmodSync(folder, mode);
    folders.push(folder);
    return folder;
  };
  /** Clusters kept outside DATA_DIR, each in a folder of its own under /var/lib/safer-cases. */
  const keptOutside: string[] = [];
  const keptOutsideFor = (dataDir: string): string => {
    const folder = realpathSync(join(dataDir, 'postgres'));
    keptOutside.push(dirname(folder));
    return folder;
  };
  afterAll(() => {
    folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
    keptOutside.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
    if (keptOutside.length > 0 && readdirSync('/var/lib/safer-cases').length === 0) rmdirSync('/var/lib/safer-cases');
  });

  it('starts in a DATA_DIR only its owner can read, and keeps its data across a stop and a start', async () => {
    const dataDir = folderOf('data', 0o700);
    const first = await startEmbeddedDatabase(dataDir);
    expect(first.status()).toEqual({ state: 'up' });
    expect(first.whereItsFilesAre).toBe(`Embedded PostgreSQL running with its data under ${dataDir}`);
    await query(first.url, "create table kept (note text); insert into kept values ('still here')");
    await first.stop();
    expect(first.status()).toEqual({ state: 'down' });

    const second = await startEmbeddedDatabase(dataDir);
    try {
      expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
    expect(statSync(join(dataDir, 'postgres-password')).mode & 0o077).toBe(0);
  });

  describe.each([
    ['', 0o755],
    [' (its database kept outside DATA_DIR, in a folder the postgres user may not enter)', 0o700],
  ])('after the app was killed with kill -9%s', (_, parentMode) => {
    const dataDir = join(folderOf('killed', parentMode), 'data');
    let again: EmbeddedDatabase | undefined;
    afterAll(() => again?.stop());

    it('stops the server the killed app left running and starts its own, with the data still there', async () => {
      const app = runTypeScript('embedded-database.child.fixtures.ts', [dataDir]);
      const { url } = await firstLineOf<{ url: string }>(app);
      await query(url, "create table kept (note text); insert into kept values ('still here')");
      const orphan = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(readlinkSync(`/proc/${orphan}/cwd`)).toBe(parentMode === 0o700 ? keptOutsideFor(dataDir) : join(dataDir, 'postgres'));
      app.kill('SIGKILL');
      await new Promise((done) => app.once('exit', done));
      expect(() => process.kill(orphan, 0)).not.toThrow();
      const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      again = await startEmbeddedDatabase(dataDir);

      expect(await query(again.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
      await gone(orphan);
      expect(warned).toHaveBeenCalledWith(`Stopping the database server (process ${orphan}) that an earlier run of Safer Cases left running, to start it afresh.`);
      warned.mockRestore();
    });
  });

  describe("as root, in a DATA_DIR inside a folder the postgres user may not enter (a checkout in root's home)", () => {
    const closed = folderOf('closed', 0o700);
    const dataDir = join(closed, 'data');
    let first: EmbeddedDatabase;
    let files: string;
    beforeAll(async () => {
      first = await startEmbeddedDatabase(dataDir);
      files = keptOutsideFor(dataDir);
    });
    afterAll(() => first.stop());

    it('keeps the database in a folder of its own that DATA_DIR/postgres links to, and the data across a stop and a start', async () => {
      await query(first.url, "create table kept (note text); insert into kept values ('still here')");
      await first.stop();

      const second = await startEmbeddedDatabase(dataDir);
      try {
        expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
      } finally {
        await second.stop();
      }
      expect(lstatSync(join(dataDir, 'postgres')).isSymbolicLink()).toBe(true);
      expect(files).toMatch(/^\/var\/lib\/safer-cases\/[0-9a-f]{12}\/postgres$/);
      expect(existsSync(join(files, 'PG_VERSION'))).toBe(true);
      expect(realpathSync(join(dataDir, 'postgres'))).toBe(files);
      expect(second.whereItsFilesAre).toBe(first.whereItsFilesAre);
    });

    it('leaves the closed folder closed, and the folder it keeps the database in open to the postgres user alone', () => {
      expect(statSync(closed).mode & 0o777).toBe(0o700);
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      expect([statSync(files).uid, statSync(files).mode & 0o777]).toEqual([postgresUid, 0o700]);
      expect([statSync(dirname(files)).uid, statSync(dirname(files)).mode & 0o777]).toEqual([0, 0o755]);
    });

    it('says in one line where the files are, why, and that a backup of DATA_DIR must include them', () => {
      expect(first.whereItsFilesAre).toBe(
        `Embedded PostgreSQL running with its files in ${files}, outside DATA_DIR because the "postgres" user PostgreSQL runs as cannot get into ${closed}, which Safer Cases leaves closed ` +
          `(${dataDir}/postgres links there): a backup of DATA_DIR must include ${files}.`,
      );
    });
  });

  it('keeps the database in EMBEDDED_POSTGRES_DIR when it is set, DATA_DIR/postgres linking there', async () => {
    const dataDir = join(folderOf('chosen-data', 0o755), 'data');
    const chosen = join(folderOf('chosen', 0o755), 'pg');

    const database = await startEmbeddedDatabase(dataDir, { EMBEDDED_POSTGRES_DIR: chosen });
    await database.stop();

    expect(realpathSync(join(dataDir, 'postgres'))).toBe(chosen);
    expect(existsSync(join(chosen, 'PG_VERSION'))).toBe(true);
    expect(database.whereItsFilesAre).toBe(
      `Embedded PostgreSQL running with its files in ${chosen}, outside DATA_DIR because EMBEDDED_POSTGRES_DIR names it (${dataDir}/postgres links there): a backup of DATA_DIR must include ${chosen}.`,
    );
  });
});
