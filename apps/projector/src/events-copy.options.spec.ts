import { copyOptionsOf } from './events-copy.options';

const env = { DATABASE_URL: 'postgres://localhost/safer', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' };

describe('events:copy options', () => {
  it('takes the stores’ addresses from the environment unless given, and keeps a checkpoint per direction under DATA_DIR', () => {
    expect(copyOptionsOf(['--from', 'postgres', '--to', 'eventstoredb'], env, '/data')).toEqual({
      from: { kind: 'postgres', url: 'postgres://localhost/safer' },
      to: { kind: 'eventstoredb', url: 'esdb://localhost:2113?tls=false' },
      batchSize: 1000,
      checkpointFile: '/data/events-copy-postgres-to-eventstoredb.checkpoint',
    });
    expect(copyOptionsOf(['--from', 'eventstoredb', '--to', 'postgres', '--to-url', 'postgres://other/db', '--batch-size', '50'], env, '/data')).toMatchObject({
      to: { kind: 'postgres', url: 'postgres://other/db' },
      batchSize: 50,
    });
  });

  it('lets the PostgreSQL side be the embedded one (no address) when the other is EventStoreDB', () => {
    expect(copyOptionsOf(['--from', 'postgres', '--to', 'eventstoredb'], { EVENTSTORE_CONNECTION_STRING: env.EVENTSTORE_CONNECTION_STRING }, '/data').from).toEqual({
      kind: 'postgres',
      url: undefined,
    });
  });

  it('says what is wrong with the command line', () => {
    expect(() => copyOptionsOf(['--from', 'mysql', '--to', 'postgres'], env, '/data')).toThrow(/must each be postgres or eventstoredb/);
    expect(() => copyOptionsOf(['--from', 'postgres', '--to', 'eventstoredb'], { DATABASE_URL: env.DATABASE_URL }, '/data')).toThrow(
      /needs --to-url or EVENTSTORE_CONNECTION_STRING/,
    );
    expect(() => copyOptionsOf(['--from', 'postgres', '--to', 'postgres'], env, '/data')).toThrow(/same store/);
    expect(() => copyOptionsOf(['--from', 'postgres', '--to', 'eventstoredb', '--batch-size', '0'], env, '/data')).toThrow(/--batch-size/);
    expect(() => copyOptionsOf(['--from', 'postgres', '--to', 'eventstoredb', '--force'], env, '/data')).toThrow();
  });
});
