import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { asError } from './embedded-postgres-failure';
import { binariesFor, binariesIn, defaultBinaryCache, packagedBinaries } from './postgres-binaries';
import { initialiseCluster, removeLeftoverPasswordFiles } from './postgres-cluster';
import { ClusterLocation, clusterLocation, defaultClusterHome } from './postgres-cluster-folder';
import { PostgresServer, PostgresStatus } from './postgres-server';
import { assertServerCanReach, serverUser } from './postgres-server-user';

export { EmbeddedPostgresFailure } from './embedded-postgres-failure';
export type { PostgresState, PostgresStatus } from './postgres-server';
export type { ClusterLocation } from './postgres-cluster-folder';

export type RunningPostgres = {
  url: (database: string) => string;
  stop: () => Promise<void>;
  /** Whether the server is up, being restarted after it died, or stopped; for a health check. */
  status: () => PostgresStatus;
  /** Where the cluster's files are, and why when that is not `directory`: to tell whoever backs up DATA_DIR. */
  location: ClusterLocation;
};

export type EmbeddedPostgresOptions = {
  /** The cluster's folder, or a link to where it is kept (see `clusterLocation`). */
  directory: string;
  /** A folder to keep the cluster in instead, `directory` then linking to it (EMBEDDED_POSTGRES_DIR). */
  folder?: string;
  /** Where root keeps a cluster the `postgres` user cannot reach in `directory`; /var/lib/safer-cases by default. */
  clusterHome?: string;
  port?: number;
  password?: string;
  persistent?: boolean;
  settings?: Record<string, string>;
  /** Where restarts and similar events are told; standard error by default. */
  log?: (message: string) => void;
  /** Seconds between attempts to start a server that died; the last one repeats. */
  restartDelays?: number[];
  /** The programs (a folder with bin/, lib/, share/; by default embedded-postgres's own), and where root copies them when the `postgres` user cannot reach them. */
  binaries?: { from?: string; cache?: string };
};

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });

/**
 * What PostgreSQL's programs see of our environment: the locale and time zone only, never our
 * secrets. Messages are in plain English (C), whatever the machine's language.
 */
const serverEnvironment = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => {
  const kept = Object.entries(env).filter(([name]) => /^(PATH|LANG|LC_(?!ALL$|MESSAGES$)\w+|TZ)$/.test(name));
  return { ...Object.fromEntries(kept), ...(env.LC_ALL ? { LANG: env.LC_ALL } : {}), LC_MESSAGES: 'C' };
};

/**
 * Starts real PostgreSQL binaries from npm under `directory` (or where it links to: see
 * `clusterLocation`), initialising the cluster on first use and keeping it across restarts.
 * Listens on loopback only. We run the programs ourselves
 * rather than through embedded-postgres's class, which cannot tell why a start failed, leaves
 * the password in the system temp folder for others to read, and forgets a server that dies.
 */
export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions): Promise<RunningPostgres> => {
  try {
    return await start(options);
  } catch (error) {
    throw asError(error);
  }
};

const start = async (options: EmbeddedPostgresOptions): Promise<RunningPostgres> => {
  const log = options.log ?? ((message: string) => process.stderr.write(`postgres: ${message}\n`));
  const directory = resolve(options.directory);
  const user = await serverUser();
  const source = options.binaries?.from ? binariesIn(resolve(options.binaries.from)) : packagedBinaries();
  const binaries = binariesFor(user, source, options.binaries?.cache ?? defaultBinaryCache);
  mkdirSync(dirname(directory), { recursive: true });
  const location = clusterLocation(directory, { user, chosen: options.folder, home: options.clusterHome ?? defaultClusterHome });
  const dataDir = location.folder;
  const firstStart = !existsSync(resolve(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    assertServerCanReach(user, dataDir);
  }
  const env = serverEnvironment();
  const password = options.password ?? 'safer-cases';
  removeLeftoverPasswordFiles(dataDir);
  if (firstStart) await initialiseCluster({ initdb: binaries.initdb, dataDir, password, user, env });
  const port = options.port ?? (await freePort());
  const settings = { listen_addresses: '127.0.0.1', max_connections: '200', lc_messages: 'C', ...options.settings };
  const flags = Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  const server = new PostgresServer({ postgres: binaries.postgres, dataDir, port, flags, user, env, log, restartDelays: options.restartDelays });
  await server.start();
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await server.stop();
      if (options.persistent === false) [dataDir, directory].forEach((path) => rmSync(path, { recursive: true, force: true }));
    },
    status: () => server.status(),
    location,
  };
};
