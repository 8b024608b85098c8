import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from './embedded-database';

describe('the embedded database under DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'safer-cases-data-'));
  chmodSync(dataDir, 0o700);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const query = async (url: string, sql: string): Promise<unknown[]> => {
    const client = new Client(url);
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('starts in a DATA_DIR only its owner can read, and keeps its data across a stop and a start', async () => {
    const first = await startEmbeddedDatabase(dataDir);
    await query(first.url, 'create table kept (note text); insert into kept values (\'still here\')');
    await first.stop();

    const second = await startEmbeddedDatabase(dataDir);
    try {
      expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
    expect(statSync(join(dataDir, 'postgres-password')).mode & 0o077).toBe(0);
  });
});
