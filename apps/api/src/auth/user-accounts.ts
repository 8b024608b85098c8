import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Organisation } from '@safer-cases/domain';
import type { Queryable } from '@safer-cases/projections';
import { randomInt } from 'node:crypto';
import { authorize } from '../application/authorize';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../shared/clock';
import { Database } from '../shared/database';
import { Recorder } from '../shared/recorder';
import { AccountAction } from './account-actions';
import { inAccountTransaction } from './account-transaction';
import { Actor, Role } from './actor';
import { hashPassword } from './passwords';
import { Sessions } from './sessions';
import { UserAccountRecord, UserStore } from './user.store';

/** An account as `GET /api/users` answers it: never the password hash. */
export type UserAccount = {
  userId: string;
  username: string;
  role: Role;
  organisation: Organisation;
  /** Locked now, after too many wrong passwords in a row, until `lockedUntil`. */
  locked: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  disabledAt: string | null;
  /** A temporary password was set: the user must choose their own at their next sign-in. */
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
};

/** The answer of a password reset, shown to the administrator once: the password is kept nowhere but as its hash. */
export type TemporaryPassword = { userId: string; username: string; temporaryPassword: string };

/** No 0/o, 1/l/i: a password read out or copied by hand is typed right the first time. */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Five groups of four characters from 31: about 99 bits, from the operating system's random source. */
export const temporaryPassword = (): string => Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('')).join('-');

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * What an administrator does to colleagues' accounts: list them, lift a lockout, reset a
 * password to a temporary one, disable and enable. Each change is written to the audit log in
 * the same transaction, with who made it. Disabling or resetting ends the user's sessions at once.
 */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<{ items: UserAccount[] }> {
    authorize(actor, 'GET /api/users');
    return { items: (await this.users.accounts()).map((account) => this.view(account)) };
  }

  /** One account, for a page that names it; 404 `user-not-found`. */
  async get(actor: Actor, userId: string): Promise<UserAccount> {
    authorize(actor, 'GET /api/users');
    return this.view(found(await this.users.account(userId), userId));
  }

  async unlock(recorder: Recorder, userId: string): Promise<UserAccount> {
    authorize(recorder.actor, 'POST /api/users/:id/unlock');
    return this.change(recorder, 'user-unlocked', userId, (client) => this.users.unlock(userId, client));
  }

  /** A new temporary password, which the user must change at their next sign-in; their sessions end. */
  async resetPassword(recorder: Recorder, userId: string): Promise<TemporaryPassword> {
    authorize(recorder.actor, 'POST /api/users/:id/password-reset');
    refuseOwnAccount(recorder.actor, userId, 'Reset another administrator’s password, not your own: to change yours, sign in with a new one');
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const account = await this.change(recorder, 'user-password-reset', userId, async (client) => {
      const reset = await this.users.resetPassword(userId, passwordHash, client);
      if (reset) await this.sessions.endAllOf(userId, client);
      return reset;
    });
    return { userId: account.userId, username: account.username, temporaryPassword: password };
  }

  /** The user can no longer sign in, and every session they have open ends now. */
  async disable(recorder: Recorder, userId: string): Promise<UserAccount> {
    authorize(recorder.actor, 'POST /api/users/:id/disable');
    refuseOwnAccount(recorder.actor, userId, 'You cannot disable your own account: another administrator must');
    const now = this.clock.now();
    return this.change(recorder, 'user-disabled', userId, async (client) => {
      const disabled = await this.users.disable(userId, now, client);
      if (disabled) await this.sessions.endAllOf(userId, client);
      return disabled;
    });
  }

  async enable(recorder: Recorder, userId: string): Promise<UserAccount> {
    authorize(recorder.actor, 'POST /api/users/:id/enable');
    return this.change(recorder, 'user-enabled', userId, (client) => this.users.enable(userId, client));
  }

  private async change(recorder: Recorder, action: AccountAction, userId: string, write: (client: Queryable) => Promise<UserAccountRecord | undefined>): Promise<UserAccount> {
    return inAccountTransaction(this.database.pool, async (client) => {
      const account = found(await write(client), userId);
      const by = { userId: recorder.actor.userId, username: recorder.actor.username, correlationId: recorder.correlationId };
      await this.audit.record([{ action, by, details: { userId: account.id, username: account.username } }], client);
      return this.view(account);
    });
  }

  private view(account: UserAccountRecord): UserAccount {
    const now = this.clock.now();
    return {
      userId: account.id,
      username: account.username,
      role: account.role,
      organisation: account.organisation,
      locked: account.lockedUntil !== null && account.lockedUntil > now,
      lockedUntil: iso(account.lockedUntil),
      disabled: account.disabledAt !== null,
      disabledAt: iso(account.disabledAt),
      mustChangePassword: account.mustChangePassword,
      lastSignInAt: iso(account.lastSignInAt),
      createdAt: account.createdAt.toISOString(),
    };
  }
}

const found = (account: UserAccountRecord | undefined, userId: string): UserAccountRecord => {
  if (!account) throw new NotFoundException({ message: `No user has the id ${userId}`, code: 'user-not-found' });
  return account;
};

/** So that an administrator cannot shut themselves out, and there is always one who can sign in. */
const refuseOwnAccount = (actor: Actor, userId: string, message: string): void => {
  if (actor.userId === userId) throw new UnprocessableEntityException({ message, code: 'own-account' });
};
