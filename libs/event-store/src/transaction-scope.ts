import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';

/** Where a command's statements go: its own transaction once one is open, otherwise the pool. */
export type SqlRunner = { query<Row extends QueryResultRow = QueryResultRow>(config: QueryConfig | string, values?: unknown[]): Promise<QueryResult<Row>> };

/**
 * Begins a command transaction bounded so that none holds back the event store's readers for
 * long: one simple query of three statements, so one round trip rather than three.
 */
const beginBounded = 'BEGIN; SET LOCAL idle_in_transaction_session_timeout = 10000; SET LOCAL transaction_timeout = 10000';

/**
 * One command, one transaction. Everything a command writes to PostgreSQL — its events (on the
 * PostgreSQL store), the personal data it names and its idempotency record — goes through the
 * transaction of the scope it runs in, which commits when the command has answered and rolls
 * back if it throws, so a crash at any point leaves all of it or none of it.
 *
 * The transaction opens on first use, so a command that writes nothing takes no connection for
 * its reads. Writers join it through `TransactionScope.current()`, carried by AsyncLocalStorage
 * across every await of the command, so no signature in between has to pass it on.
 */
export class TransactionScope {
  private static readonly storage = new AsyncLocalStorage<TransactionScope>();
  private client?: PoolClient;
  private opening?: Promise<PoolClient>;
  private broken?: Error;
  private savepoints = 0;
  /** Savepoint sections run one after another: two interleaved on one connection would undo each other. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pool: Pool) {}

  /** The scope of the command running now, if any. */
  static current(): TransactionScope | undefined {
    return TransactionScope.storage.getStore();
  }

  /** Runs `work` in a new scope: committed if it returns and anything was written, rolled back if it throws. */
  static async run<T>(pool: Pool, work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const scope = new TransactionScope(pool);
    let result: T;
    try {
      result = await TransactionScope.storage.run(scope, () => work(scope));
    } catch (error) {
      await scope.finish('ROLLBACK');
      throw error;
    }
    await scope.finish('COMMIT');
    return result;
  }

  /** True once the transaction has begun: a read through `runner()` then sees this command's own writes. */
  get open(): boolean {
    return this.client !== undefined;
  }

  /** The transaction's connection, begun on first call. */
  async transaction(): Promise<PoolClient> {
    if (this.client) return this.client;
    this.opening ??= this.begin();
    return this.opening;
  }

  /** The open transaction when there is one, the pool otherwise: for reads that must see this command's writes. */
  runner(): SqlRunner {
    return (this.client ?? this.pool) as SqlRunner;
  }

  /**
   * Runs `work` inside the transaction under a savepoint: a statement that fails (a revision
   * clash, a unique key) undoes only its own part, and the command may try again or answer.
   */
  savepoint<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const section = this.queue.then(() => this.underSavepoint(work));
    this.queue = section.catch(() => undefined);
    return section;
  }

  private async underSavepoint<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.transaction();
    const name = `command_step_${++this.savepoints}`;
    await client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(client);
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch((failure: Error) => {
        this.broken = failure;
      });
      throw error;
    }
  }

  private async begin(): Promise<PoolClient> {
    const client = await this.pool.connect();
    client.on('error', this.remember);
    try {
      await client.query(beginBounded);
    } catch (error) {
      client.off('error', this.remember);
      client.release(error as Error);
      this.opening = undefined;
      throw error;
    }
    this.client = client;
    return client;
  }

  private readonly remember = (error: Error): void => {
    this.broken = error;
  };

  private async finish(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const client = this.client ?? (await this.opening?.catch(() => undefined));
    if (!client) return;
    this.client = undefined;
    this.opening = undefined;
    try {
      await client.query(statement);
    } catch (error) {
      this.broken ??= error as Error;
      if (statement === 'COMMIT') throw error;
    } finally {
      client.off('error', this.remember);
      client.release(this.broken);
    }
  }
}
