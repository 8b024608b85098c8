import { EventStore, StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';

/**
 * Maps a projection's logical table name to the physical one it writes now: the live table in
 * normal running, a fresh shadow table during a rebuild (swapped in at the end).
 */
export type TableName = (logical: string) => string;

/**
 * What a read model may read of the store besides its batch: a stream, so that a case whose entry
 * is struck out can be folded again from what stands (see struck-entries.ts).
 */
export type StreamReader = Pick<EventStore, 'readStream'>;

/**
 * A read model: a name, the tables it owns, the event types it handles, and `apply`, which
 * writes the effect of a batch of events (in global order) with SQL inside the runner's
 * transaction, the same transaction that advances the checkpoint. `apply` must be correct for
 * any batch size, including one event, and should touch the database a bounded number of times
 * per batch (not per event) so that a rebuild runs at tens of thousands of events a second.
 *
 * This is what the runner and the rebuild drive. The read models themselves are declared as row
 * tables and applied by the one row engine (`RowProjection`, row-projection.ts), which keeps those
 * promises for them; a hand-written `apply` is for the tests' tallies.
 */
export interface Projection {
  readonly name: string;
  /** Logical table names this projection owns; created by migrations. */
  readonly tables: readonly string[];
  readonly handles: readonly string[];
  apply(events: readonly StoredEvent[], client: PoolClient, table: TableName, streams: StreamReader): Promise<void>;
}

export const liveTables: TableName = (logical) => logical;
