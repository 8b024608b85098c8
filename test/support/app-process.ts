import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../libs/database/src/embedded-postgres';

const root = resolve(__dirname, '../..');

/**
 * The app built as `npm start` builds it, once per test run (the directory is kept in the
 * environment, which every test file of a run shares), so that fault tests can run it as a
 * real process and kill it.
 */
export const builtApp = (): string => {
  const known = process.env.SAFER_CASES_TEST_BUILD;
  if (known) return known;
  // Inside the checkout, so that the build finds node_modules and the page templates as `npm start`'s does.
  mkdirSync(join(root, '.test-build'), { recursive: true });
  const outDir = mkdtempSync(join(root, '.test-build', 'run-'));
  const run = (name: string): void => {
    try {
      execFileSync(join(root, 'node_modules', '.bin', name), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`${name} could not build the app:\n${String(stdout ?? '')}${String(stderr ?? '')}`);
    }
  };
  run('tsc');
  run('tsc-alias');
  const main = join(outDir, 'apps/api/src/main.js');
  process.env.SAFER_CASES_TEST_BUILD = main;
  return main;
};

export type AppProcess = {
  url: string;
  child: ChildProcess;
  /** What the process printed so far, for a failing test's message. */
  output: () => string;
  /** kill -9: no shutdown hook runs. */
  kill: () => Promise<void>;
  /** SIGTERM, and waits for the exit. */
  stop: () => Promise<number | null>;
};

/** Starts the built app with `env` and waits until /health answers 200. */
export const startAppProcess = async (env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<AppProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, [builtApp()], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode} before it was healthy:\n${printed}`);
    const status = await fetch(`${url}/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app was not healthy within the time allowed:\n${printed}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    child,
    output: () => printed,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
};

/** A JSON request to the app process; answers status, headers and parsed body. */
export const call = async (
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
};

/** Signs in through the API and answers the access token. */
export const signIn = async (url: string, username: string, password: string): Promise<string> => {
  const answer = await call(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`Sign-in as ${username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return String(answer.body.accessToken);
};
