import { Injectable } from '@nestjs/common';
import { Database } from '../shared/database';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

@Injectable()
export class IdempotencyStore {
  constructor(private readonly database: Database) {}

  async claim(key: string, fingerprint: string): Promise<Claim> {
    const inserted = await this.database.pool.query(
      `insert into idempotency_keys (key, fingerprint) values ($1, $2) on conflict (key) do nothing returning key`,
      [key, fingerprint],
    );
    if (inserted.rowCount === 1) return { kind: 'claimed' };
    const { rows } = await this.database.pool.query<{ fingerprint: string; status: number | null; body: unknown }>(
      `select fingerprint, status, body from idempotency_keys where key = $1`,
      [key],
    );
    const existing = rows[0];
    if (!existing) return this.claim(key, fingerprint);
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.status === null) return { kind: 'in-progress' };
    return { kind: 'replay', status: existing.status, body: existing.body };
  }

  async complete(key: string, status: number, body: unknown): Promise<void> {
    await this.database.pool.query(`update idempotency_keys set status = $2, body = $3 where key = $1`, [key, status, JSON.stringify(body ?? null)]);
  }

  async release(key: string): Promise<void> {
    await this.database.pool.query(`delete from idempotency_keys where key = $1 and status is null`, [key]);
  }
}
