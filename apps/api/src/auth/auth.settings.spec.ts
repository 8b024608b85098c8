import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authSettingsFromEnvironment, secretFileName } from './auth.settings';

describe('sign-in settings from the environment', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'safer-cases-auth-')), 'data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('signs with JWT_SECRET when it is set, and writes no file', () => {
    const jwtSecret = 'a'.repeat(40);
    expect(authSettingsFromEnvironment({ JWT_SECRET: jwtSecret }, dataDir).jwtSecret).toBe(jwtSecret);
    expect(() => statSync(join(dataDir, secretFileName))).toThrow();
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(() => authSettingsFromEnvironment({ JWT_SECRET: 'short' }, dataDir)).toThrow('JWT_SECRET must be at least 32 characters');
  });

  it('otherwise makes a random secret under DATA_DIR, readable by its owner only, and keeps it across starts', () => {
    const first = authSettingsFromEnvironment({}, dataDir).jwtSecret;
    const file = join(dataDir, secretFileName);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(authSettingsFromEnvironment({}, dataDir).jwtSecret).toBe(first);
  });

  it('makes a different secret for every new data directory', () => {
    const other = join(dataDir, 'other');
    expect(authSettingsFromEnvironment({}, dataDir).jwtSecret).not.toBe(authSettingsFromEnvironment({}, other).jwtSecret);
  });

  it('closes a secret file others can read', () => {
    authSettingsFromEnvironment({}, dataDir);
    const file = join(dataDir, secretFileName);
    chmodSync(file, 0o644);
    authSettingsFromEnvironment({}, dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a secret file too short to be a key', () => {
    authSettingsFromEnvironment({}, dataDir);
    writeFileSync(join(dataDir, secretFileName), 'tiny');
    expect(() => authSettingsFromEnvironment({}, dataDir)).toThrow('at least 32 characters');
  });

  it('reads BOOTSTRAP_ADMIN_PASSWORD, an empty one as none, and keeps tokens for 15 minutes', () => {
    const env = { JWT_SECRET: 'b'.repeat(32) };
    expect(authSettingsFromEnvironment({ ...env, BOOTSTRAP_ADMIN_PASSWORD: 'first admin password' }, dataDir).bootstrapAdminPassword).toBe('first admin password');
    expect(authSettingsFromEnvironment({ ...env, BOOTSTRAP_ADMIN_PASSWORD: '' }, dataDir).bootstrapAdminPassword).toBeUndefined();
    expect(authSettingsFromEnvironment(env, dataDir)).toMatchObject({ tokenTtlSeconds: 900, lockout: { failures: 5, minutes: 15 } });
  });

  it('limits sign-in to 10 attempts a minute per username and address, and 100 per address, unless told otherwise', () => {
    const env = { JWT_SECRET: 'b'.repeat(32) };
    expect(authSettingsFromEnvironment(env, dataDir).signInLimits).toEqual({ perUsernameAndAddress: 10, perAddress: 100, windowMs: 60_000 });
    expect(authSettingsFromEnvironment({ ...env, SIGN_IN_LIMIT_PER_USERNAME_AND_ADDRESS: '5', SIGN_IN_LIMIT_PER_ADDRESS: '300' }, dataDir).signInLimits).toEqual({
      perUsernameAndAddress: 5,
      perAddress: 300,
      windowMs: 60_000,
    });
  });

  it.each(['0', '-3', 'ten', '2.5'])('refuses a sign-in limit of %s', (value) => {
    const env = { JWT_SECRET: 'b'.repeat(32) };
    expect(() => authSettingsFromEnvironment({ ...env, SIGN_IN_LIMIT_PER_ADDRESS: value }, dataDir)).toThrow(
      `SIGN_IN_LIMIT_PER_ADDRESS must be a whole number of sign-in attempts a minute, 1 or more, not "${value}"`,
    );
    expect(() => authSettingsFromEnvironment({ ...env, SIGN_IN_LIMIT_PER_USERNAME_AND_ADDRESS: value }, dataDir)).toThrow('SIGN_IN_LIMIT_PER_USERNAME_AND_ADDRESS must be');
  });

  it('takes the proxies to trust from TRUST_PROXY', () => {
    expect(authSettingsFromEnvironment({ JWT_SECRET: 'b'.repeat(32), TRUST_PROXY: 'loopback' }, dataDir).trustProxy).toEqual(['loopback']);
    expect(() => authSettingsFromEnvironment({ JWT_SECRET: 'b'.repeat(32), TRUST_PROXY: 'the proxy' }, dataDir)).toThrow(/^TRUST_PROXY must be/);
  });
});
