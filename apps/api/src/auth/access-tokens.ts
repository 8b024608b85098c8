import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, isOrganisation, isRole, organisationsOfRole } from './actor';
import { AuthSettings } from './auth.settings';

export type AccessToken = { accessToken: string; expiresIn: number };

const issuer = 'safer-cases';

type Claims = { sub?: unknown; username?: unknown; role?: unknown; organisation?: unknown };

/**
 * Short-lived signed bearer tokens (HS256) carrying who the user is and their role. They are
 * not looked up again on each request; a role change takes effect at the next sign-in, at most
 * `tokenTtlSeconds` later.
 */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(private readonly settings: AuthSettings) {
    this.jwt = new JwtService({
      secret: settings.jwtSecret,
      signOptions: { algorithm: 'HS256', issuer, expiresIn: settings.tokenTtlSeconds },
      verifyOptions: { algorithms: ['HS256'], issuer },
    });
  }

  issue(actor: Actor): AccessToken {
    const accessToken = this.jwt.sign({ username: actor.username, role: actor.role, organisation: actor.organisation }, { subject: actor.userId });
    return { accessToken, expiresIn: this.settings.tokenTtlSeconds };
  }

  /** The actor a token names, or undefined for a token that is malformed, forged, expired or names no valid role. */
  verify(token: string): Actor | undefined {
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims>(token);
    } catch {
      return undefined;
    }
    const { sub, username, role, organisation } = claims;
    if (typeof sub !== 'string' || typeof username !== 'string' || !isRole(role) || !isOrganisation(organisation)) return undefined;
    if (!organisationsOfRole[role].includes(organisation)) return undefined;
    return { userId: sub, username, role, organisation };
  }
}
