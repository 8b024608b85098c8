import { Injectable } from '@nestjs/common';
import { Organisation } from '@safer-cases/domain';
import type { Queryable } from '@safer-cases/projections';
import { Database } from '../shared/database';
import { Role } from './actor';

export type NewUser = { id: string; username: string; passwordHash: string; role: Role; organisation: Organisation };
export type UserRecord = NewUser & { lockedUntil: Date | null; disabledAt: Date | null; mustChangePassword: boolean };

/** An account as an administrator sees it: everything but the password hash. */
export type UserAccountRecord = {
  id: string;
  username: string;
  role: Role;
  organisation: Organisation;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

type AccountRow = {
  id: string;
  username: string;
  role: Role;
  organisation: Organisation;
  locked_until: Date | null;
  disabled_at: Date | null;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
};
type UserRow = AccountRow & { password_hash: string };

const accountColumns = 'id, username, role, organisation, locked_until, disabled_at, must_change_password, last_login_at, created_at';

const accountOf = (row: AccountRow): UserAccountRecord => ({
  id: row.id,
  username: row.username,
  role: row.role,
  organisation: row.organisation,
  lockedUntil: row.locked_until,
  disabledAt: row.disabled_at,
  mustChangePassword: row.must_change_password,
  lastSignInAt: row.last_login_at,
  createdAt: row.created_at,
});

/** The `users` table: who may sign in, with what role, the failed sign-ins that lock them out, and what an administrator did to the account. */
@Injectable()
export class UserStore {
  constructor(private readonly database: Database) {}

  /** False when the username is taken. */
  async insert(user: NewUser, client: Queryable = this.database.pool): Promise<boolean> {
    const { rowCount } = await client.query(
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
    const { rows } = await this.database.pool.query<UserRow>(`select ${accountColumns}, password_hash from users where username = $1`, [username]);
    const row = rows[0];
    return (
      row && {
        id: row.id,
        username: row.username,
        passwordHash: row.password_hash,
        role: row.role,
        organisation: row.organisation,
        lockedUntil: row.locked_until,
        disabledAt: row.disabled_at,
        mustChangePassword: row.must_change_password,
      }
    );
  }

  /** Every account, by username: a partnership has tens of users, not thousands, so one page holds them all. */
  async accounts(): Promise<UserAccountRecord[]> {
    const { rows } = await this.database.pool.query<AccountRow>(`select ${accountColumns} from users order by username`);
    return rows.map(accountOf);
  }

  async account(id: string, client: Queryable = this.database.pool): Promise<UserAccountRecord | undefined> {
    const { rows } = await client.query<AccountRow>(`select ${accountColumns} from users where id = $1`, [id]);
    return rows[0] && accountOf(rows[0]);
  }

  /** Lifts a lockout and forgets the wrong passwords counted so far; undefined for no such user. */
  async unlock(id: string, client: Queryable): Promise<UserAccountRecord | undefined> {
    return this.update(client, id, `failed_logins = 0, locked_until = null`, []);
  }

  /**
   * A temporary password the user must change at their next sign-in; the lockout is lifted too,
   * so that the temporary password can be used at once.
   */
  async resetPassword(id: string, passwordHash: string, client: Queryable): Promise<UserAccountRecord | undefined> {
    return this.update(client, id, `password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = null`, [passwordHash]);
  }

  /** Disabled from `at`, or from the first time when it already was. */
  async disable(id: string, at: Date, client: Queryable): Promise<UserAccountRecord | undefined> {
    return this.update(client, id, `disabled_at = coalesce(disabled_at, $2)`, [at]);
  }

  async enable(id: string, client: Queryable): Promise<UserAccountRecord | undefined> {
    return this.update(client, id, `disabled_at = null`, []);
  }

  /**
   * The user's own new password, set as they sign in with it, only while the hash is still the
   * one their current password was checked against: of two changes racing with the same
   * (temporary) password, one wins.
   */
  async changePassword(id: string, checkedHash: string, passwordHash: string, client: Queryable): Promise<boolean> {
    const { rowCount } = await client.query(
      `update users set password_hash = $3, must_change_password = false, failed_logins = 0, locked_until = null, last_login_at = now()
        where id = $1 and password_hash = $2`,
      [id, checkedHash, passwordHash],
    );
    return rowCount === 1;
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

  /** A right password starts the count of wrong ones again; `signedIn` when it also opened a session. */
  async recordSuccess(id: string, signedIn = true): Promise<void> {
    await this.database.pool.query(`update users set failed_logins = 0, locked_until = null${signedIn ? ', last_login_at = now()' : ''} where id = $1`, [id]);
  }

  private async update(client: Queryable, id: string, assignments: string, values: unknown[]): Promise<UserAccountRecord | undefined> {
    const { rows } = await client.query<AccountRow>(`update users set ${assignments} where id = $1 returning ${accountColumns}`, [id, ...values]);
    return rows[0] && accountOf(rows[0]);
  }
}
