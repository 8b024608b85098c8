import { JwtService } from '@nestjs/jwt';
import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import type { CookieOptions, Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import { Actor } from '../auth/actor';
import { AuthSettings, defaultAuthSettings } from '../auth/auth.settings';
import { SessionStore } from '../auth/session.store';
import { Sessions } from '../auth/sessions';
import { UserStore } from '../auth/user.store';
import { PgDatabase } from '../shared/database';
import { endSignedInSession, lapsedActorOf, lapsedFormSeconds, sessionCookie, sessionMiddleware, staySignedIn } from './session';
import { WebRequest } from './web-request';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const settings: AuthSettings = { ...defaultAuthSettings, jwtSecret: secret };
const tokens = new AccessTokens(settings);
const coach: Actor = { userId: '0b6c9a58-7f31-4f7e-8d1e-3c7f1b2a9e10', username: 'h.coach', role: 'coaching-coordinator', organisation: 'home-start' };

/** A token of the coach's session that has `secondsLeft` to live. */
const tokenWith = (sessionId: string, secondsLeft: number): string =>
  new JwtService({}).sign(
    { sid: sessionId, username: coach.username, role: coach.role, organisation: coach.organisation },
    { secret, expiresIn: secondsLeft, issuer: 'safer-cases', subject: coach.userId },
  );

const sessionIdOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

type Sent = { cookies: Record<string, { value: string; options: CookieOptions }>; status?: number; view?: string; headers: Record<string, string> };

/** Just enough of a response to see what the middleware sends; `answered` when it draws a page itself. */
const fakeResponse = (sent: Sent, answered: () => void) =>
  ({
    locals: {} as Record<string, unknown>,
    cookie: (name: string, value: string, options: CookieOptions) => {
      sent.cookies[name] = { value, options };
    },
    clearCookie: (name: string, options: CookieOptions) => {
      sent.cookies[name] = { value: '', options };
    },
    setHeader: (name: string, value: string) => {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    render: (view: string) => {
      sent.view = view;
      answered();
    },
  }) as unknown as Response;

describe('the session cookie', () => {
  let database: PgDatabase;
  let sessions: Sessions;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    database = new PgDatabase(url);
    await new UserStore(database).insert({ id: coach.userId, username: coach.username, passwordHash: 'not used here', role: coach.role, organisation: coach.organisation });
    sessions = new Sessions(new SessionStore(database), tokens, settings);
  });
  afterAll(() => database.pool.end());

  /** The middleware on a request with these cookies; resolves once it has passed the request on or answered it. */
  const run = async (cookies: Record<string, string>, { secure = false, using = sessions } = {}) => {
    const request = { cookies, secure } as unknown as WebRequest;
    const sent: Sent = { cookies: {}, headers: {} };
    let passed = false;
    let response = {} as Response;
    await new Promise<void>((done) => {
      response = fakeResponse(sent, done);
      sessionMiddleware(using, tokens, settings)(request, response, () => {
        passed = true;
        done();
      });
    });
    return { request, response, sent, passed };
  };

  const expiresAtOf = async (sessionId: string): Promise<Date | undefined> =>
    (await database.pool.query<{ expires_at: Date }>('select expires_at from sessions where id = $1', [sessionId])).rows[0]?.expires_at;

  it('signs the user in for the pages from a token of an open session', async () => {
    const { accessToken } = await sessions.open(coach);
    const { request, response, sent, passed } = await run({ [sessionCookie]: accessToken });
    expect(passed).toBe(true);
    expect(request.webActor).toEqual(coach);
    expect(response.locals.user).toEqual(coach);
    expect(sent.cookies[sessionCookie]).toBeUndefined();
  });

  it('renews a token past half its life, in the same session, so it ends a quarter of an hour after the last page, not after sign-in', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const before = await expiresAtOf(sessionId);
    const { request, sent } = await run({ [sessionCookie]: tokenWith(sessionId, 300) });
    const renewed = sent.cookies[sessionCookie].value;
    expect(request.webActor).toEqual(coach);
    expect(tokens.verify(renewed)).toMatchObject({ actor: coach, sessionId });
    expect((await expiresAtOf(sessionId))?.getTime()).toBeGreaterThan(before?.getTime() ?? Infinity);
  });

  it('ignores a forged or expired token, or one of no session: the user is signed out and the cookie dropped', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    for (const token of [tokenWith(sessionId, -1), `${tokenWith(sessionId, 800)}x`, tokenWith('5d0c4b8e-1111-4a2b-9c3d-4e5f6a7b8c9d', 800)]) {
      const { request, sent, passed } = await run({ [sessionCookie]: token });
      expect({ passed, actor: request.webActor, cookie: sent.cookies[sessionCookie]?.value }).toEqual({ passed: true, actor: undefined, cookie: '' });
    }
  });

  it('refuses the cookie, and any copy of it, once its user has signed out', async () => {
    const { accessToken } = await sessions.open(coach);
    const signingOut = await run({ [sessionCookie]: accessToken });
    await endSignedInSession(sessions, signingOut.request, signingOut.response);
    expect(signingOut.sent.cookies[sessionCookie].value).toBe('');
    const copied = await run({ [sessionCookie]: accessToken });
    expect(copied.request.webActor).toBeUndefined();
    expect(await sessions.check(accessToken)).toBeUndefined();
  });

  it('refuses every session of a user whose sessions were all ended', async () => {
    const first = (await sessions.open(coach)).accessToken;
    const second = (await sessions.open(coach)).accessToken;
    await sessions.endAllOf(coach.userId);
    for (const token of [first, second]) expect((await run({ [sessionCookie]: token })).request.webActor).toBeUndefined();
  });

  it('does not renew a session that ended meanwhile', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const halfGone = tokenWith(sessionId, 300);
    await sessions.end(halfGone);
    const { request, sent } = await run({ [sessionCookie]: halfGone });
    expect({ actor: request.webActor, cookie: sent.cookies[sessionCookie]?.value }).toEqual({ actor: undefined, cookie: '' });
  });

  it('tells the page when the session ends: the token’s expiry, or a full life from now once renewed', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const early = await run({ [sessionCookie]: tokenWith(sessionId, 800) });
    const renewed = await run({ [sessionCookie]: tokenWith(sessionId, 300) });
    expect(early.response.locals.session).toEqual({ endsAt: expect.any(String), endsAtText: expect.stringMatching(/^\d\d:\d\d$/), secondsLeft: expect.any(Number) });
    const secondsLeft = (locals: Record<string, unknown>) => (locals.session as { secondsLeft: number }).secondsLeft;
    expect(secondsLeft(early.response.locals)).toBeGreaterThanOrEqual(798);
    expect(secondsLeft(early.response.locals)).toBeLessThanOrEqual(800);
    expect(secondsLeft(renewed.response.locals)).toBeGreaterThanOrEqual(settings.tokenTtlSeconds - 2);
    expect(new Date((early.response.locals.session as { endsAt: string }).endsAt).getTime()).toBe(tokens.verify(tokenWith(sessionId, 800))?.expiresAt.getTime());
  });

  it('keeps the cookie for hours after its token expires, so that a form sent late still says whose it was', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const { sent } = await run({ [sessionCookie]: tokenWith(sessionId, 300) });
    expect(sent.cookies[sessionCookie].options.maxAge).toBe((settings.tokenTtlSeconds + lapsedFormSeconds) * 1000);
  });

  it('names the user of a genuine token that expired lately, while signing nobody in; never for a forged, ended or long-expired one', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const lately = await run({ [sessionCookie]: tokenWith(sessionId, -60) });
    expect({ actor: lately.request.webActor, lapsed: lapsedActorOf(lately.request), cookie: lately.sent.cookies[sessionCookie]?.value }).toEqual({
      actor: undefined,
      lapsed: coach,
      cookie: '',
    });
    const signedOut = tokenWith(sessionId, 800);
    await sessions.end(signedOut);
    const forged = `${tokenWith(sessionId, -60)}x`;
    for (const token of [forged, tokenWith(sessionId, -lapsedFormSeconds - 60), signedOut]) {
      const { request } = await run({ [sessionCookie]: token });
      expect({ actor: request.webActor, lapsed: lapsedActorOf(request) }).toEqual({ actor: undefined, lapsed: undefined });
    }
  });

  it('keeps a session open for its full life again on "Stay signed in", in the same session', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    await database.pool.query(`update sessions set expires_at = now() + interval '700 seconds' where id = $1`, [sessionId]);
    const { request, response, sent } = await run({ [sessionCookie]: tokenWith(sessionId, 700) });
    expect(sent.cookies[sessionCookie]).toBeUndefined();
    const endsAt = await staySignedIn(sessions, settings, request, response);
    expect(endsAt?.getTime()).toBeGreaterThan(Date.now() + (settings.tokenTtlSeconds - 2) * 1000);
    expect(tokens.verify(sent.cookies[sessionCookie].value)).toMatchObject({ actor: coach, sessionId, expiresAt: endsAt });
    expect((await expiresAtOf(sessionId))?.getTime()).toBeGreaterThan(Date.now() + (settings.tokenTtlSeconds - 5) * 1000);
    expect((response.locals.session as { secondsLeft: number }).secondsLeft).toBeGreaterThanOrEqual(settings.tokenTtlSeconds - 2);
  });

  it('keeps nobody signed in on "Stay signed in" without an open session', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    const ended = tokenWith(sessionId, 800);
    await sessions.end(ended);
    const { request, response } = await run({ [sessionCookie]: ended });
    await expect(staySignedIn(sessions, settings, request, response)).resolves.toBeUndefined();
  });

  it('marks the cookie Secure when the page came over HTTPS, and only then', async () => {
    const sessionId = sessionIdOf((await sessions.open(coach)).accessToken);
    expect((await run({ [sessionCookie]: tokenWith(sessionId, 300) }, { secure: true })).sent.cookies[sessionCookie].options).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
    });
    expect((await run({ [sessionCookie]: tokenWith(sessionId, 300) }, { secure: false })).sent.cookies[sessionCookie].options).toMatchObject({ secure: false });
  });

  it('shows a confirmation once, then forgets it', async () => {
    const { response, sent } = await run({ sc_flash: 'Panel recorded' });
    expect(response.locals.flash).toBe('Panel recorded');
    expect(sent.cookies.sc_flash.value).toBe('');
  });

  it('answers 503 with Retry-After, never the page, when the sign-in cannot be checked', async () => {
    const { accessToken } = await sessions.open(coach);
    const unreachable = new PgDatabase('postgres://nobody@127.0.0.1:1/none');
    try {
      const { request, sent, passed } = await run({ [sessionCookie]: accessToken }, { using: new Sessions(new SessionStore(unreachable), tokens, settings) });
      expect({ passed, actor: request.webActor, status: sent.status, view: sent.view, retryAfter: sent.headers['Retry-After'] }).toEqual({
        passed: false,
        actor: undefined,
        status: 503,
        view: 'error',
        retryAfter: '5',
      });
    } finally {
      await unreachable.pool.end();
    }
  });
});
