import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../shared/clock';
import { inTransaction } from '../people/in-transaction';
import { Database } from '../shared/database';
import { AccessToken } from './access-tokens';
import { Actor } from './actor';
import { usernameShape } from './auth.requests';
import { AuthSettings } from './auth.settings';
import { hashPassword, passwordMatches } from './passwords';
import { Sessions } from './sessions';
import { LimitReached, SignInLimits } from './sign-in-limits';
import { UserRecord, UserStore } from './user.store';

/**
 * A sign-in as typed, and the address it came from (as `trust proxy` lets express tell it).
 * `newPassword` (already validated at the edge) replaces the password as the user signs in: what
 * they must do after an administrator reset it, and may do at any sign-in.
 */
export type SignInAttempt = { username: string; password: string; newPassword?: string; address: string | undefined };

export type SignInOutcome =
  | { kind: 'signed-in'; token: AccessToken; actor: Actor; passwordChanged: boolean }
  | { kind: 'refused' }
  | { kind: 'locked'; until: Date; retryAfterSeconds: number }
  | ({ kind: 'throttled' } & LimitReached)
  | { kind: 'disabled' }
  | { kind: 'password-change-required' }
  | { kind: 'password-unchanged' };

/**
 * The one way in, for the API's login and the sign-in page alike, so both meet the same limits
 * and the same lockout. Attempts past the limits of `SignInLimits` are turned away before any
 * password is checked. After `lockout.failures` wrong passwords in a row the account is locked
 * for `lockout.minutes`, and refused meanwhile even with the right password. An unknown username
 * costs the same argon2 work as a wrong password, so timing does not tell which usernames exist.
 * A right password opens a session (`Sessions`), unless the account is disabled or its password
 * is a temporary one, which must first be replaced: only the right password tells either, so
 * they tell nothing to someone guessing.
 */
@Injectable()
export class SignInService {
  private readonly decoy: Promise<string> = hashPassword('decoy password for unknown usernames');

  constructor(
    private readonly users: UserStore,
    private readonly sessions: Sessions,
    private readonly limits: SignInLimits,
    private readonly settings: AuthSettings,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly database: Database,
  ) {}

  async signIn({ username, password, newPassword, address }: SignInAttempt): Promise<SignInOutcome> {
    const name = username.toLowerCase();
    const now = this.clock.now();
    const limit = this.limits.attempt(name, address ?? 'unknown', now);
    if (limit) return { kind: 'throttled', ...limit };
    // A name no user can have (a control character from the sign-in page, say) is not looked up.
    const user = usernameShape.test(name) ? await this.users.find(name) : undefined;
    if (!user) {
      await passwordMatches(await this.decoy, password);
      return { kind: 'refused' };
    }
    if (user.lockedUntil && user.lockedUntil > now) return locked(user.lockedUntil, now);
    if (!(await passwordMatches(user.passwordHash, password))) {
      const lockUntil = new Date(now.getTime() + this.settings.lockout.minutes * 60_000);
      const { lockedUntil } = await this.users.recordFailure(user.id, this.settings.lockout.failures, lockUntil);
      return lockedUntil && lockedUntil > now ? locked(lockedUntil, now) : { kind: 'refused' };
    }
    if (user.disabledAt) return { kind: 'disabled' };
    const actor: Actor = { userId: user.id, username: user.username, role: user.role, organisation: user.organisation };
    if (newPassword !== undefined) return this.changePassword(user, actor, password, newPassword);
    if (user.mustChangePassword) {
      await this.users.recordSuccess(user.id, false);
      return { kind: 'password-change-required' };
    }
    await this.users.recordSuccess(user.id);
    return { kind: 'signed-in', token: await this.sessions.open(actor), actor, passwordChanged: false };
  }

  /**
   * The new password, every other session of the user ended, the audit entry and the new
   * session, in one transaction: a temporary password works for this once, and a password
   * someone else knew stops working everywhere. Its own transaction, committed before the
   * answer, even on a page (whose answer goes out before the request's own scope would commit).
   */
  private async changePassword(user: UserRecord, actor: Actor, password: string, newPassword: string): Promise<SignInOutcome> {
    if (newPassword === password) return { kind: 'password-unchanged' };
    const passwordHash = await hashPassword(newPassword);
    return inTransaction(this.database.pool, async (client): Promise<SignInOutcome> => {
      if (!(await this.users.changePassword(user.id, user.passwordHash, passwordHash, client))) return { kind: 'refused' };
      await this.sessions.endAllOf(user.id, client);
      const by = { userId: user.id, username: user.username };
      await this.audit.record([{ action: 'password-changed', by, details: by }], client);
      return { kind: 'signed-in', token: await this.sessions.open(actor, client), actor, passwordChanged: true };
    });
  }
}

const locked = (until: Date, now: Date): SignInOutcome => ({ kind: 'locked', until, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) });
