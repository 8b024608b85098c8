import { randomBytes } from 'node:crypto';

/**
 * Sets the sign-in variables of shared/API.md that are not set yet (a bootstrap admin password,
 * a JWT secret, so that nothing is written under DATA_DIR) for an app started in this process;
 * returns a function that puts the environment back.
 */
/** Chosen once per run: the benches share one database, so the admin made by the first must sign in for the next. */
const defaults = { BOOTSTRAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url'), JWT_SECRET: randomBytes(48).toString('base64url') };

export const benchSignInEnvironment = (): (() => void) => {
  const missing = Object.entries(defaults).filter(([name]) => process.env[name] === undefined);
  for (const [name, value] of missing) process.env[name] = value;
  return () => {
    for (const [name] of missing) delete process.env[name];
  };
};

/** As shared/API.md has it: the bootstrap admin adds a user of `role`, who signs in; answers its bearer header. */
export const signIn = async (base: string, role: string, organisation: string): Promise<Record<string, string>> => {
  const post = async (path: string, body: unknown, token?: string): Promise<{ accessToken?: string }> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { accessToken?: string };
  };
  const { accessToken: admin } = await post('/api/auth/login', { username: 'admin', password: process.env.BOOTSTRAP_ADMIN_PASSWORD });
  const username = `bench-${role}-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await post('/api/users', { username, password, role, organisation }, admin);
  const { accessToken } = await post('/api/auth/login', { username, password });
  return { authorization: `Bearer ${accessToken}` };
};
