import type { NextFunction, Response } from 'express';
import { AccessToken, AccessTokens, VerifiedToken } from '../auth/access-tokens';
import { Actor } from '../auth/actor';
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

/**
 * How long after its session ended a form sent from one of its pages is still kept for its user
 * (form-drafts.ts): a working day, for a form left open over lunch or a meeting.
 */
export const lapsedFormSeconds = 8 * 60 * 60;

/**
 * Starts a session: an access token of it, in a cookie scripts cannot read. The cookie outlives
 * its token by `lapsedFormSeconds`, so that a form sent after the session ended still says whose
 * it was and is kept for them; the token itself is refused from the moment it expires.
 */
export const startSession = (request: WebRequest, response: Response, accessToken: string, ttlSeconds: number): void => {
  response.cookie(sessionCookie, accessToken, { ...cookieOptions(request), maxAge: (ttlSeconds + lapsedFormSeconds) * 1000 });
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

/** The session a request came with, and when it ends (later once renewed). */
type OpenSession = { session: VerifiedToken; endsAt: Date; renewed: boolean };

const openSessions = new WeakMap<WebRequest, OpenSession>();
const lapsedActors = new WeakMap<WebRequest, Actor>();

/**
 * Who a request's session was, when its cookie holds a genuine token that expired at most
 * `lapsedFormSeconds` ago: such a request is signed out like any other, but a form it sends is
 * kept for that user (form-drafts.ts). Undefined for any other request.
 */
export const lapsedActorOf = (request: WebRequest): Actor | undefined => lapsedActors.get(request);

/**
 * Reads the session cookie on every request: when its session is still open, the signed-in user
 * goes to `request.webActor` and to the templates, with when the session ends (`session`, which
 * the layout warns of). A session lasts as long as its user keeps working: past half its life,
 * the token is renewed, so it ends `tokenTtlSeconds` after the last page, not after sign-in. A
 * cookie of an ended session is dropped.
 */
export const sessionMiddleware =
  (sessions: Sessions, tokens: AccessTokens, settings: AuthSettings) =>
  (request: WebRequest, response: Response, next: NextFunction): void => {
    readSession(sessions, tokens, settings, request, response).then(
      () => {
        showFlash(request, response);
        next();
      },
      (error: unknown) => (toErrorBody(error).statusCode === 503 ? unavailable(response) : next(error)),
    );
  };

const readSession = async (sessions: Sessions, tokens: AccessTokens, settings: AuthSettings, request: WebRequest, response: Response): Promise<void> => {
  const token = cookieOf(request, sessionCookie);
  if (!token) return;
  const session = await sessions.check(token);
  if (!session) {
    const lapsed = tokens.lapsed(token, lapsedFormSeconds);
    if (lapsed) lapsedActors.set(request, lapsed.actor);
    return endSession(request, response);
  }
  if (!pastHalfItsLife(session, settings)) return signedIn(request, response, { session, endsAt: session.expiresAt, renewed: false });
  const renewed = await sessions.renew(session);
  if (!renewed) return endSession(request, response);
  startSession(request, response, renewed.accessToken, settings.tokenTtlSeconds);
  signedIn(request, response, { session, endsAt: endOf(renewed), renewed: true });
};

/** When a token just issued expires: its `exp`, a whole second, is the second it was issued plus its life. */
const endOf = (token: AccessToken): Date => new Date((Math.floor(Date.now() / 1000) + token.expiresIn) * 1000);

const pastHalfItsLife = (session: VerifiedToken, settings: AuthSettings): boolean => session.expiresAt.getTime() - Date.now() < (settings.tokenTtlSeconds * 1000) / 2;

const signedIn = (request: WebRequest, response: Response, open: OpenSession): void => {
  openSessions.set(request, open);
  request.webActor = open.session.actor;
  response.locals.user = open.session.actor;
  response.locals.session = sessionTimes(open.endsAt);
};

/**
 * "Stay signed in": the request's session lasts `tokenTtlSeconds` from now (a fresh token in the
 * cookie). Answers when it now ends; undefined, the cookie dropped, when the request has no open
 * session or it ended meanwhile.
 */
export const staySignedIn = async (sessions: Sessions, settings: AuthSettings, request: WebRequest, response: Response): Promise<Date | undefined> => {
  const open = openSessions.get(request);
  if (!open) return undefined;
  if (open.renewed) return open.endsAt;
  const renewed = await sessions.renew(open.session);
  if (!renewed) {
    endSession(request, response);
    return undefined;
  }
  startSession(request, response, renewed.accessToken, settings.tokenTtlSeconds);
  const endsAt = endOf(renewed);
  signedIn(request, response, { ...open, endsAt, renewed: true });
  return endsAt;
};

const londonTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** When a session ends, as the page says it ("14:35", London time) and as its script counts down to it (seconds from now). */
export const sessionTimes = (endsAt: Date): { endsAt: string; endsAtText: string; secondsLeft: number } => ({
  endsAt: endsAt.toISOString(),
  endsAtText: londonTime.format(endsAt),
  secondsLeft: Math.max(0, Math.floor((endsAt.getTime() - Date.now()) / 1000)),
});

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
