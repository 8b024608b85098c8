import { fork, ChildProcess } from 'node:child_process';
import { RoundTrips } from './round-trips';

/** What a bench server child tells its parent: where it listens, and, when asked, its counters. */
export type ServerReport = { kind: 'listening'; url: string } | { kind: 'figures'; rssBytes: number; cpuMicroseconds: number; roundTrips: RoundTrips };

/** What the parent asks of a bench server child. */
export type ServerAsk = { kind: 'figures' } | { kind: 'stop' };

/** The next message of `child` that `accept` takes, or the child's exit as an error. */
export const nextMessage = <T>(child: ChildProcess, accept: (message: T) => boolean): Promise<T> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (!accept(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`bench child ${child.pid} exited (${code}) before answering`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

/** A bench server in a process of its own, and how to ask it for its figures and stop it. */
export type ServerChild = { url: string; pid: number; figures: () => Promise<Extract<ServerReport, { kind: 'figures' }>>; stop: () => Promise<void> };

/** Forks the compiled `script` beside this file with `env`, optionally under `--cpu-prof`, and waits until it listens. */
export const startServerChild = async (script: string, env: NodeJS.ProcessEnv, cpuProfileDir?: string): Promise<ServerChild> => {
  const execArgv = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
  const child = fork(require.resolve(script), [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = (await nextMessage<ServerReport>(child, (message) => message.kind === 'listening')) as Extract<ServerReport, { kind: 'listening' }>;
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    figures: async () => {
      const answer = nextMessage<ServerReport>(child, (message) => message.kind === 'figures');
      child.send({ kind: 'figures' } satisfies ServerAsk);
      return (await answer) as Extract<ServerReport, { kind: 'figures' }>;
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'stop' } satisfies ServerAsk);
      await exited;
    },
  };
};

/** In a bench server child: answers the parent's asks; `stop` closes what `close` closes, then exits. */
export const serveParent = (url: string, roundTrips: () => RoundTrips, close: () => Promise<void>): void => {
  const send = (report: ServerReport) => process.send?.(report);
  process.on('message', (ask: ServerAsk) => {
    if (ask.kind === 'figures') {
      const cpu = process.cpuUsage();
      send({ kind: 'figures', rssBytes: process.memoryUsage().rss, cpuMicroseconds: cpu.user + cpu.system, roundTrips: roundTrips() });
    }
    if (ask.kind === 'stop') void close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  send({ kind: 'listening', url });
};
