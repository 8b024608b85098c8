import { join } from 'node:path';
import { ServerChild, startServerChild } from './http/child';
import { LoadResult, runLoad } from './http/load';
import { benchSignInEnvironment, signIn } from './sign-in';

const clients = 8;
const seconds = 5;
const warmUpSeconds = 2;
/** Commands sent one at a time before a load, to count their statements to PostgreSQL exactly. */
const counted = 20;

type Print = (line: string) => void;
/** A load's figures, with the server's statements and CPU per request (under load: the projector's work included). */
type Measured = LoadResult & { roundTrips: number; backgroundRoundTrips: number; cpuMs: number };

const referral = JSON.stringify({
  programme: 'restorative-justice',
  referredOn: '2015-01-20',
  referrer: { organisation: 'police' },
  subject: { givenName: 'Bench', familyName: 'Person' },
  offence: { type: 'criminal damage', date: '2015-01-10' },
});
const reoffence = JSON.stringify({ offenceDate: '2015-06-01' });

const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The server's count of statements in requests once it stops moving: the requests of a load just ended may still be answering. */
const settledRoundTrips = async (server: ServerChild): Promise<number> => {
  for (let last = -1; ;) {
    const now = (await server.figures()).roundTrips.inRequests;
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Statements per request: `counted` requests one after another, the server's counter read before and after. */
const roundTripsPer = async (server: ServerChild, headers: Record<string, string>, paths: string[], body: string): Promise<number> => {
  const before = await settledRoundTrips(server);
  for (let n = 0; n < counted; n++) {
    const response = await fetch(`${server.url}${paths[n % paths.length]}`, { method: 'POST', headers, body });
    if (!response.ok) throw new Error(`POST ${paths[n % paths.length]} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
  return ((await server.figures()).roundTrips.inRequests - before) / counted;
};

/** Counts the round trips, warms the server up (not measured), then measures `seconds` of load. */
const measure = async (server: ServerChild, headers: Record<string, string>, paths: string[], body: string): Promise<Measured> => {
  const roundTrips = await roundTripsPer(server, headers, paths, body);
  const plan = { url: server.url, connections: clients, headers, paths, body };
  await runLoad({ ...plan, seconds: warmUpSeconds });
  const before = await server.figures();
  const result = await runLoad({ ...plan, seconds });
  const after = await server.figures();
  const answered = Math.max(1, result.ok + result.refused);
  return {
    ...result,
    roundTrips,
    backgroundRoundTrips: (after.roundTrips.inBackground - before.roundTrips.inBackground) / answered,
    cpuMs: (after.cpuMicroseconds - before.cpuMicroseconds) / 1000 / answered,
  };
};

/** The ceiling server, started, measured and stopped. */
const measureCeiling = async (url: string): Promise<Measured> => {
  const ceiling = await startServerChild(join(__dirname, 'http', 'ceiling-server'), { BENCH_DATABASE_URL: url });
  try {
    return await measure(ceiling, { 'content-type': 'application/json' }, ['/'], referral);
  } finally {
    await ceiling.stop();
  }
};

const describe = (result: Measured, unit: string): string =>
  `${result.perSecond.toFixed(0)} ${unit}/s, p50 ${result.p50} ms, p99 ${result.p99} ms; each: ${result.roundTrips.toFixed(1)} statements ` +
  `(+${result.backgroundRoundTrips.toFixed(1)} in the background), ${result.cpuMs.toFixed(2)} ms of server CPU` +
  (result.refused || result.errors ? ` (${result.refused} refused, ${result.errors} failed)` : '');

/**
 * Commands per second through HTTP, as a client sees them: the app in a process of its own
 * (`BENCH_CPU_PROF_DIR` runs it under `--cpu-prof`), the load from another (autocannon,
 * `clients` keep-alive connections, each sending its next request as soon as the last is
 * answered), beside the ceiling of this stack on this machine, measured before and after: a
 * bare `node:http` server doing one single-row INSERT per request. Goals: 1,000 commands/s
 * each, at least 0.5 of the ceiling, p99 under 50 ms.
 */
export async function benchHttp(url: string, print: Print): Promise<void> {
  const restoreEnvironment = benchSignInEnvironment();
  try {
    const ceilingBefore = await measureCeiling(url);
    const app = await startServerChild(join(__dirname, 'http', 'app-server'), { BENCH_DATABASE_URL: url }, process.env.BENCH_CPU_PROF_DIR);
    let results: { referrals: Measured; reoffences: Measured; rss: { start: number; end: number } };
    try {
      const rssAtStart = (await app.figures()).rssBytes;
      const headers = { 'content-type': 'application/json', ...(await signIn(app.url, 'referrer', 'police')) };
      const caseIds: string[] = [];
      for (let i = 0; i < 400; i++) {
        const response = await fetch(`${app.url}/api/cases`, { method: 'POST', headers, body: referral });
        caseIds.push(((await response.json()) as { caseId: string }).caseId);
      }
      const referrals = await measure(app, headers, ['/api/cases'], referral);
      const reoffences = await measure(
        app,
        headers,
        caseIds.map((caseId) => `/api/cases/${caseId}/reoffences`),
        reoffence,
      );
      results = { referrals, reoffences, rss: { start: rssAtStart, end: (await app.figures()).rssBytes } };
    } finally {
      await app.stop();
    }
    const ceilingAfter = await measureCeiling(url);
    const ceiling = (ceilingBefore.perSecond + ceilingAfter.perSecond) / 2;
    print(`HTTP, ${clients} keep-alive clients in a separate process (autocannon), ${seconds} s each after ${warmUpSeconds} s of warm-up`);
    print(
      `  ceiling, bare node:http + one INSERT per request: ${ceiling.toFixed(0)} requests/s (before ${describe(ceilingBefore, 'requests')}; after ${describe(ceilingAfter, 'requests')})`,
    );
    const loads = [
      ['referrals (new case stream + personal data)', results.referrals],
      ['reoffences on existing cases (read stream, decide, append)', results.reoffences],
    ] as const;
    for (const [label, result] of loads) print(`  ${label}: ${describe(result, 'commands')}, ${(result.perSecond / ceiling).toFixed(2)} of the ceiling`);
    print(`  app server RSS: ${megabytes(results.rss.start)} at start, ${megabytes(results.rss.end)} at the end`);
    print(`  goals: 1,000 commands/s each, 0.5 of the ceiling, p99 under 50 ms`);
  } finally {
    restoreEnvironment();
  }
}
