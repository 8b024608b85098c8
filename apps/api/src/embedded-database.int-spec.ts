import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EmbeddedPostgresFailure } from '@safer-cases/database';
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
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('starts in a DATA_DIR only its owner can read, and keeps its data across a stop and a start', async () => {
    const dataDir = folderOf('data', 0o700);
    const first = await startEmbeddedDatabase(dataDir);
    expect(first.status()).toEqual({ state: 'up' });
    await query(first.url, 'create table kept (note text); insert into kept values (\'still here\')');
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

  describe('after the app was killed with kill -9', () => {
    const dataDir = join(folderOf('killed', 0o755), 'data');
    let again: EmbeddedDatabase | undefined;
    afterAll(() => again?.stop());

    it('stops the server the killed app left running and starts its own, with the data still there', async () => {
      const app = runTypeScript('embedded-database.child.fixtures.ts', [dataDir]);
      const { url } = await firstLineOf<{ url: string }>(app);
      await query(url, "create table kept (note text); insert into kept values ('still here')");
      const orphan = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
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

  it('as root, refuses in one sentence a DATA_DIR inside a folder the postgres user may not enter', async () => {
    const closed = folderOf('closed', 0o700);
    const dataDir = join(closed, 'data');

    await expect(startEmbeddedDatabase(dataDir)).rejects.toThrow(
      new EmbeddedPostgresFailure(
        `PostgreSQL runs as the system user "postgres", which cannot get into ${closed} (only its owner may) on the way to its data in ${dataDir}/postgres: ` +
          `set DATA_DIR to a folder it can reach, such as /var/lib/safer-cases, or let it through with "setfacl -m u:postgres:x ${closed}", or set DATABASE_URL to a PostgreSQL of your own.`,
      ),
    );
  });
});
