import { EventStore, StoredEvent, Subscription } from '@safer-cases/event-store';
import { Pool, PoolClient } from 'pg';
import { lockProjections, lowest, readCheckpoints, writeCheckpoints } from './checkpoints';
import { liveTables, Projection } from './projection';

export type RunnerLog = { log: (message: string) => void; error: (message: string) => void };

export type ProjectionRunnerOptions = {
  /** Connections for the read models' transactions; the event store reads through its own. */
  pool: Pool;
  store: EventStore;
  projections: readonly Projection[];
  /** Most events per batch: a catching-up runner takes full batches, a live one what has arrived. */
  batchSize?: number;
  log?: RunnerLog;
  /** Wait after a failed batch, doubling from `minMs` up to `maxMs` while it keeps failing. */
  retry?: { minMs: number; maxMs: number };
};

type Waiter = { position: bigint; done: (reached: boolean) => void };

const stderrLog: RunnerLog = {
  log: (message) => process.stderr.write(`projections: ${message}\n`),
  error: (message) => process.stderr.write(`projections: ${message}\n`),
};

/** A projection's own failure, named so that the log says which read model is stuck. */
export class ProjectionFailed extends Error {
  constructor(
    readonly projection: string,
    cause: unknown,
  ) {
    super(`projection ${projection} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ProjectionFailed';
  }
}

/**
 * Follows the store's global order from the projections' stored checkpoints and applies each
 * batch to every projection, advancing their checkpoints in the same transaction: a crash at any
 * point leaves rows and checkpoints agreeing, so nothing is lost and nothing counted twice. A
 * batch that fails is retried, with back-off, until it goes through; it is never skipped.
 *
 * Events at or below a projection's stored checkpoint are not applied to it again, so a second
 * runner on the same database, or a rebuild that swapped in tables ahead of this runner, is
 * harmless. A checkpoint moved back behind the runner makes it follow again from there.
 */
export class ProjectionRunner {
  private readonly names: string[];
  private readonly handled: Map<string, Set<string>>;
  private readonly batchSize: number;
  private readonly log: RunnerLog;
  private readonly retry: { minMs: number; maxMs: number };
  private readonly waiters = new Set<Waiter>();
  private subscription?: Subscription;
  private restarting: Promise<void> = Promise.resolve();
  private applied = 0n;
  /** The position the current subscription has delivered up to: the last batch's end. */
  private after = 0n;
  private started = false;
  private stopping = false;
  private resyncing = false;
  private wake = (): void => undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.names = options.projections.map((projection) => projection.name);
    const duplicate = this.names.find((name, index) => this.names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`Two projections are named ${duplicate}; each needs its own checkpoint`);
    this.handled = new Map(options.projections.map((projection) => [projection.name, new Set(projection.handles)]));
    this.batchSize = options.batchSize ?? 5000;
    this.log = options.log ?? stderrLog;
    this.retry = options.retry ?? { minMs: 100, maxMs: 10_000 };
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('The projection runner has already been started');
    this.started = true;
    const checkpoints = await readCheckpoints(this.options.pool, this.names);
    const from = this.names.length === 0 ? await this.options.store.headPosition() : lowest(this.names.map((name) => checkpoints.get(name) ?? 0n));
    this.applied = from;
    this.log.log(`following the event store from position ${from} for ${this.names.join(', ') || 'no projections'}`);
    this.follow(from);
  }

  /** The position every projection has applied (all events at or below it are in the tables). */
  position(): bigint {
    return this.applied;
  }

  /** True once every projection has applied `position`; false when `timeoutMs` passes first. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    if (this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        done: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Finishes or abandons the batch in hand (an abandoned one is rolled back) and stops following. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.restarting;
    await this.subscription?.stop();
    for (const waiter of [...this.waiters]) waiter.done(false);
  }

  private follow(from: bigint): void {
    this.after = from;
    this.resyncing = false;
    this.subscription = this.options.store.subscribe(from, (batch) => this.handle(batch), { batchSize: this.batchSize });
  }

  private async handle(batch: StoredEvent[]): Promise<void> {
    for (let attempt = 1; !this.stopping && !this.resyncing; attempt++) {
      try {
        await this.applyBatch(batch);
        return;
      } catch (error) {
        const delay = Math.min(this.retry.minMs * 2 ** (attempt - 1), this.retry.maxMs);
        const range = `${batch[0].position}–${batch[batch.length - 1].position}`;
        this.log.error(`events ${range} not applied (attempt ${attempt}): ${explain(error)}; retrying in ${delay} ms`);
        await this.pause(delay);
      }
    }
  }

  private async applyBatch(batch: readonly StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await lockProjections(client);
      const stored = await readCheckpoints(client, this.names);
      const checkpointOf = (name: string): bigint => stored.get(name) ?? 0n;
      const behind = this.names.find((name) => checkpointOf(name) < this.after);
      if (behind !== undefined) {
        await client.query('ROLLBACK');
        this.resync(behind, checkpointOf(behind));
        return;
      }
      for (const projection of this.options.projections) await this.applyTo(projection, batch, checkpointOf(projection.name), client);
      await writeCheckpoints(
        client,
        this.names.filter((name) => checkpointOf(name) < last),
        last,
      );
      await client.query('COMMIT');
      this.after = last;
      this.advance(this.names.length === 0 ? last : lowest(this.names.map((name) => (checkpointOf(name) > last ? checkpointOf(name) : last))));
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackFailure: Error) => {
        broken = broken ?? rollbackFailure;
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  private async applyTo(projection: Projection, batch: readonly StoredEvent[], checkpoint: bigint, client: PoolClient): Promise<void> {
    const handled = this.handled.get(projection.name) ?? new Set<string>();
    const events = batch.filter((event) => event.position > checkpoint && handled.has(event.type));
    if (events.length === 0) return;
    try {
      await projection.apply(events, client, liveTables);
    } catch (error) {
      throw new ProjectionFailed(projection.name, error);
    }
  }

  private resync(name: string, from: bigint): void {
    this.resyncing = true;
    this.applied = from;
    this.log.log(`the checkpoint of ${name} moved back to ${from}; following again from there`);
    const previous = this.subscription;
    this.restarting = (async () => {
      await previous?.stop();
      if (!this.stopping) this.follow(from);
    })();
  }

  private advance(position: bigint): void {
    this.applied = position;
    for (const waiter of [...this.waiters]) if (waiter.position <= position) waiter.done(true);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
}

const explain = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
};
