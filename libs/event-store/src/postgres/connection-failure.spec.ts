import { isConnectionFailure } from './connection-failure';

describe('a connection failure', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shut down by its administrator', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server that cannot take connections now', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['any SQLSTATE of class 08', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a connection cut under a query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['one wrapped in a cause', new Error('The event store is unavailable', { cause: new Error('Connection terminated unexpectedly') })],
    ['one wrapped by TypeORM', Object.assign(new Error('Query failed'), { driverError: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })],
    ['one of several attempts', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {})],
  ])('is recognised in %s', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a broken rule of the data', Object.assign(new Error('duplicate key value violates unique constraint "events_id_key"'), { code: '23505' })],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['a wrapped programming error', new Error('projection failed', { cause: new TypeError('x is not a function') })],
    ['something that is not an error', 'ECONNREFUSED'],
  ])('is not seen in %s', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });

  it('stops following causes that loop back on themselves', () => {
    const looped: Error & { cause?: unknown } = new Error('one');
    looped.cause = looped;
    expect(isConnectionFailure(looped)).toBe(false);
  });
});
