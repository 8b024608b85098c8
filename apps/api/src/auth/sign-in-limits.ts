import { Injectable } from '@nestjs/common';
import { AuthSettings } from './auth.settings';

/** Which limit an attempt went past: the one for a username from an address, or the one for the address. */
export type LimitReached = { scope: 'username-and-address' | 'address'; retryAfterSeconds: number };

type Window = { attempts: number; endsAt: number };

/**
 * Counts sign-in attempts in fixed windows, in this process's memory, for both doors in (the
 * API's login and the sign-in page) alike: per username and address, and per address whatever
 * the username. Every attempt counts, right or wrong, before any password is checked, so the
 * limits also cap the argon2 work one address can ask for. The per-account lockout after wrong
 * passwords (users.failed_logins) is separate and shared by every instance.
 */
@Injectable()
export class SignInLimits {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly settings: AuthSettings) {}

  /** Counts an attempt made now; the limit it goes past, if any. */
  attempt(username: string, address: string, now: Date): LimitReached | undefined {
    const { perAddress, perUsernameAndAddress, windowMs } = this.settings.signInLimits;
    const at = now.getTime();
    this.sweep(at, windowMs);
    const fromAddress = this.count(`address ${address}`, at, windowMs);
    // Past the address's ceiling, no window is made per username, so guessing many usernames takes no more memory.
    if (fromAddress.attempts > perAddress) return reached('address', fromAddress, at);
    const forUsername = this.count(`username ${address} ${username}`, at, windowMs);
    if (forUsername.attempts > perUsernameAndAddress) return reached('username-and-address', forUsername, at);
    return undefined;
  }

  private count(key: string, at: number, windowMs: number): Window {
    const current = this.windows.get(key);
    const window = current && current.endsAt > at ? current : { attempts: 0, endsAt: at + windowMs };
    window.attempts += 1;
    this.windows.set(key, window);
    return window;
  }

  /** Forgets windows that are over, at most once a window. */
  private sweep(at: number, windowMs: number): void {
    if (at < this.nextSweep) return;
    for (const [key, window] of this.windows) if (window.endsAt <= at) this.windows.delete(key);
    this.nextSweep = at + windowMs;
  }
}

const reached = (scope: LimitReached['scope'], window: Window, at: number): LimitReached => ({ scope, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - at) / 1000)) });
