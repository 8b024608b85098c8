import { JwtService } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens';
import { Actor } from './actor';
import { AuthSettings, defaultAuthSettings } from './auth.settings';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const settings: AuthSettings = { ...defaultAuthSettings, jwtSecret: secret };
const tokens = new AccessTokens(settings);
const officer: Actor = { userId: '6f1d3c0e-4d7a-4c55-9a57-2f0f3f3f8a11', username: 'w.officer', role: 'caution-officer', organisation: 'wdp' };
const sessionId = '0f5b7f8e-2c4d-4e6f-8a1b-3c5d7e9f1a2b';

const signed = (payload: Record<string, unknown>, options: { secret?: string; expiresIn?: number; issuer?: string; algorithm?: 'HS256' | 'HS512' } = {}): string =>
  new JwtService({}).sign(payload, {
    secret: options.secret ?? secret,
    expiresIn: options.expiresIn ?? 60,
    issuer: options.issuer ?? 'safer-cases',
    subject: officer.userId,
    algorithm: options.algorithm ?? 'HS256',
  });

describe('access tokens', () => {
  it('carries who the user is, their role and their session, for 15 minutes', () => {
    const { accessToken, expiresIn } = tokens.issue(officer, sessionId);
    expect(expiresIn).toBe(900);
    const { exp, iat } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(900);
    expect(tokens.verify(accessToken)).toEqual({ actor: officer, sessionId, expiresAt: new Date(exp * 1000) });
  });

  it('refuses a token of no session, or of a session id that is no id', () => {
    expect(tokens.verify(signed({ username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }))).toBeUndefined();
    expect(tokens.verify(signed({ sid: 'not-a-uuid', username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }))).toBeUndefined();
    expect(tokens.verify(signed({ sid: sessionId, username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }))?.sessionId).toBe(sessionId);
  });

  it('refuses a token signed with another secret', () => {
    expect(
      tokens.verify(signed({ sid: sessionId, username: 'w.officer', role: 'admin', organisation: 'council' }, { secret: 'another-secret-of-thirty-two-characters!' })),
    ).toBeUndefined();
  });

  it('refuses an expired token', () => {
    expect(tokens.verify(signed({ sid: sessionId, username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }, { expiresIn: -1 }))).toBeUndefined();
  });

  it('verifies a token signed with the secret as text, as tokens were signed before the key was made once', () => {
    expect(tokens.verify(signed({ sid: sessionId, username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }))?.actor).toEqual(officer);
  });

  it('refuses a token signed with our secret under another algorithm than HS256', () => {
    expect(tokens.verify(signed({ sid: sessionId, username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }, { algorithm: 'HS512' }))).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', () => {
    const [, payload] = tokens.issue(officer, sessionId).accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(tokens.verify(`${header}.${payload}.`)).toBeUndefined();
  });

  it('refuses a token from another issuer, or naming a role or organisation that does not fit', () => {
    const sid = sessionId;
    expect(tokens.verify(signed({ sid, username: 'x', role: 'caution-officer', organisation: 'wdp' }, { issuer: 'someone-else' }))).toBeUndefined();
    expect(tokens.verify(signed({ sid, username: 'x', role: 'superuser', organisation: 'wdp' }))).toBeUndefined();
    expect(tokens.verify(signed({ sid, username: 'x', role: 'caution-officer', organisation: 'police' }))).toBeUndefined();
    expect(tokens.verify(signed({ sid, role: 'caution-officer', organisation: 'wdp' }))).toBeUndefined();
  });

  it('refuses what is not a token at all', () => {
    for (const text of ['', 'abc', 'a.b.c', tokens.issue(officer, sessionId).accessToken.slice(0, -2)]) expect(tokens.verify(text)).toBeUndefined();
  });
});
