import { Injectable } from '@nestjs/common';
import type { Queryable } from '@safer-cases/projections';
import { randomUUID } from 'node:crypto';
import { AccessToken, AccessTokens, VerifiedToken } from './access-tokens';
import { Actor } from './actor';
import { AuthSettings } from './auth.settings';
import { SessionStore } from './session.store';

/**
 * Sign-in sessions, kept server-side so that they can be ended before their tokens expire. Each
 * sign-in opens one and its tokens name it; every request with a token (bearer or cookie) is
 * checked against the table, with no cache, so a session ended on one instance is refused by all
 * at once. When the database cannot be reached the check fails, and the request is refused with
 * 503 (by the error filter, `toErrorBody`) rather than let through.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly tokens: AccessTokens,
    private readonly settings: AuthSettings,
  ) {}

  /** A new session, in the transaction of `client` when given (a sign-in that also changes the password). */
  async open(actor: Actor, client?: Queryable): Promise<AccessToken> {
    const sessionId = randomUUID();
    await this.store.open(sessionId, actor.userId, this.settings.tokenTtlSeconds, client);
    return this.tokens.issue(actor, sessionId);
  }

  /** The token's session when the token is genuine and its session still open; undefined otherwise. */
  async check(token: string): Promise<VerifiedToken | undefined> {
    const verified = this.tokens.verify(token);
    if (!verified) return undefined;
    return (await this.store.isOpen(verified.sessionId, verified.actor.userId)) ? verified : undefined;
  }

  /** A fresh token of the same session, which now lasts `tokenTtlSeconds` more; undefined when it ended meanwhile. */
  async renew(session: VerifiedToken): Promise<AccessToken | undefined> {
    const extended = await this.store.extend(session.sessionId, this.settings.tokenTtlSeconds);
    return extended ? this.tokens.issue(session.actor, session.sessionId) : undefined;
  }

  /** Signing out: the token's session ends, and every copy of its tokens is refused from now on. */
  async end(token: string): Promise<void> {
    const verified = this.tokens.verify(token);
    if (verified) await this.store.close(verified.sessionId);
  }

  /** Ends every session of a user (for disabling a user or resetting their password), in the transaction of `client` when given. */
  async endAllOf(userId: string, client?: Queryable): Promise<void> {
    await this.store.closeAllOf(userId, client);
  }
}
