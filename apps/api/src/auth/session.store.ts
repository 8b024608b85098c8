import { Injectable } from '@nestjs/common';
import { Database } from '../shared/database';

/**
 * The `sessions` table: one row per sign-in still open. A row is deleted to end its session, so
 * a token whose row is gone is refused; times are the database's, so every instance agrees.
 */
@Injectable()
export class SessionStore {
  constructor(private readonly database: Database) {}

  /** Opens a session for `ttlSeconds`, and clears away every session already over, so the table holds open ones only. */
  async open(id: string, userId: string, ttlSeconds: number): Promise<void> {
    await this.database.pool.query(
      `with over as (delete from sessions where expires_at <= now())
       insert into sessions (id, user_id, expires_at) values ($1, $2, now() + make_interval(secs => $3))`,
      [id, userId, ttlSeconds],
    );
  }

  /** One primary-key lookup: run on every request that carries a token. */
  async isOpen(id: string, userId: string): Promise<boolean> {
    const { rows } = await this.database.pool.query<{ open: boolean }>(`select exists (select 1 from sessions where id = $1 and user_id = $2 and expires_at > now()) as open`, [
      id,
      userId,
    ]);
    return rows[0]?.open === true;
  }

  /** Keeps an open session for another `ttlSeconds` from now; false when it has ended meanwhile. */
  async extend(id: string, ttlSeconds: number): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(`update sessions set expires_at = now() + make_interval(secs => $2) where id = $1 and expires_at > now()`, [
      id,
      ttlSeconds,
    ]);
    return rowCount === 1;
  }

  async close(id: string): Promise<void> {
    await this.database.pool.query(`delete from sessions where id = $1`, [id]);
  }

  /** Ends every session of the user, on every device: for when their access must stop now. */
  async closeAllOf(userId: string): Promise<number> {
    const { rowCount } = await this.database.pool.query(`delete from sessions where user_id = $1`, [userId]);
    return rowCount ?? 0;
  }
}
