import { ClientBase } from 'pg';

/** Where a statement runs: the pool, or the one client a transaction holds. */
export type Queryable = Pick<ClientBase, 'query'>;
