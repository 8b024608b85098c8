import { describeEventStoreContract } from '../event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The same contract as the PostgreSQL store, against a running KurrentDB 25.1 or later (for
 * example the one docker-compose.yml starts):
 * `EVENTSTORE_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npm test -- eventstoredb-event-store.int-spec`.
 * The contract's streams are `contract-<id>`, so they are the streams followed here. Without a
 * server the suite is reported as a todo (not run), never as passed.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', () => EventStoreDbEventStore.connect(connectionString, { streamPrefixes: ['contract-'] }));
} else {
  describe('EventStoreDB event store contract', () => {
    it.todo('not run: set EVENTSTORE_CONNECTION_STRING to a running KurrentDB 25.1 or later to run the contract against it');
  });
}
