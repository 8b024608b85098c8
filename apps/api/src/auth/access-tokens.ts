import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { Actor, isOrganisation, isRole, organisationsOfRole } from './actor';
import { AuthSettings } from './auth.settings';

export type AccessToken = { accessToken: string; expiresIn: number };

/** What a genuine token says: who, which sign-in (its session, which `Sessions` checks is still open), and until when. */
export type VerifiedToken = { actor: Actor; sessionId: string; expiresAt: Date };

const issuer = 'safer-cases';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Claims = { sub?: unknown; sid?: unknown; exp?: unknown; username?: unknown; role?: unknown; organisation?: unknown };

/**
 * Short-lived signed bearer tokens (HS256) carrying who the user is, their role, and the session
 * of the sign-in that made them. The signature proves the token is ours; whether its session is
 * still open is for `Sessions` to say. A role change takes effect at the next sign-in.
 */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(private readonly settings: AuthSettings) {
    this.jwt = new JwtService({
      // A key object made once: given the secret as text, jsonwebtoken would first try (and fail)
      // to parse it as a public key on every request, the largest cost of verifying a token.
      // The same bytes as the text, so tokens signed before still verify.
      secret: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer, expiresIn: settings.tokenTtlSeconds },
      verifyOptions: { algorithms: ['HS256'], issuer },
    });
  }

  issue(actor: Actor, sessionId: string): AccessToken {
    const accessToken = this.jwt.sign({ sid: sessionId, username: actor.username, role: actor.role, organisation: actor.organisation }, { subject: actor.userId });
    return { accessToken, expiresIn: this.settings.tokenTtlSeconds };
  }

  /** What a token says, or undefined for one that is malformed, forged, expired, of no session or naming no valid role. */
  verify(token: string): VerifiedToken | undefined {
    return this.read(token, false);
  }

  /**
   * Who a genuine token named once it has expired, if it did so at most `withinSeconds` ago: for
   * keeping a form sent just after its session ended for its user to find on signing in again
   * (web/form-drafts.ts), never for letting a request through. Undefined for any other token.
   */
  lapsed(token: string, withinSeconds: number): VerifiedToken | undefined {
    const read = this.read(token, true);
    const ago = read ? Date.now() - read.expiresAt.getTime() : -1;
    return read && ago >= 0 && ago <= withinSeconds * 1000 ? read : undefined;
  }

  private read(token: string, ignoreExpiration: boolean): VerifiedToken | undefined {
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims>(token, { ignoreExpiration });
    } catch {
      return undefined;
    }
    const { sub, sid, exp, username, role, organisation } = claims;
    if (typeof sub !== 'string' || !uuid.test(sub) || typeof sid !== 'string' || !uuid.test(sid) || typeof exp !== 'number') return undefined;
    if (typeof username !== 'string' || !isRole(role) || !isOrganisation(organisation) || !organisationsOfRole[role].includes(organisation)) return undefined;
    return { actor: { userId: sub, username, role, organisation }, sessionId: sid, expiresAt: new Date(exp * 1000) };
  }
}
