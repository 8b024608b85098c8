/**
 * How the embedded PostgreSQL is doing, for /health, in a process that runs one (no DATABASE_URL).
 * Its supervisor restarts it when it dies; while it is restarting or has given up, /health
 * answers 503 saying so. Whoever starts the server provides this (`{ provide:
 * EmbeddedDatabaseStatus, useValue: { status: embedded.status } }`); without it, as with an
 * external database, /health leaves the part out.
 */
export abstract class EmbeddedDatabaseStatus {
  /** `lastError`: start-up and exit messages only, never data. */
  abstract status(): { state: 'up' | 'restarting' | 'down'; lastError?: string };
}
