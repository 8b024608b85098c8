import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { AccessToken, AccessTokens } from './access-tokens';
import { AuthSettings } from './auth.settings';
import { hashPassword, passwordMatches } from './passwords';
import { UserStore } from './user.store';

export type SignInOutcome = { kind: 'signed-in'; token: AccessToken } | { kind: 'refused' } | { kind: 'locked'; until: Date; retryAfterSeconds: number };

/**
 * Checks a username and password. After `lockout.failures` wrong passwords in a row the account
 * is locked for `lockout.minutes`, and refused meanwhile even with the right password. An
 * unknown username costs the same argon2 work as a wrong password, so timing does not tell
 * which usernames exist.
 */
@Injectable()
export class SignInService {
  private readonly decoy: Promise<string> = hashPassword('decoy password for unknown usernames');

  constructor(
    private readonly users: UserStore,
    private readonly tokens: AccessTokens,
    private readonly settings: AuthSettings,
    private readonly clock: Clock,
  ) {}

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const user = await this.users.find(username.toLowerCase());
    if (!user) {
      await passwordMatches(await this.decoy, password);
      return { kind: 'refused' };
    }
    const now = this.clock.now();
    if (user.lockedUntil && user.lockedUntil > now) return locked(user.lockedUntil, now);
    if (!(await passwordMatches(user.passwordHash, password))) {
      const lockUntil = new Date(now.getTime() + this.settings.lockout.minutes * 60_000);
      const { lockedUntil } = await this.users.recordFailure(user.id, this.settings.lockout.failures, lockUntil);
      return lockedUntil && lockedUntil > now ? locked(lockedUntil, now) : { kind: 'refused' };
    }
    await this.users.recordSuccess(user.id);
    return { kind: 'signed-in', token: this.tokens.issue({ userId: user.id, username: user.username, role: user.role, organisation: user.organisation }) };
  }
}

const locked = (until: Date, now: Date): SignInOutcome => ({ kind: 'locked', until, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) });
