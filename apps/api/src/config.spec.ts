import { configFromEnvironment } from './config';

describe('configuration from the environment', () => {
  it('keeps events in PostgreSQL unless told otherwise', () => {
    expect(configFromEnvironment({}).eventStore).toEqual({ kind: 'postgres' });
  });

  it('chooses EventStoreDB with its connection string', () => {
    expect(configFromEnvironment({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://eventstoredb:2113?tls=false' }).eventStore).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://eventstoredb:2113?tls=false',
    });
  });

  it('refuses to start with EventStoreDB but no connection string, or with another store', () => {
    expect(() => configFromEnvironment({ EVENT_STORE: 'eventstoredb' })).toThrow(/needs EVENTSTORE_CONNECTION_STRING/);
    expect(() => configFromEnvironment({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' })).toThrow(/esdb:\/\//);
    expect(() => configFromEnvironment({ EVENT_STORE: 'mongodb' })).toThrow(/must be "postgres" or "eventstoredb"/);
  });
});
