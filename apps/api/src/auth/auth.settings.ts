import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnvironment } from '../config';

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
  /** Sign-in attempts allowed from one address per window, whatever the username. */
  abstract readonly loginRateLimit: { attempts: number; windowMs: number };
}

export const minimumSecretLength = 32;
export const secretFileName = 'jwt-secret';
export const adminPasswordFileName = 'admin-password';

export const defaultAuthSettings = {
  tokenTtlSeconds: 15 * 60,
  lockout: { failures: 5, minutes: 15 },
  loginRateLimit: { attempts: 10, windowMs: 60_000 },
} as const;

/**
 * `JWT_SECRET` when set; otherwise a random secret kept in `DATA_DIR/jwt-secret` (mode 0600),
 * made on the first start, so that tokens outlive a restart and nobody has to invent one.
 */
export const authSettingsFromEnvironment = (env: NodeJS.ProcessEnv = process.env, dataDir = configFromEnvironment(env).dataDir): AuthSettings => {
  const jwtSecret = env.JWT_SECRET ? env.JWT_SECRET : secretKeptUnder(dataDir);
  if (jwtSecret.length < minimumSecretLength) throw new Error(`JWT_SECRET must be at least ${minimumSecretLength} characters`);
  return { ...defaultAuthSettings, jwtSecret, bootstrapAdminPassword: env.BOOTSTRAP_ADMIN_PASSWORD || undefined, generatedAdminPasswordFile: join(dataDir, adminPasswordFileName) };
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
