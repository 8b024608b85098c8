import { JwtService } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens';
import { Actor } from './actor';
import { AuthSettings, defaultAuthSettings } from './auth.settings';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const settings: AuthSettings = { ...defaultAuthSettings, jwtSecret: secret };
const tokens = new AccessTokens(settings);
const officer: Actor = { userId: '6f1d3c0e-4d7a-4c55-9a57-2f0f3f3f8a11', username: 'w.officer', role: 'caution-officer', organisation: 'wdp' };

const signed = (payload: Record<string, unknown>, options: { secret?: string; expiresIn?: number; issuer?: string } = {}): string =>
  new JwtService({}).sign(payload, { secret: options.secret ?? secret, expiresIn: options.expiresIn ?? 60, issuer: options.issuer ?? 'safer-cases', subject: officer.userId });

describe('access tokens', () => {
  it('carries who the user is and their role, for 15 minutes', () => {
    const { accessToken, expiresIn } = tokens.issue(officer);
    expect(expiresIn).toBe(900);
    expect(tokens.verify(accessToken)).toEqual(officer);
    const { exp, iat } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(900);
  });

  it('refuses a token signed with another secret', () => {
    expect(tokens.verify(signed({ username: 'w.officer', role: 'admin', organisation: 'council' }, { secret: 'another-secret-of-thirty-two-characters!' }))).toBeUndefined();
  });

  it('refuses an expired token', () => {
    expect(tokens.verify(signed({ username: 'w.officer', role: 'caution-officer', organisation: 'wdp' }, { expiresIn: -1 }))).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', () => {
    const [, payload] = tokens.issue(officer).accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(tokens.verify(`${header}.${payload}.`)).toBeUndefined();
  });

  it('refuses a token from another issuer, or naming a role or organisation that does not fit', () => {
    expect(tokens.verify(signed({ username: 'x', role: 'caution-officer', organisation: 'wdp' }, { issuer: 'someone-else' }))).toBeUndefined();
    expect(tokens.verify(signed({ username: 'x', role: 'superuser', organisation: 'wdp' }))).toBeUndefined();
    expect(tokens.verify(signed({ username: 'x', role: 'caution-officer', organisation: 'police' }))).toBeUndefined();
    expect(tokens.verify(signed({ role: 'caution-officer', organisation: 'wdp' }))).toBeUndefined();
  });

  it('refuses what is not a token at all', () => {
    for (const text of ['', 'abc', 'a.b.c', tokens.issue(officer).accessToken.slice(0, -2)]) expect(tokens.verify(text)).toBeUndefined();
  });
});
