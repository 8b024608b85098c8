import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';
import { Client } from 'pg';

/** Statements sent to PostgreSQL: on behalf of an HTTP request, and in the background (the projector). */
export type RoundTrips = { inRequests: number; inBackground: number };

/**
 * Counts the statements this process sends to PostgreSQL, by wrapping `Client.prototype.query`
 * (which `Pool.query` and every pooled client go through), and tells those sent on behalf of an
 * HTTP request of `attach`ed servers from the rest. Bench-only: the app never loads it.
 */
export const countRoundTrips = (): { counts: () => RoundTrips; attach: (server: Server) => void } => {
  const requests = new AsyncLocalStorage<true>();
  const counts: RoundTrips = { inRequests: 0, inBackground: 0 };
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (requests.getStore()) counts.inRequests++;
    else counts.inBackground++;
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  return {
    counts: () => ({ ...counts }),
    // The first listener marks the request; the server's own listeners, run next in the same tick, inherit the mark.
    attach: (server) => server.prependListener('request', () => requests.enterWith(true)),
  };
};
