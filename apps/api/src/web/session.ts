import type { NextFunction, Response } from 'express';
import { VerifiedToken } from '../auth/access-tokens';
import { AuthSettings } from '../auth/auth.settings';
import { Sessions } from '../auth/sessions';
import { toErrorBody } from '../http/domain-error.filter';
import { WebRequest } from './web-request';

export const sessionCookie = 'sc_session';
const flashCookie = 'sc_flash';

/**
 * Cookies only the server reads, sent back to this site only, Secure whenever the page came over
 * HTTPS (directly, or through a proxy that TRUST_PROXY says may tell us so).
 */
const cookieOptions = (request: WebRequest) => ({ httpOnly: true, sameSite: 'lax' as const, secure: request.secure, path: '/' });

/** Starts a session: an access token of it, in a cookie scripts cannot read. */
export const startSession = (request: WebRequest, response: Response, accessToken: string, ttlSeconds: number): void => {
  response.cookie(sessionCookie, accessToken, { ...cookieOptions(request), maxAge: ttlSeconds * 1000 });
};

/** Forgets the session cookie in this browser (the session itself is ended by `endSignedInSession`). */
export const endSession = (request: WebRequest, response: Response): void => {
  response.clearCookie(sessionCookie, cookieOptions(request));
};

/** Signing out: the session ends server-side, so a copy of the cookie or of its token is refused from now on. */
export const endSignedInSession = async (sessions: Sessions, request: WebRequest, response: Response): Promise<void> => {
  const token = cookieOf(request, sessionCookie);
  if (token) await sessions.end(token);
  endSession(request, response);
};

/** A one-line confirmation shown on the next page only ("Panel recorded"). */
export const flash = (request: WebRequest, response: Response, message: string): void => {
  response.cookie(flashCookie, message, { ...cookieOptions(request), maxAge: 60_000 });
};

/**
 * Reads the session cookie on every request: when its session is still open, the signed-in user
 * goes to `request.webActor` and to the templates. A session lasts as long as its user keeps
 * working: past half its life, the token is renewed, so it ends `tokenTtlSeconds` after the last
 * page, not after sign-in. A cookie of an ended session is dropped.
 */
export const sessionMiddleware =
  (sessions: Sessions, settings: AuthSettings) =>
  (request: WebRequest, response: Response, next: NextFunction): void => {
    readSession(sessions, settings, request, response).then(
      () => {
        showFlash(request, response);
        next();
      },
      (error: unknown) => (toErrorBody(error).statusCode === 503 ? unavailable(response) : next(error)),
    );
  };

const readSession = async (sessions: Sessions, settings: AuthSettings, request: WebRequest, response: Response): Promise<void> => {
  const token = cookieOf(request, sessionCookie);
  if (!token) return;
  const session = await sessions.check(token);
  if (!session) return endSession(request, response);
  if (!pastHalfItsLife(session, settings)) return signedIn(request, response, session);
  const renewed = await sessions.renew(session);
  if (!renewed) return endSession(request, response);
  startSession(request, response, renewed.accessToken, settings.tokenTtlSeconds);
  signedIn(request, response, session);
};

const pastHalfItsLife = (session: VerifiedToken, settings: AuthSettings): boolean => session.expiresAt.getTime() - Date.now() < (settings.tokenTtlSeconds * 1000) / 2;

const signedIn = (request: WebRequest, response: Response, session: VerifiedToken): void => {
  request.webActor = session.actor;
  response.locals.user = session.actor;
};

const showFlash = (request: WebRequest, response: Response): void => {
  const message = cookieOf(request, flashCookie);
  if (!message) return;
  response.locals.flash = message;
  response.clearCookie(flashCookie, cookieOptions(request));
};

/** The sign-in cannot be checked (the database is down): a page saying so, never the page itself. */
const unavailable = (response: Response): void => {
  response.setHeader('Retry-After', '5');
  response.status(503).render('error', {
    title: 'Sorry, the service is unavailable',
    message: 'Your sign-in cannot be checked while the database is unavailable; nothing was recorded. Try again in a few seconds.',
  });
};

const cookieOf = (request: WebRequest, name: string): string | undefined => (request.cookies as Record<string, string | undefined>)[name];
