import { Client } from 'pg';
import { createTestDatabase } from '@safer-cases/testing/test-database';

describe('the test database', () => {
  it('is a real PostgreSQL, fresh for each suite', async () => {
    const client = new Client(await createTestDatabase());
    await client.connect();
    const { rows } = await client.query<{ tables: string }>(`select count(*) as tables from information_schema.tables where table_schema = 'public'`);
    await client.end();
    expect(rows[0].tables).toBe('0');
  });
});
