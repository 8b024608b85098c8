import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { AccessToken } from './access-tokens';
import { Actor } from './actor';
import { usernameShape } from './auth.requests';
import { AuthSettings } from './auth.settings';
import { hashPassword, passwordMatches } from './passwords';
import { Sessions } from './sessions';
import { LimitReached, SignInLimits } from './sign-in-limits';
import { UserStore } from './user.store';

/** A sign-in as typed, and the address it came from (as `trust proxy` lets express tell it). */
export type SignInAttempt = { username: string; password: string; address: string | undefined };

export type SignInOutcome =
  | { kind: 'signed-in'; token: AccessToken; actor: Actor }
  | { kind: 'refused' }
  | { kind: 'locked'; until: Date; retryAfterSeconds: number }
  | ({ kind: 'throttled' } & LimitReached);

/**
 * The one way in, for the API's login and the sign-in page alike, so both meet the same limits
 * and the same lockout. Attempts past the limits of `SignInLimits` are turned away before any
 * password is checked. After `lockout.failures` wrong passwords in a row the account is locked
 * for `lockout.minutes`, and refused meanwhile even with the right password. An unknown username
 * costs the same argon2 work as a wrong password, so timing does not tell which usernames exist.
 * A right password opens a session (`Sessions`).
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
  ) {}

  async signIn({ username, password, address }: SignInAttempt): Promise<SignInOutcome> {
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
    await this.users.recordSuccess(user.id);
    const actor: Actor = { userId: user.id, username: user.username, role: user.role, organisation: user.organisation };
    return { kind: 'signed-in', token: await this.sessions.open(actor), actor };
  }
}

const locked = (until: Date, now: Date): SignInOutcome => ({ kind: 'locked', until, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) });
