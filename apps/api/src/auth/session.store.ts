import { Injectable } from '@nestjs/common';
import type { Queryable } from '@safer-cases/projections';
import { Database } from '../shared/database';

/**
 * The `sessions` table: one row per sign-in still open. A row is deleted to end its session, so
 * a token whose row is gone is refused; times are the database's, so every instance agrees.
 */
@Injectable()
export class SessionStore {
  constructor(private readonly database: Database) {}

  /** Opens a session for `ttlSeconds`, and clears away every session already over, so the table holds open ones only. */
  async open(id: string, userId: string, ttlSeconds: number, client: Queryable = this.database.pool): Promise<void> {
    await client.query(
      `with over as (delete from sessions where expires_at <= now())
       insert into sessions (id, user_id, expires_at) values ($1, $2, now() + make_interval(secs => $3))`,
      [id, userId, ttlSeconds],
    );
  }

  /**
   * One statement, run on every request that carries a token: the session's row joined to its
   * user's (two primary-key lookups in one round trip), open only while the session lasts and its
   * user is neither disabled nor waiting to choose a new password. Disabling a user or
   * resetting their password ends their sessions too; this also refuses one a sign-in racing
   * with that opened just after.
   */
  async isOpen(id: string, userId: string): Promise<boolean> {
    const { rows } = await this.database.pool.query<{ open: boolean }>(
      `select exists (
         select 1 from sessions join users on users.id = sessions.user_id
          where sessions.id = $1 and sessions.user_id = $2 and sessions.expires_at > now() and users.disabled_at is null and not users.must_change_password
       ) as open`,
      [id, userId],
    );
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

  /** Ends every session of the user, on every device: for when their access must stop now (in `client`'s transaction when given). */
  async closeAllOf(userId: string, client: Queryable = this.database.pool): Promise<number> {
    const { rowCount } = await client.query(`delete from sessions where user_id = $1`, [userId]);
    return rowCount ?? 0;
  }
}
