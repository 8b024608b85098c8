import { EventStore, StoredEvent, Subscription } from '@safer-cases/event-store';
import { Pool, PoolClient } from 'pg';
import { lockProjections, lowest, readCheckpoints, writeCheckpoints } from './checkpoints';
import { applyIsolated, BatchAbandoned, Isolated, IsolationPolicy } from './isolation';
import { describeError, failureOf, nameOf, ProjectionFailure, readFailures, recordFailure } from './projection-failures';
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
  /**
   * Wait after a failed batch, or between two tries of one failing event, doubling from `minMs`
   * up to `maxMs` while it keeps failing.
   */
  retry?: { minMs: number; maxMs: number };
  /** Times one event is tried, in all, before its read model stops at it (5 unless set). */
  attemptsPerEvent?: number;
  /** How often a runner with a stopped read model looks whether an operator retried or skipped it. */
  watchStoppedMs?: number;
};

/** The last error the runner met, for /health: when, and what it said (never an event's data). */
export type RunnerError = { at: Date; message: string };

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
    super(`projection ${projection} failed: ${describeError(cause)}`, { cause });
    this.name = 'ProjectionFailed';
  }
}

/**
 * Follows the store's global order from the projections' stored checkpoints and applies each
 * batch to every projection, advancing their checkpoints in the same transaction: a crash at any
 * point leaves rows and checkpoints agreeing, so nothing is lost and nothing counted twice.
 *
 * No one event can stop them all. Each projection's share of a batch goes in a savepoint; when
 * it fails, the event at fault is found and tried a few times (see `applyIsolated`), and then
 * that projection alone stops just before it, recorded in `projection_failures` with the
 * event's position, stream, type and id (never its data) until an operator retries or skips it
 * (`retryProjection`, `skipFailedEvent`); the others carry on. The database's own trouble (a
 * lost connection, a full disk) is no event's fault: that batch is retried, with back-off,
 * until it goes through, and nothing is ever stopped or skipped for it.
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
  private readonly isolation: IsolationPolicy;
  private readonly watchStoppedMs: number;
  private readonly waiters = new Set<Waiter>();
  /** The read models stopped at an event, as the database said at the last look. */
  private stopped = new Map<string, ProjectionFailure>();
  private subscription?: Subscription;
  private restarting: Promise<void> = Promise.resolve();
  private resyncFrom?: bigint;
  private watcher?: NodeJS.Timeout;
  private watching = false;
  private applied = 0n;
  /** The position the current subscription has delivered up to: the last batch's end. */
  private after = 0n;
  private started = false;
  private stopping = false;
  private lastError?: RunnerError;
  private wake = (): void => undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.names = options.projections.map((projection) => projection.name);
    const duplicate = this.names.find((name, index) => this.names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`Two projections are named ${duplicate}; each needs its own checkpoint`);
    this.handled = new Map(options.projections.map((projection) => [projection.name, new Set(projection.handles)]));
    this.batchSize = options.batchSize ?? 5000;
    this.log = options.log ?? stderrLog;
    this.retry = options.retry ?? { minMs: 100, maxMs: 10_000 };
    this.watchStoppedMs = options.watchStoppedMs ?? 1000;
    this.isolation = {
      attempts: options.attemptsPerEvent ?? 5,
      retry: this.retry,
      pause: (ms) => this.pause(ms),
      abandoned: () => this.stopping,
      log: (message) => this.noteError(message),
    };
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('The projection runner has already been started');
    this.started = true;
    const checkpoints = await readCheckpoints(this.options.pool, this.names);
    this.noteStopped(await readFailures(this.options.pool, this.names));
    const running = this.running().map((projection) => checkpoints.get(projection.name) ?? 0n);
    const from = running.length === 0 ? await this.options.store.headPosition() : lowest(running);
    this.applied = from;
    this.log.log(`following the event store from position ${from} for ${this.names.join(', ') || 'no projections'}`);
    this.follow(from);
  }

  /** The position every running projection has applied (a stopped one waits for an operator, and is on /health). */
  position(): bigint {
    return this.applied;
  }

  /** The last error met, if any: a failed batch, a failing event, a projection stopped. */
  lastFailure(): RunnerError | undefined {
    return this.lastError;
  }

  /** True once every running projection has applied `position`; false when `timeoutMs` passes first. */
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
    this.watchStopped();
    this.wake();
    await this.restarting;
    await this.subscription?.stop();
    for (const waiter of [...this.waiters]) waiter.done(false);
  }

  private running(): Projection[] {
    return this.options.projections.filter((projection) => !this.stopped.has(projection.name));
  }

  private follow(from: bigint): void {
    this.after = from;
    this.resyncFrom = undefined;
    this.subscription = this.options.store.subscribe(from, (batch) => this.handle(batch), { batchSize: this.batchSize });
  }

  private async handle(batch: StoredEvent[]): Promise<void> {
    for (let attempt = 1; !this.stopping && this.resyncFrom === undefined; attempt++) {
      try {
        await this.applyBatch(batch);
        return;
      } catch (error) {
        if (error instanceof BatchAbandoned) return;
        const delay = Math.min(this.retry.minMs * 2 ** (attempt - 1), this.retry.maxMs);
        const range = `${batch[0].position}–${batch[batch.length - 1].position}`;
        this.noteError(`events ${range} not applied (attempt ${attempt}): ${describeError(error)}; retrying in ${delay} ms`);
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
      this.noteStopped(await readFailures(client, this.names));
      const checkpointOf = (name: string): bigint => stored.get(name) ?? 0n;
      const behind = this.running().find((projection) => checkpointOf(projection.name) < this.after);
      if (behind !== undefined) {
        await client.query('ROLLBACK');
        this.resync(
          `the checkpoint of ${behind.name} is at ${checkpointOf(behind.name)}, behind this runner (moved back, or the read model runs again)`,
          checkpointOf(behind.name),
        );
        return;
      }
      const reached = new Map<string, bigint>();
      const stoppedNow: ProjectionFailure[] = [];
      for (const projection of this.running()) {
        const outcome = await this.applyTo(projection, batch, checkpointOf(projection.name), client);
        reached.set(projection.name, outcome.reached);
        if (outcome.stopped) stoppedNow.push(outcome.stopped);
      }
      for (const [position, names] of groupByPosition(reached, checkpointOf)) await writeCheckpoints(client, names, position);
      await client.query('COMMIT');
      for (const failure of stoppedNow) this.noteStoppedHere(failure);
      this.after = last;
      const applied = this.running().map((projection) => maxOf(checkpointOf(projection.name), reached.get(projection.name) ?? last));
      this.advance(applied.length === 0 ? last : lowest(applied));
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

  /**
   * Applies the projection's share of the batch: answers the position it reached, the batch's
   * end unless it stopped at an event, which is then recorded in the same transaction.
   */
  private async applyTo(projection: Projection, batch: readonly StoredEvent[], checkpoint: bigint, client: PoolClient): Promise<{ reached: bigint; stopped?: ProjectionFailure }> {
    const handled = this.handled.get(projection.name) ?? new Set<string>();
    const events = batch.filter((event) => event.position > checkpoint && handled.has(event.type));
    let outcome: Isolated;
    try {
      outcome = await applyIsolated(projection, events, client, { table: liveTables, streams: this.options.store }, this.isolation);
    } catch (error) {
      throw error instanceof BatchAbandoned ? error : new ProjectionFailed(projection.name, error);
    }
    if (outcome.kind === 'applied') return { reached: batch[batch.length - 1].position };
    const stopped = failureOf(projection.name, outcome);
    await recordFailure(client, projection.name, outcome.event, stopped.error, stopped.attempts);
    return { reached: outcome.event.position - 1n, stopped };
  }

  private noteStoppedHere(failure: ProjectionFailure): void {
    const { projection, position, attempts, error } = failure;
    this.stopped.set(projection, failure);
    this.noteError(
      `projection ${projection} STOPPED at ${nameOf(failure)} after ${attempts} attempts: ${error}. ` +
        `The other read models carry on. See npm run projections:failures; after a fix, npm run projections:retry -- ${projection}, ` +
        `or npm run projections:skip -- ${projection} ${position} --by <you> --reason <why>`,
    );
    this.watchStopped();
  }

  /** Takes in what the database says is stopped; a read model an operator retried or skipped runs again. */
  private noteStopped(stopped: Map<string, ProjectionFailure>): void {
    for (const [name, failure] of stopped) {
      if (!this.stopped.has(name)) this.log.error(`projection ${name} is stopped at ${nameOf(failure)}: ${failure.error}`);
    }
    for (const name of this.stopped.keys()) {
      if (!stopped.has(name)) this.log.log(`projection ${name} was retried or its event skipped; it carries on from its checkpoint`);
    }
    this.stopped = stopped;
    this.watchStopped();
  }

  /**
   * While a read model is stopped, looks every so often whether an operator has retried it or
   * skipped its event: with no new events there is no batch to notice it by.
   */
  private watchStopped(): void {
    const needed = this.stopped.size > 0 && !this.stopping;
    if (!needed && this.watcher) {
      clearInterval(this.watcher);
      this.watcher = undefined;
    } else if (needed && !this.watcher) {
      this.watcher = setInterval(() => void this.lookAtStopped(), this.watchStoppedMs);
      this.watcher.unref();
    }
  }

  private async lookAtStopped(): Promise<void> {
    if (this.watching || this.stopping) return;
    this.watching = true;
    try {
      const stillStopped = await readFailures(this.options.pool, [...this.stopped.keys()]);
      const resumed = [...this.stopped.keys()].filter((name) => !stillStopped.has(name));
      if (resumed.length === 0) return;
      const checkpoints = await readCheckpoints(this.options.pool, resumed);
      for (const name of resumed) {
        this.stopped.delete(name);
        this.log.log(`projection ${name} was retried or its event skipped; it carries on from its checkpoint`);
      }
      this.watchStopped();
      const from = lowest(resumed.map((name) => checkpoints.get(name) ?? 0n));
      if (from < this.after) this.resync(`${resumed.join(', ')} may run again`, from);
    } catch {
      // The database is away: the batches and the subscription say so already; look again next time.
    } finally {
      this.watching = false;
    }
  }

  /** Follows the store again from `from`; asked twice before it happens, it follows from the lower. */
  private resync(why: string, from: bigint): void {
    if (this.stopping) return;
    this.log.log(`${why}; following again from position ${from}`);
    if (this.resyncFrom !== undefined) {
      if (from < this.resyncFrom) this.resyncFrom = from;
      return;
    }
    this.resyncFrom = from;
    if (from < this.applied) this.applied = from;
    this.wake();
    const previous = this.subscription;
    this.restarting = (async () => {
      await previous?.stop();
      if (!this.stopping && this.resyncFrom !== undefined) this.follow(this.resyncFrom);
    })();
  }

  private noteError(message: string): void {
    this.lastError = { at: new Date(), message };
    this.log.error(message);
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

const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The checkpoints to write, one statement per position: those that moved forward. */
const groupByPosition = (reached: Map<string, bigint>, checkpointOf: (name: string) => bigint): Map<bigint, string[]> => {
  const groups = new Map<bigint, string[]>();
  for (const [name, position] of reached) if (position > checkpointOf(name)) groups.set(position, [...(groups.get(position) ?? []), name]);
  return groups;
};
