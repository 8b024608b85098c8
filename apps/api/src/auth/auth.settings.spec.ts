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
});
