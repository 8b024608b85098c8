import { describeEventStoreContract } from '../event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The same contract as the PostgreSQL store, against a running EventStoreDB (for example the
 * one docker-compose.yml starts): `EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm test`.
 * Without it the suite is reported as a todo (not run), never as passed.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', () => EventStoreDbEventStore.connect(connectionString));
} else {
  describe('EventStoreDB event store contract', () => {
    it.todo('not run: set EVENTSTORE_CONNECTION_STRING to a running EventStoreDB to run the contract against it');
  });
}
