import { Injectable } from '@nestjs/common';
import { Organisation } from '@safer-cases/domain';
import { Database } from '../shared/database';
import { Role } from './actor';

export type NewUser = { id: string; username: string; passwordHash: string; role: Role; organisation: Organisation };
export type UserRecord = NewUser & { lockedUntil: Date | null };

type UserRow = { id: string; username: string; password_hash: string; role: Role; organisation: Organisation; locked_until: Date | null };

/** The `users` table: who may sign in, with what role, and the failed sign-ins that lock them out. */
@Injectable()
export class UserStore {
  constructor(private readonly database: Database) {}

  /** False when the username is taken. */
  async insert(user: NewUser): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `insert into users (id, username, password_hash, role, organisation) values ($1, $2, $3, $4, $5)
       on conflict (username) do nothing`,
      [user.id, user.username, user.passwordHash, user.role, user.organisation],
    );
    return rowCount === 1;
  }

  /** Inserts the user only while the table is empty: the first administrator of a new install. */
  async insertFirst(user: NewUser): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `insert into users (id, username, password_hash, role, organisation)
       select $1, $2, $3, $4, $5 where not exists (select 1 from users)
       on conflict (username) do nothing`,
      [user.id, user.username, user.passwordHash, user.role, user.organisation],
    );
    return rowCount === 1;
  }

  async hasUsers(): Promise<boolean> {
    const { rows } = await this.database.pool.query<{ any: boolean }>(`select exists (select 1 from users) as any`);
    return rows[0]?.any === true;
  }

  async find(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.database.pool.query<UserRow>(`select id, username, password_hash, role, organisation, locked_until from users where username = $1`, [username]);
    const row = rows[0];
    return row && { id: row.id, username: row.username, passwordHash: row.password_hash, role: row.role, organisation: row.organisation, lockedUntil: row.locked_until };
  }

  /**
   * Counts a failed sign-in; the `limit`-th in a row locks the account until `lockUntil` and
   * starts the count again. One statement, so racing attempts are all counted.
   */
  async recordFailure(id: string, limit: number, lockUntil: Date): Promise<{ lockedUntil: Date | null }> {
    const { rows } = await this.database.pool.query<{ locked_until: Date | null }>(
      `update users
          set failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end,
              locked_until = case when failed_logins + 1 >= $2 then $3 else locked_until end
        where id = $1
       returning locked_until`,
      [id, limit, lockUntil],
    );
    return { lockedUntil: rows[0]?.locked_until ?? null };
  }

  async recordSuccess(id: string): Promise<void> {
    await this.database.pool.query(`update users set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1`, [id]);
  }
}
