import { EventStore } from '@safer-cases/event-store';
import { EventStoreDbEventStore } from '@safer-cases/event-store/eventstoredb';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';
import { EventStoreChoice } from './config';

/** The event store chosen by EVENT_STORE: PostgreSQL at `databaseUrl`, or EventStoreDB. */
export const connectEventStore = (choice: EventStoreChoice, databaseUrl: string, pool?: { max: number }): Promise<EventStore> =>
  choice.kind === 'eventstoredb' ? EventStoreDbEventStore.connect(choice.connectionString) : PostgresEventStore.connect(databaseUrl, pool);
