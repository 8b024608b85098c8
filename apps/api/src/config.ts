import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Where events are kept: the PostgreSQL of DATABASE_URL (or the embedded one), or an EventStoreDB. */
export type EventStoreChoice = { kind: 'postgres' } | { kind: 'eventstoredb'; connectionString: string };

export type AppConfig = {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  eventStore: EventStoreChoice;
  trustProxy: TrustProxy;
};

/**
 * Express's `trust proxy`: which proxies in front of the app may say, in X-Forwarded-Proto and
 * X-Forwarded-For, that a request came over HTTPS and from which address. False (the default)
 * believes no one; a number trusts that many hops; a list trusts those addresses and subnets.
 */
export type TrustProxy = boolean | number | string[];

/** Reads the environment variables of shared/API.md once, at start-up. */
export const configFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    eventStore: eventStoreFromEnvironment(env),
    trustProxy: trustProxyFromEnvironment(env),
  };
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

const namedSubnets = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY, as express takes it, checked here so that a typing mistake stops the start
 * instead of silently trusting nobody (cookies never Secure) or everybody (addresses forged).
 */
export const trustProxyFromEnvironment = (env: NodeJS.ProcessEnv): TrustProxy => {
  const value = (env.TRUST_PROXY ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong !== undefined) {
    throw new Error(
      `TRUST_PROXY must be true, false, a number of proxies in front of the app (e.g. 1), or a comma-separated list of their addresses or subnets ` +
        `(e.g. loopback, 10.0.0.0/8); "${wrong}" in "${value}" is none of these`,
    );
  }
  return entries;
};

/**
 * `loopback`, `linklocal`, `uniquelocal`, an IP address, or a subnet as address/prefix-length or
 * (IPv4 only) address/netmask: what express's proxy-addr takes, which would otherwise throw at the first request.
 */
const isProxyAddress = (entry: string): boolean => {
  if (namedSubnets.includes(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) >= 1 && Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4 && isContiguousNetmask(range);
};

const isContiguousNetmask = (mask: string): boolean => {
  const bits = mask
    .split('.')
    .map((part) => Number(part).toString(2).padStart(8, '0'))
    .join('');
  return /^1+0*$/.test(bits);
};
