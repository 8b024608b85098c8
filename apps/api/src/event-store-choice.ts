import { EventStore } from '@safer-cases/event-store';
import { EventStoreDbEventStore } from '@safer-cases/event-store/eventstoredb';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';
import { EventStoreChoice } from './config';

/**
 * The event store chosen by EVENT_STORE: PostgreSQL at `databaseUrl`, or EventStoreDB. On
 * PostgreSQL a command's events join the command's transaction (with its personal data and
 * idempotency record, in the same database); EventStoreDB has no transaction to join, so there
 * the events are appended while that transaction is open and it commits right after.
 */
export const connectEventStore = (choice: EventStoreChoice, databaseUrl: string, pool?: { max: number }): Promise<EventStore> =>
  choice.kind === 'eventstoredb' ? EventStoreDbEventStore.connect(choice.connectionString) : PostgresEventStore.connect(databaseUrl, { ...pool, joinTransactionScope: true });
