import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { StoredEvent } from '../event-store.port';
import { followAll, SubscriptionLike } from './follow-all';

/** `$all` as a list: our events with positions 10, 20, ..., and a system event between. */
const log: AllStreamResolvedEvent[] = [1, 2, 3, 4, 5, 6].flatMap((n) => {
  const ours = {
    event: {
      streamId: `case-${n}`,
      id: `00000000-0000-4000-8000-00000000000${n}`,
      isJson: true,
      revision: 0n,
      type: 'CaseReferred',
      created: new Date(),
      data: { n },
      metadata: { recordedAt: 'now', recordedBy: 'test' },
      position: { commit: BigInt(n * 10), prepare: BigInt(n * 10) },
    },
  } as unknown as AllStreamResolvedEvent;
  const system = {
    event: { ...ours.event, streamId: '$stats', type: '$statsCollected', position: { commit: BigInt(n * 10 + 5), prepare: BigInt(n * 10 + 5) } },
  } as unknown as AllStreamResolvedEvent;
  return [ours, system];
});

/**
 * A subscription shaped like the client's: replays the log from a position, then waits; the
 * first one drops (throws) after `dropAfter` events, as a lost connection does.
 */
const fakeServer = (dropAfter: number) => {
  const opened: (Position | undefined)[] = [];
  const source = (from: Position | undefined): SubscriptionLike => {
    opened.push(from);
    const drop = opened.length === 1;
    let ended = false;
    return {
      unsubscribe: async () => {
        ended = true;
      },
      async *[Symbol.asyncIterator]() {
        let sent = 0;
        for (const entry of log) {
          if (from !== undefined && (entry.event?.position.commit ?? 0n) < from.commit) continue;
          if (drop && sent === dropAfter) throw new Error('14 UNAVAILABLE: connection dropped');
          sent += 1;
          yield entry;
        }
        while (!ended) await new Promise((done) => setTimeout(done, 5));
      },
    };
  };
  return { source, opened };
};

const waitFor = async (condition: () => boolean): Promise<void> => {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 400) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 5));
  }
};

describe('following $all with a catch-up subscription', () => {
  it('delivers our events after the checkpoint once each, in order, in batches, and resubscribes after a drop', async () => {
    const server = fakeServer(5);
    const seen: bigint[][] = [];
    const subscription = followAll(
      server.source,
      10n,
      async (batch: StoredEvent[]) => {
        seen.push(batch.map((event) => event.position));
      },
      { batchSize: 2, prefixes: ['case-'], log: () => undefined, retryDelayMs: () => 1, onError: () => undefined },
    );
    await waitFor(() => seen.flat().length === 5);
    await subscription.stop();
    expect(seen.flat()).toEqual([20n, 30n, 40n, 50n, 60n]);
    expect(seen.every((batch) => batch.length <= 2)).toBe(true);
    expect(server.opened.length).toBe(2);
    expect(server.opened[1]).toEqual({ commit: 30n, prepare: 30n });
  });

  it('awaits each batch, and tries a failed batch again rather than skipping it', async () => {
    const server = fakeServer(100);
    let handling = 0;
    let overlapped = false;
    let failedOnce = false;
    const handled: bigint[] = [];
    const subscription = followAll(
      server.source,
      0n,
      async (batch) => {
        handling += 1;
        if (handling > 1) overlapped = true;
        await new Promise((done) => setTimeout(done, 5));
        handling -= 1;
        if (!failedOnce && batch.some((event) => event.position === 30n)) {
          failedOnce = true;
          throw new Error('the read model is down');
        }
        handled.push(...batch.map((event) => event.position));
      },
      { batchSize: 1, prefixes: ['case-'], log: () => undefined, retryDelayMs: () => 1, onError: () => undefined },
    );
    await waitFor(() => handled.length === 6);
    await subscription.stop();
    expect(overlapped).toBe(false);
    expect(handled).toEqual([10n, 20n, 30n, 40n, 50n, 60n]);
  });
});
