import { Pool } from 'pg';

/** The read/write pool for everything but the event store's own connections. */
export abstract class Database {
  abstract readonly pool: Pool;
}

export class PgDatabase extends Database {
  readonly pool: Pool;
  constructor(url: string) {
    super();
    // A server that cannot be reached answers 503 within seconds, never a request left hanging:
    // a connection that cannot be had in 5 s fails, and TCP keep-alive finds a silent peer.
    this.pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    // An idle connection the server closed (a restart, a shutdown) is replaced on next use.
    this.pool.on('error', (error) => process.stderr.write(`database: idle connection failed: ${error.message}\n`));
  }
}
