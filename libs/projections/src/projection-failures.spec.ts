import { EventStoreUnavailable } from '@safer-cases/event-store';
import { isDatabaseTrouble } from './isolation';
import { describeError } from './projection-failures';

const pgError = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('what is said of a failing event', () => {
  it('keeps PostgreSQL’s names and its code, and blanks the values it quotes, which come from the event', () => {
    expect(describeError(pgError('invalid input syntax for type uuid: "Jane Doe"', '22P02'))).toBe('invalid input syntax for type uuid: "…" [22P02]');
    expect(describeError(pgError('duplicate key value violates unique constraint "case_summaries_pkey"', '23505'))).toBe(
      'duplicate key value violates unique constraint "case_summaries_pkey" [23505]',
    );
    expect(describeError(new SyntaxError('Cannot convert 12 Acacia Avenue to a BigInt'))).toBe('Cannot convert a value to a BigInt');
  });

  it('says what the cause said too, once', () => {
    expect(describeError(new Error('projection case-facts failed', { cause: pgError('division by zero', '22012') }))).toBe(
      'projection case-facts failed (division by zero [22012])',
    );
  });
});

describe('the database’s own trouble', () => {
  it.each([
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a full disk', pgError('could not extend file', '53100')],
    ['a deadlock', pgError('deadlock detected', '40P01')],
    ['a shutdown, wrapped', new Error('projection failed', { cause: pgError('terminating connection due to administrator command', '57P01') })],
    ['the event store out of reach while a strike reads its case', new EventStoreUnavailable(new Error('14 UNAVAILABLE: No connection established'))],
  ])('is %s, which never stops a read model', (_name, error) => {
    expect(isDatabaseTrouble(error)).toBe(true);
  });

  it.each([
    ['bad data', pgError('date/time field value out of range', '22008')],
    ['a statement too slow every time', pgError('canceling statement due to statement timeout', '57014')],
    ['a bug', new TypeError('x is not iterable')],
  ])('is not %s, which is the event’s', (_name, error) => {
    expect(isDatabaseTrouble(error)).toBe(false);
  });
});
