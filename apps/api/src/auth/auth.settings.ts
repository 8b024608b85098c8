import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnvironment, TrustProxy } from '../config';

/** How sign-in works here; from the environment in the app, fixed in the tests. */
export abstract class AuthSettings {
  /** The HMAC key access tokens are signed with (HS256). */
  abstract readonly jwtSecret: string;
  abstract readonly tokenTtlSeconds: number;
  /** On a first start with no users, user `admin` is created with this password. */
  abstract readonly bootstrapAdminPassword?: string;
  /**
   * Without one, on a first start with no users, a password is made for `admin` and written to
   * this file (mode 0600), for whoever installed the service to read and sign in with.
   */
  abstract readonly generatedAdminPasswordFile?: string;
  /** Failed sign-ins in a row that lock an account, and for how long. */
  abstract readonly lockout: { failures: number; minutes: number };
  /**
   * Sign-in attempts allowed per window: for one username from one address, and from one
   * address whatever the username. The second is higher, so that one person's mistakes do not
   * shut out the whole office behind the same address, while guessing many usernames still stops.
   */
  abstract readonly signInLimits: { perUsernameAndAddress: number; perAddress: number; windowMs: number };
  /** The proxies believed about HTTPS and client addresses (TRUST_PROXY): what makes cookies Secure and counts attempts per address. */
  abstract readonly trustProxy: TrustProxy;
}

export const minimumSecretLength = 32;
export const secretFileName = 'jwt-secret';
export const adminPasswordFileName = 'admin-password';

export const defaultAuthSettings = {
  tokenTtlSeconds: 15 * 60,
  lockout: { failures: 5, minutes: 15 },
  signInLimits: { perUsernameAndAddress: 10, perAddress: 100, windowMs: 60_000 },
  trustProxy: false,
} as const;

/**
 * `JWT_SECRET` when set; otherwise a random secret kept in `DATA_DIR/jwt-secret` (mode 0600),
 * made on the first start, so that tokens outlive a restart and nobody has to invent one.
 * `SIGN_IN_LIMIT_PER_USERNAME_AND_ADDRESS` and `SIGN_IN_LIMIT_PER_ADDRESS` are attempts a minute.
 */
export const authSettingsFromEnvironment = (env: NodeJS.ProcessEnv = process.env, dataDir?: string): AuthSettings => {
  const config = configFromEnvironment(env);
  const dataDirectory = dataDir ?? config.dataDir;
  const jwtSecret = env.JWT_SECRET ? env.JWT_SECRET : secretKeptUnder(dataDirectory);
  if (jwtSecret.length < minimumSecretLength) throw new Error(`JWT_SECRET must be at least ${minimumSecretLength} characters`);
  const limits = defaultAuthSettings.signInLimits;
  return {
    ...defaultAuthSettings,
    jwtSecret,
    bootstrapAdminPassword: env.BOOTSTRAP_ADMIN_PASSWORD || undefined,
    generatedAdminPasswordFile: join(dataDirectory, adminPasswordFileName),
    signInLimits: {
      perUsernameAndAddress: attemptsFrom(env, 'SIGN_IN_LIMIT_PER_USERNAME_AND_ADDRESS', limits.perUsernameAndAddress),
      perAddress: attemptsFrom(env, 'SIGN_IN_LIMIT_PER_ADDRESS', limits.perAddress),
      windowMs: limits.windowMs,
    },
    trustProxy: config.trustProxy,
  };
};

const attemptsFrom = (env: NodeJS.ProcessEnv, name: string, otherwise: number): number => {
  const value = env[name]?.trim();
  if (!value) return otherwise;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a whole number of sign-in attempts a minute, 1 or more, not "${value}"`);
  return Number(value);
};

const secretKeptUnder = (dataDir: string): string => {
  const file = join(dataDir, secretFileName);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
};
