import { Pool } from 'pg';

/** The read/write pool for everything but the event store's own connections. */
export abstract class Database {
  abstract readonly pool: Pool;
}

export class PgDatabase extends Database {
  readonly pool: Pool;
  constructor(url: string) {
    super();
    this.pool = new Pool({ connectionString: url, max: 10 });
  }
}
