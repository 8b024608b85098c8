import { fork } from 'node:child_process';
import { nextMessage } from './child';

/** One load: POSTs of `body` to each of `paths` in turn, from `connections` keep-alive clients, for `seconds`. */
export type LoadPlan = { url: string; connections: number; seconds: number; headers: Record<string, string>; paths: string[]; body: string };

/** What a load measured: answers per second by class, and latencies in milliseconds. */
export type LoadResult = { perSecond: number; ok: number; refused: number; errors: number; p50: number; p99: number; seconds: number };

type AutocannonResult = {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  latency: { p50: number; p99: number };
};
type AutocannonRequest = { method: string; path: string; headers: Record<string, string>; body: string };
type Autocannon = (
  options: { url: string; connections: number; duration: number; requests: (AutocannonRequest & { setupRequest: (request: AutocannonRequest) => AutocannonRequest })[] },
  done: (error: Error | null, result: AutocannonResult) => void,
) => void;

/** In the load process: runs the plan it is sent with autocannon and sends back what it measured. */
const runPlan = (plan: LoadPlan): void => {
  // autocannon ships no types; its options and result are described above as far as used here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as Autocannon;
  let next = 0;
  const request = { method: 'POST', path: plan.paths[0], headers: plan.headers, body: plan.body };
  const setupRequest = (sent: AutocannonRequest): AutocannonRequest => ({ ...sent, path: plan.paths[next++ % plan.paths.length] });
  autocannon({ url: plan.url, connections: plan.connections, duration: plan.seconds, requests: [{ ...request, setupRequest }] }, (error, result) => {
    if (error) throw error;
    const answer: LoadResult = {
      perSecond: result['2xx'] / result.duration,
      ok: result['2xx'],
      refused: result.non2xx,
      errors: result.errors + result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
      seconds: result.duration,
    };
    process.send?.(answer, () => process.exit(0));
  });
};

/**
 * Runs `plan` from a process of its own (never the server's, nor this one's event loop), so the
 * figures are those of a client outside the server, as in production.
 */
export const runLoad = async (plan: LoadPlan): Promise<LoadResult> => {
  const child = fork(__filename, ['--load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answer = nextMessage<LoadResult>(child, () => true);
  child.send(plan);
  return answer;
};

if (require.main === module && process.argv.includes('--load')) process.once('message', (plan: LoadPlan) => runPlan(plan));
