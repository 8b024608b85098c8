import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** A fresh, empty database on the run's embedded server (started by jest's global setup); returns its URL. */
export const createTestDatabase = async (): Promise<string> => {
  const server = process.env.TEST_DATABASE_SERVER_URL;
  if (!server) throw new Error('No test PostgreSQL: run the tests through jest, whose global setup starts one');
  const admin = new Client(server);
  await admin.connect();
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
};
