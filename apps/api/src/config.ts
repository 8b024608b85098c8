import { resolve } from 'node:path';

/** Where events are kept: the PostgreSQL of DATABASE_URL (or the embedded one), or an EventStoreDB. */
export type EventStoreChoice = { kind: 'postgres' } | { kind: 'eventstoredb'; connectionString: string };

export type AppConfig = {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  eventStore: EventStoreChoice;
};

/** Reads the environment variables of shared/API.md once, at start-up. */
export const configFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return { port, dataDir: resolve(env.DATA_DIR ?? './data'), databaseUrl: env.DATABASE_URL || undefined, eventStore: eventStoreFromEnvironment(env) };
};

export const eventStoreFromEnvironment = (env: NodeJS.ProcessEnv): EventStoreChoice => {
  const kind = env.EVENT_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 'eventstoredb') throw new Error(`EVENT_STORE must be "postgres" or "eventstoredb", not "${kind}"`);
  const connectionString = env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, for example esdb://localhost:2113?tls=false');
  if (!/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(connectionString)) {
    throw new Error(`EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string, not "${connectionString}"`);
  }
  return { kind, connectionString };
};
