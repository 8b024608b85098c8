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

  it('trusts no proxy unless TRUST_PROXY says so', () => {
    expect(configFromEnvironment({}).trustProxy).toBe(false);
    expect(configFromEnvironment({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(configFromEnvironment({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it.each([
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8, 192.168.1.7', ['loopback', '10.0.0.0/8', '192.168.1.7']],
    ['uniquelocal,linklocal', ['uniquelocal', 'linklocal']],
    ['fd00::/8, ::1', ['fd00::/8', '::1']],
    ['10.1.0.0/255.255.0.0', ['10.1.0.0/255.255.0.0']],
  ])('takes TRUST_PROXY=%s as express does', (value, expected) => {
    expect(configFromEnvironment({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '-1', '1.5', 'loopback,nonsense', '10.0.0.0/33', '10.0.0.0/0', '10.0.0.0/255.0.255.0', 'fd00::/ffff::', '300.1.1.1', '10.0.0.1,,10.0.0.2'])(
    'refuses to start with TRUST_PROXY=%s, saying what it takes',
    (value) => {
      expect(() => configFromEnvironment({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be true, false, a number of proxies .* is none of these$/);
    },
  );
});
