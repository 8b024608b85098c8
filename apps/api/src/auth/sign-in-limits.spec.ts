import { AuthSettings, defaultAuthSettings } from './auth.settings';
import { SignInLimits } from './sign-in-limits';

const settings: AuthSettings = { ...defaultAuthSettings, jwtSecret: 'x'.repeat(32), signInLimits: { perUsernameAndAddress: 2, perAddress: 4, windowMs: 60_000 } };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 9, 0, seconds));

describe('sign-in limits', () => {
  it('stops a username from an address past its limit, saying how long until the window ends', () => {
    const limits = new SignInLimits(settings);
    expect(limits.attempt('j.smith', '10.0.0.1', at(0))).toBeUndefined();
    expect(limits.attempt('j.smith', '10.0.0.1', at(10))).toBeUndefined();
    expect(limits.attempt('j.smith', '10.0.0.1', at(15))).toEqual({ scope: 'username-and-address', retryAfterSeconds: 45 });
  });

  it('lets the same username from another address, and another username from the same one', () => {
    const limits = new SignInLimits(settings);
    for (let attempt = 0; attempt < 3; attempt++) limits.attempt('j.smith', '10.0.0.1', at(attempt));
    expect(limits.attempt('j.smith', '10.0.0.2', at(5))).toBeUndefined();
    expect(limits.attempt('a.jones', '10.0.0.1', at(5))).toBeUndefined();
  });

  it('stops an address past its own limit, whatever the username', () => {
    const limits = new SignInLimits(settings);
    for (const username of ['a', 'b', 'c', 'd']) expect(limits.attempt(username, '10.0.0.3', at(0))).toBeUndefined();
    expect(limits.attempt('e', '10.0.0.3', at(30))).toEqual({ scope: 'address', retryAfterSeconds: 30 });
  });

  it('starts again once the window is over', () => {
    const limits = new SignInLimits(settings);
    for (let attempt = 0; attempt < 3; attempt++) limits.attempt('j.smith', '10.0.0.4', at(attempt));
    expect(limits.attempt('j.smith', '10.0.0.4', at(59))).toBeDefined();
    expect(limits.attempt('j.smith', '10.0.0.4', at(60))).toBeUndefined();
  });
});
