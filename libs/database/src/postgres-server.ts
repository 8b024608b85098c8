import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresFailure } from './embedded-postgres-failure';
import { describeExit, OutputTail } from './postgres-output';
import { ServerUser } from './postgres-server-user';
import { releaseLock } from './postmaster-lock';

/** 'up' once it accepts connections, 'restarting' after it died until it is back, 'down' before the first start and after `stop`. */
export type PostgresState = 'up' | 'restarting' | 'down';
/** What a health check reads: the state and, once anything failed, the last reason (no personal data: start-up and exit messages only). */
export type PostgresStatus = { state: PostgresState; lastError?: string };

export type PostgresServerOptions = {
  postgres: string;
  dataDir: string;
  port: number;
  flags: string[];
  user?: ServerUser;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  /** Seconds to wait before each attempt to start it again; the last one repeats. */
  restartDelays?: number[];
};

/** Line 8 of postmaster.pid turns to "ready" once the server accepts connections (PostgreSQL 10 and later). */
const readyPid = (dataDir: string): number | undefined => {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return lines[7]?.trim() === 'ready' ? Number(lines[0]) : undefined;
  } catch {
    return undefined;
  }
};

const waitUntilReady = (child: ChildProcess, dataDir: string, output: OutputTail): Promise<void> =>
  new Promise((done, fail) => {
    const poll = setInterval(() => {
      if (readyPid(dataDir) !== child.pid) return;
      settle();
      output.stopRecording();
      done();
    }, 100);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      settle();
      fail(new EmbeddedPostgresFailure(`The database server stopped while starting (${describeExit(code, signal)}): ${output.reason()}`));
    };
    const onError = (error: Error) => {
      settle();
      fail(new EmbeddedPostgresFailure(`The database server could not be run (${error.message}).`));
    };
    const settle = () => {
      clearInterval(poll);
      child.off('exit', onExit).off('error', onError);
    };
    child.once('exit', onExit).once('error', onError);
  });

/**
 * The PostgreSQL server as a child we watch: when it dies on its own it is started again, after
 * a back-off, until it is up or we stop it. Stopping is a fast shutdown, as `pg_ctl -m fast`.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private state: PostgresState = 'down';
  private lastError?: string;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  private restarts = 0;
  private readonly stopWithUs = () => this.child?.kill('SIGINT');

  constructor(private readonly options: PostgresServerOptions) {}

  status(): PostgresStatus {
    return this.lastError === undefined ? { state: this.state } : { state: this.state, lastError: this.lastError };
  }

  async start(): Promise<void> {
    this.stopping = false;
    try {
      await this.launch();
    } catch (error) {
      this.lastError = (error as Error).message;
      throw error;
    }
    process.on('exit', this.stopWithUs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    process.off('exit', this.stopWithUs);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((done) => {
        const immediate = setTimeout(() => child.kill('SIGQUIT'), 60_000);
        child.once('exit', () => {
          clearTimeout(immediate);
          done();
        });
        child.kill('SIGINT');
      });
    }
    this.child = undefined;
    this.state = 'down';
  }

  private async launch(): Promise<void> {
    const { postgres, dataDir, port, flags, user, env, log } = this.options;
    await releaseLock(dataDir, log);
    if (this.stopping) return;
    const child = spawn(postgres, ['-D', dataDir, '-p', String(port), ...flags], { uid: user?.uid, gid: user?.gid, env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    await waitUntilReady(child, dataDir, new OutputTail(child.stderr));
    if (this.stopping) return;
    this.state = 'up';
    child.once('exit', (code, signal) => this.died(child, describeExit(code, signal)));
  }

  private died(child: ChildProcess, how: string): void {
    if (this.stopping || child !== this.child) return;
    this.child = undefined;
    this.state = 'restarting';
    this.lastError = `The database server stopped unexpectedly (${how}).`;
    this.scheduleRestart(this.lastError);
  }

  private scheduleRestart(reason: string): void {
    const delays = this.options.restartDelays ?? [1, 2, 4, 8, 15, 30];
    const seconds = delays[Math.min(this.restarts, delays.length - 1)];
    this.restarts += 1;
    this.options.log(`${reason.replace(/\.?$/, '.')} Starting it again in ${seconds} s.`);
    this.restartTimer = setTimeout(() => void this.restart(), seconds * 1000);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.launch();
      if (this.stopping) return;
      this.restarts = 0;
      this.options.log('The database server is running again.');
    } catch (error) {
      if (this.stopping) return;
      this.lastError = (error as Error).message;
      this.scheduleRestart(`The database server did not start again: ${this.lastError}`);
    }
  }
}
