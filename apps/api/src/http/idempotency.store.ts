import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from '../shared/database';

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'in-progress' } | { kind: 'mismatch' };

/** How long an answered key is kept for its retries, and how long a retry waits for the first request in flight. */
export type IdempotencySettings = { keyLifetimeHours: number; waitForFirstMs: number };

export const defaultIdempotencySettings: IdempotencySettings = { keyLifetimeHours: 24, waitForFirstMs: 5000 };
export const IDEMPOTENCY_SETTINGS = Symbol('idempotency settings');

/** `IDEMPOTENCY_KEY_HOURS` (default 24): a key is forgotten that long after its first request. */
export const idempotencySettingsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): IdempotencySettings => {
  const given = env.IDEMPOTENCY_KEY_HOURS;
  if (given === undefined || given === '') return defaultIdempotencySettings;
  const hours = Number(given);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365) {
    throw new Error(`IDEMPOTENCY_KEY_HOURS must be a number of hours above 0 and at most a year (8760), not "${given}"`);
  }
  return { ...defaultIdempotencySettings, keyLifetimeHours: hours };
};

const lockNotAvailable = '55P03';
const purgeEveryMs = 10 * 60_000;

/**
 * Idempotency keys, kept in the command's own transaction. The claim is a row inserted at the
 * start of that transaction and the answer is written to it at the end, so the key commits with
 * the command's events and personal data or not at all: a request that dies leaves no claim
 * behind (its transaction is rolled back), and a committed write always has its first answer
 * stored for the retry whose response was lost. A retry racing the first request waits for it
 * on the row's unique index, then replays its answer.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnApplicationShutdown {
  private purging?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    @Optional() @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings = defaultIdempotencySettings,
  ) {}

  onModuleInit(): void {
    this.purging = setInterval(() => void this.purgeExpired().catch(() => undefined), purgeEveryMs);
    this.purging.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purging);
  }

  /**
   * Claims `key` inside the transaction of `client`. An expired key, or one left claimed but
   * unanswered by an earlier version of this code, is taken over as new.
   */
  async claim(client: PoolClient, key: string, fingerprint: string): Promise<Claim> {
    await client.query(`SET LOCAL lock_timeout = ${Math.round(this.settings.waitForFirstMs)}`);
    let claimed: boolean;
    try {
      const inserted = await client.query(
        `insert into idempotency_keys (key, fingerprint) values ($1, $2)
         on conflict (key) do update set fingerprint = excluded.fingerprint, status = null, body = null, created_at = now()
         where idempotency_keys.status is null or idempotency_keys.created_at < now() - make_interval(secs => $3)
         returning key`,
        [key, fingerprint, this.lifetimeSeconds()],
      );
      claimed = inserted.rowCount === 1;
    } catch (error) {
      if ((error as { code?: string }).code === lockNotAvailable) return { kind: 'in-progress' };
      throw error;
    }
    await client.query('SET LOCAL lock_timeout TO DEFAULT');
    if (claimed) return { kind: 'claimed' };
    const { rows } = await client.query<{ fingerprint: string; status: number; body: unknown }>(`select fingerprint, status, body from idempotency_keys where key = $1`, [key]);
    const existing = rows[0];
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', status: existing.status, body: existing.body };
  }

  /** Records the answer to a claimed key, in the same transaction as the claim. */
  async complete(client: PoolClient, key: string, status: number, body: unknown): Promise<void> {
    await client.query(`update idempotency_keys set status = $2, body = $3 where key = $1`, [key, status, JSON.stringify(body ?? null)]);
  }

  /** Forgets keys past their lifetime; answers how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.database.pool.query(`delete from idempotency_keys where created_at < now() - make_interval(secs => $1)`, [this.lifetimeSeconds()]);
    return rowCount ?? 0;
  }

  private lifetimeSeconds(): number {
    return this.settings.keyLifetimeHours * 3600;
  }
}
