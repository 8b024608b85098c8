import { TransactionScope } from '@safer-cases/event-store';
import type { Queryable } from '@safer-cases/projections';
import type { Pool } from 'pg';
import { inTransaction } from '../people/in-transaction';

/**
 * Runs an account change and its audit entry together: in the command's own transaction when
 * there is one (every API write and every page command runs in one), otherwise in a new one.
 * Everything the change writes must go through `client`: a statement on the pool touching the
 * same rows would wait for a transaction that waits for it.
 */
export const inAccountTransaction = async <T>(pool: Pool, work: (client: Queryable) => Promise<T>): Promise<T> => {
  const scope = TransactionScope.current();
  return scope ? work(await scope.transaction()) : inTransaction(pool, work);
};
