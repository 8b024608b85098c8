import { resolve } from 'node:path';

export type AppConfig = {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  eventStore: 'postgres' | 'eventstoredb';
};

/** Reads the environment variables of shared/API.md once, at start-up. */
export const configFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const eventStore = env.EVENT_STORE ?? 'postgres';
  if (eventStore !== 'postgres' && eventStore !== 'eventstoredb') {
    throw new Error(`EVENT_STORE must be "postgres" or "eventstoredb", not "${eventStore}"`);
  }
  if (eventStore === 'eventstoredb') {
    throw new Error('EVENT_STORE=eventstoredb is not available yet: this build stores events in PostgreSQL only');
  }
  return { port, dataDir: resolve(env.DATA_DIR ?? './data'), databaseUrl: env.DATABASE_URL || undefined, eventStore };
};
