import type { NextFunction, Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import { Actor } from '../auth/actor';
import { AuthSettings } from '../auth/auth.settings';
import { WebRequest } from './web-request';

export const sessionCookie = 'sc_session';
const flashCookie = 'sc_flash';

/** Cookies only the server reads, sent back to this site only, over HTTPS when the page came over HTTPS. */
const cookieOptions = (request: WebRequest) => ({ httpOnly: true, sameSite: 'lax' as const, secure: request.secure, path: '/' });

/** Starts a session: the access token itself, in a cookie scripts cannot read. */
export const startSession = (request: WebRequest, response: Response, accessToken: string, ttlSeconds: number): void => {
  response.cookie(sessionCookie, accessToken, { ...cookieOptions(request), maxAge: ttlSeconds * 1000 });
};

export const endSession = (request: WebRequest, response: Response): void => {
  response.clearCookie(sessionCookie, cookieOptions(request));
};

/** A one-line confirmation shown on the next page only ("Panel recorded"). */
export const flash = (request: WebRequest, response: Response, message: string): void => {
  response.cookie(flashCookie, message, { ...cookieOptions(request), maxAge: 60_000 });
};

/**
 * Reads the session cookie on every request: the signed-in user goes to `request.webActor` and
 * to the templates. A session lasts as long as its user keeps working: past half its life, the
 * token is renewed, so it ends `tokenTtlSeconds` after the last page, not after sign-in.
 */
export const sessionMiddleware = (tokens: AccessTokens, settings: AuthSettings) => (request: WebRequest, response: Response, next: NextFunction): void => {
  const token = (request.cookies as Record<string, string | undefined>)[sessionCookie];
  const actor = token ? tokens.verify(token) : undefined;
  if (token && actor) {
    const renewed = renewedToken(tokens, settings, token, actor);
    request.webActor = actor;
    request.webToken = renewed ?? token;
    if (renewed) startSession(request, response, renewed, settings.tokenTtlSeconds);
    response.locals.user = actor;
  }
  const message = (request.cookies as Record<string, string | undefined>)[flashCookie];
  if (message) {
    response.locals.flash = message;
    response.clearCookie(flashCookie, cookieOptions(request));
  }
  next();
};

const renewedToken = (tokens: AccessTokens, settings: AuthSettings, token: string, actor: Actor): string | undefined => {
  const expiresAt = expiryOf(token);
  if (expiresAt === undefined) return undefined;
  const secondsLeft = expiresAt - Date.now() / 1000;
  return secondsLeft < settings.tokenTtlSeconds / 2 ? tokens.issue(actor).accessToken : undefined;
};

const expiryOf = (token: string): number | undefined => {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
};
