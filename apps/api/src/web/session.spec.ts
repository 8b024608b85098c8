import { JwtService } from '@nestjs/jwt';
import type { Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import { Actor } from '../auth/actor';
import { AuthSettings, defaultAuthSettings } from '../auth/auth.settings';
import { sessionCookie, sessionMiddleware } from './session';
import { WebRequest } from './web-request';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const settings: AuthSettings = { ...defaultAuthSettings, jwtSecret: secret };
const tokens = new AccessTokens(settings);
const coach: Actor = { userId: '0b6c9a58-7f31-4f7e-8d1e-3c7f1b2a9e10', username: 'h.coach', role: 'coaching-coordinator', organisation: 'home-start' };

/** A token of the coach's that has `secondsLeft` to live. */
const tokenWith = (secondsLeft: number): string =>
  new JwtService({}).sign(
    { username: coach.username, role: coach.role, organisation: coach.organisation },
    { secret, expiresIn: secondsLeft, issuer: 'safer-cases', subject: coach.userId },
  );

const run = (cookies: Record<string, string>) => {
  const request = { cookies, secure: false } as unknown as WebRequest;
  const set: Record<string, string> = {};
  const response = {
    locals: {} as Record<string, unknown>,
    cookie: (name: string, value: string) => {
      set[name] = value;
    },
    clearCookie: (name: string) => {
      set[name] = '';
    },
  } as unknown as Response;
  let passed = false;
  sessionMiddleware(tokens, settings)(request, response, () => {
    passed = true;
  });
  return { request, response, set, passed };
};

describe('the session cookie', () => {
  it('signs the user in for the pages from a valid token', () => {
    const token = tokenWith(800);
    const { request, response, set, passed } = run({ [sessionCookie]: token });
    expect(passed).toBe(true);
    expect(request.webActor).toEqual(coach);
    expect(request.webToken).toBe(token);
    expect(response.locals.user).toEqual(coach);
    expect(set[sessionCookie]).toBeUndefined();
  });

  it('renews a token past half its life, so a session ends a quarter of an hour after the last page, not after sign-in', () => {
    const { request, set } = run({ [sessionCookie]: tokenWith(300) });
    expect(set[sessionCookie]).toBeDefined();
    expect(request.webToken).toBe(set[sessionCookie]);
    expect(tokens.verify(set[sessionCookie])).toEqual(coach);
  });

  it('ignores a forged or expired token: the user is signed out', () => {
    expect(run({ [sessionCookie]: tokenWith(-1) }).request.webActor).toBeUndefined();
    expect(run({ [sessionCookie]: `${tokenWith(800)}x` }).request.webActor).toBeUndefined();
  });

  it('shows a confirmation once, then forgets it', () => {
    const { response, set } = run({ sc_flash: 'Panel recorded' });
    expect(response.locals.flash).toBe('Panel recorded');
    expect(set.sc_flash).toBe('');
  });
});
