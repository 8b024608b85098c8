import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Sessions } from '../apps/api/src/auth/sessions';
import { expectAccepted, expectRefused } from './support/expectations';
import { startTestApp, TestApp, testJwtSecret, testPassword } from './support/test-app';
import type { Response } from 'supertest';
import { newVisitor, sendForm, setCookie, Visitor, visit, webSignIn } from './support/web-sign-in';

const today = '2015-12-31';

const referral = (organisation = 'police') => ({
  programme: 'restorative-justice',
  referredOn: '2015-01-20',
  referrer: { organisation },
  subject: { givenName: 'Alex' },
  offence: { type: 'criminal damage', date: '2015-01-10' },
});

/** The session id a token names. */
const sessionIdOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

/**
 * A sign-in on the page, refused: the POST sends the browser back (303) to the sign-in page, and
 * answers the page that follows, as the browser would draw it.
 */
const refusedSignIn = async (app: TestApp, visitor: Visitor, username: string, password: string): Promise<Response> => {
  const sent = await webSignIn(app, visitor, username, password);
  expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/sign-in' });
  return visit(app, visitor, '/sign-in');
};

const query = async <Row>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> => {
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
};

describe('signing in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const login = (username: string, password: string) => app.http().post('/api/auth/login').send({ username, password });
  const newUser = async (role = 'caution-officer', organisation = 'wdp'): Promise<{ username: string; password: string }> => {
    const user = { username: `user-${randomUUID().slice(0, 8)}`, password: `a long password ${randomUUID()}` };
    expect(
      (
        await app
          .as('admin')
          .post('/api/users')
          .send({ ...user, role, organisation })
      ).status,
    ).toBe(201);
    return user;
  };

  describe('POST /api/auth/login', () => {
    it('answers a short-lived bearer token for the right password, which then opens the routes of the role', async () => {
      const response = await login('commissioner', testPassword);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expiresIn: 900 });
      expect(response.headers['cache-control']).toBe('no-store');

      const targets = await app.http().get('/api/targets?programme=restorative-justice').set('Authorization', `Bearer ${response.body.accessToken}`);
      expect(targets.status).toBe(200);
      const cases = await app.http().get('/api/cases').set('Authorization', `Bearer ${response.body.accessToken}`);
      expect(cases.status).toBe(403);
    });

    it('takes the username in any case', async () => {
      expect((await login('Commissioner', testPassword)).status).toBe(200);
    });

    it('answers 401 alike for a wrong password and for a username nobody has', async () => {
      const wrong = await login('commissioner', 'not the password at all');
      const unknown = await login(`nobody-${randomUUID().slice(0, 8)}`, testPassword);
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password', code: 'invalid-credentials' });
      }
    });

    it('refuses a body without a username or password with 400', async () => {
      const response = await app.http().post('/api/auth/login').send({ username: 'commissioner' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
    });
  });

  describe('after repeated wrong passwords', () => {
    it('locks the account on the fifth in a row, and refuses even the right password while locked', async () => {
      const user = await newUser();
      for (let attempt = 1; attempt <= 4; attempt++) expect((await login(user.username, 'wrong password!')).status).toBe(401);
      const fifth = await login(user.username, 'wrong password!');
      expect(fifth.status).toBe(429);
      expect(fifth.body.code).toBe('account-locked');

      const right = await login(user.username, user.password);
      expect(right.status).toBe(429);
      expect(right.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('locked'), code: 'account-locked' });
      expect(right.body.accessToken).toBeUndefined();
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    });

    it('unlocks after 15 minutes', async () => {
      const user = await newUser();
      for (let attempt = 1; attempt <= 5; attempt++) await login(user.username, 'wrong password!');
      app.clock.advanceMinutes(14);
      expect((await login(user.username, user.password)).status).toBe(429);
      app.clock.advanceMinutes(1);
      expect((await login(user.username, user.password)).status).toBe(200);
    });

    it('counts only wrong passwords in a row: a right one starts the count again', async () => {
      const user = await newUser();
      for (let attempt = 1; attempt <= 4; attempt++) await login(user.username, 'wrong password!');
      expect((await login(user.username, user.password)).status).toBe(200);
      for (let attempt = 1; attempt <= 4; attempt++) expect((await login(user.username, 'wrong password!')).status).toBe(401);
      expect((await login(user.username, user.password)).status).toBe(200);
    });

    it('locks that account only', async () => {
      const locked = await newUser();
      const other = await newUser();
      for (let attempt = 1; attempt <= 5; attempt++) await login(locked.username, 'wrong password!');
      expect((await login(other.username, other.password)).status).toBe(200);
    });

    it('counts wrong passwords on the sign-in page and through the API together', async () => {
      const user = await newUser();
      for (let attempt = 1; attempt <= 3; attempt++) expect((await login(user.username, 'wrong password!')).status).toBe(401);
      const visitor = newVisitor();
      expect((await refusedSignIn(app, visitor, user.username, 'wrong password!')).status).toBe(401);
      const fifth = await refusedSignIn(app, visitor, user.username, 'wrong password!');
      expect(fifth.status).toBe(429);
      expect(fifth.text).toContain('This account is locked after too many wrong passwords');
      expect((await login(user.username, user.password)).body.code).toBe('account-locked');
    });

    it('counts racing wrong passwords every one', async () => {
      const user = await newUser();
      const answers = await Promise.all(Array.from({ length: 5 }, () => login(user.username, 'wrong password!')));
      expect(answers.map((answer) => answer.status).sort()).toEqual([401, 401, 401, 401, 429]);
      expect((await login(user.username, user.password)).status).toBe(429);
    });
  });

  describe('POST /api/users', () => {
    it('lets an administrator add a user, who signs in with the role and organisation given', async () => {
      const username = `p.officer-${randomUUID().slice(0, 6)}`;
      const password = 'twelve chars';
      const created = await app.as('admin').post('/api/users').send({ username, password, role: 'referrer', organisation: 'probation' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

      const { accessToken } = (await login(username, password)).body;
      const asProbation = await app.http().post('/api/cases').set('Authorization', `Bearer ${accessToken}`).send(referral('probation'));
      expectAccepted(asProbation);
      const asPolice = await app.http().post('/api/cases').set('Authorization', `Bearer ${accessToken}`).send(referral('police'));
      expect(asPolice.status).toBe(403);
    });

    it('keeps only an argon2id hash of the password', async () => {
      const user = await newUser();
      const rows = await query<{ password_hash: string }>(app.databaseUrl, 'select password_hash from users where username = $1', [user.username]);
      expect(rows).toHaveLength(1);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
      expect(rows[0].password_hash).not.toContain(user.password);
    });

    it('refuses a username already taken with 409', async () => {
      const user = await newUser();
      const again = await app
        .as('admin')
        .post('/api/users')
        .send({ ...user, role: 'commissioner', organisation: 'council' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('username-taken');
    });

    it.each([
      ['a role that does not exist', { role: 'superuser', organisation: 'council' }, 'role'],
      ['an organisation that does not exist', { role: 'referrer', organisation: 'mi5' }, 'organisation'],
      ['a Victim Support role in the police', { role: 'rj-coordinator', organisation: 'police' }, 'organisation'],
      ['a WDP referrer', { role: 'referrer', organisation: 'wdp' }, 'organisation'],
      ['a commissioner outside the council', { role: 'commissioner', organisation: 'police' }, 'organisation'],
      ['an administrator outside the council', { role: 'admin', organisation: 'home-start' }, 'organisation'],
      ['a coaching coordinator outside Home-Start', { role: 'coaching-coordinator', organisation: 'victim-support' }, 'organisation'],
      ['a caution officer outside WDP', { role: 'caution-officer', organisation: 'probation' }, 'organisation'],
      ['a password under 12 characters', { role: 'referrer', organisation: 'police', password: 'eleven char' }, 'password'],
      ['a username with capitals or spaces', { role: 'referrer', organisation: 'police', username: 'Jo Smith' }, 'username'],
    ])('refuses %s with 400 naming the field', async (_, fields, field) => {
      const body = { username: `u-${randomUUID().slice(0, 8)}`, password: 'long enough password', ...fields };
      const response = await app.as('admin').post('/api/users').send(body);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field })]);
      expect(await query(app.databaseUrl, 'select 1 from users where username = $1', [body.username])).toEqual([]);
    });

    it('tells why the organisation does not fit the role', async () => {
      const response = await app.as('admin').post('/api/users').send({ username: 'x-officer', password: 'long enough password', role: 'rj-coordinator', organisation: 'police' });
      expect(response.body.details).toEqual([{ field: 'organisation', problems: ['a rj-coordinator belongs to victim-support'], constraints: ['fitsRole'] }]);
    });

    it('is for administrators only', async () => {
      const body = { username: `u-${randomUUID().slice(0, 8)}`, password: 'long enough password', role: 'admin', organisation: 'council' };
      for (const role of ['referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'commissioner'] as const) {
        expect({ role, status: (await app.as(role).post('/api/users').send(body)).status }).toEqual({ role, status: 403 });
      }
      expect((await app.http().post('/api/users').send(body)).status).toBe(401);
    });
  });

  describe('bearer tokens', () => {
    const sign = (payload: Record<string, unknown>, secret: string, expiresIn: number) =>
      new JwtService({}).sign(payload, { secret, expiresIn, issuer: 'safer-cases', subject: app.user('commissioner').userId });
    const commissioner = { username: 'commissioner', role: 'commissioner', organisation: 'council' };

    it.each([
      ['no Authorization header', undefined],
      ['another scheme', 'Basic Y29tbWlzc2lvbmVyOnBhc3N3b3Jk'],
      ['a token that is no token', 'Bearer not-a-token'],
      ['an empty bearer', 'Bearer '],
    ])('answers 401 with a WWW-Authenticate challenge for %s', async (_, authorization) => {
      const request = app.http().get('/api/targets?programme=restorative-justice');
      const response = authorization === undefined ? await request : await request.set('Authorization', authorization);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Sign in'), code: 'unauthenticated' });
    });

    it('answers 401 for an expired token of an open session', async () => {
      const sid = sessionIdOf((await login('commissioner', testPassword)).body.accessToken);
      const expired = sign({ ...commissioner, sid }, testJwtSecret, -1);
      expect((await app.http().get('/api/targets?programme=restorative-justice').set('Authorization', `Bearer ${expired}`)).status).toBe(401);
      const fresh = sign({ ...commissioner, sid }, testJwtSecret, 60);
      expect((await app.http().get('/api/targets?programme=restorative-justice').set('Authorization', `Bearer ${fresh}`)).status).toBe(200);
    });

    it('answers 401 for a genuine token of no session, or of a session never opened', async () => {
      for (const claims of [commissioner, { ...commissioner, sid: randomUUID() }]) {
        const token = sign(claims, testJwtSecret, 60);
        expect((await app.http().get('/api/targets?programme=restorative-justice').set('Authorization', `Bearer ${token}`)).status).toBe(401);
      }
    });

    it('answers 401 for a token signed with another secret, even naming an administrator', async () => {
      const forged = sign({ username: 'mallory', role: 'admin', organisation: 'council' }, 'a-secret-that-is-not-the-apps-0123456789', 60);
      const response = await app
        .http()
        .post('/api/users')
        .set('Authorization', `Bearer ${forged}`)
        .send({ username: 'mallory', password: 'long enough password', role: 'admin', organisation: 'council' });
      expect(response.status).toBe(401);
    });

    it('leaves the health check and the API docs open, the docs saying every call takes a bearer token', async () => {
      expect((await app.http().get('/health')).status).toBe(200);
      const document = await app.http().get('/api/docs-json');
      expect(document.status).toBe(200);
      expect(document.body.security).toEqual([{ bearer: [] }]);
      expect(document.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users']));
      expect((await app.http().get('/api/docs/')).status).toBe(200);
    });

    it('records the signed-in username as recordedBy, and nothing more of the user in the events', async () => {
      const { caseId } = expectAccepted(await app.as('referrer', 'council').post('/api/cases').send(referral('council'))).body;
      const view = await app.as('referrer', 'council').get(`/api/cases/${caseId}`);
      expect(view.body.history.map((entry: { recordedBy: string }) => entry.recordedBy)).toEqual(['referrer.council']);
      const rows = await query<{ metadata: Record<string, unknown> }>(app.databaseUrl, 'select metadata from events where stream_id = $1', [`case-${caseId}`]);
      expect(Object.keys(rows[0].metadata).sort()).toEqual(['correlationId', 'recordedAt', 'recordedBy']);
    });
  });
});

describe('signing in too often', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today, { auth: { signInLimits: { perUsernameAndAddress: 3, perAddress: 8, windowMs: 60_000 }, trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());

  /** Each test signs in from its own address, as the proxy in front (trusted: loopback) says. */
  const login = (address: string, username: string, password: string) => app.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });

  it('answers 429 with Retry-After past the limit for one username from one address, even for the right password', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) expect((await login('203.0.113.1', 'commissioner', 'wrong password!')).status).toBe(401);
    const refused = await login('203.0.113.1', 'commissioner', testPassword);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringContaining('Too many sign-in attempts for this username from this address'),
      code: 'too-many-attempts',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('lets colleagues behind the same address sign in meanwhile, and that username from elsewhere', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) await login('203.0.113.2', 'nobody-here', 'guess');
    expect((await login('203.0.113.2', 'admin', testPassword)).status).toBe(200);
    expect((await login('203.0.113.3', 'nobody-here', 'guess')).status).toBe(401);
  });

  it('stops an address past its own, higher limit, whatever the usernames', async () => {
    for (let attempt = 1; attempt <= 8; attempt++) expect((await login('203.0.113.4', `guess-${attempt}`, 'guess')).status).toBe(401);
    const refused = await login('203.0.113.4', 'admin', testPassword);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toContain('Too many sign-in attempts from this address');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts the sign-in page and the API as one door', async () => {
    const visitor = newVisitor({ 'X-Forwarded-For': '203.0.113.5' });
    expect((await login('203.0.113.5', 'rj-coordinator', 'wrong password!')).status).toBe(401);
    expect((await refusedSignIn(app, visitor, 'rj-coordinator', 'wrong password!')).status).toBe(401);
    expect((await login('203.0.113.5', 'rj-coordinator', 'wrong password!')).status).toBe(401);
    const page = await refusedSignIn(app, visitor, 'rj-coordinator', testPassword);
    expect(page.status).toBe(429);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    expect(page.text).toContain('There have been too many attempts to sign in with this username');
    expect(page.text).toContain('Sign in to Safer Cases');
    expect((await login('203.0.113.5', 'rj-coordinator', testPassword)).status).toBe(429);
  });

  it('lets the username and the address try again once the minute is over', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) await login('203.0.113.6', 'caution-officer', 'wrong password!');
    expect((await login('203.0.113.6', 'caution-officer', testPassword)).status).toBe(429);
    app.clock.advanceMinutes(1);
    expect((await login('203.0.113.6', 'caution-officer', testPassword)).status).toBe(200);
  });

  it('does not throttle the other routes', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) expect((await app.as('commissioner').get('/api/targets?programme=restorative-justice')).status).toBe(200);
  });
});

describe('a username no user can have', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  it('is refused as a wrong username on the page and as a bad request by the API, never a 500', async () => {
    const page = await refusedSignIn(app, newVisitor(), 'adm\u0000in', testPassword);
    expect(page.status).toBe(401);
    expect(page.text).toContain('The username or password is not right');
    const api = await app.http().post('/api/auth/login').send({ username: 'adm\u0000in', password: testPassword });
    expect({ status: api.status, code: api.body.code }).toEqual({ status: 400, code: 'invalid-request' });
  });
});

describe('a sign-in refused on the page (post/redirect/get)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const keptCookie = 'sc_signed_out_form';
  /** What the kept-form cookie carries, read as anyone holding the browser could. */
  const payloadOf = (line: string | undefined): string => Buffer.from(decodeURIComponent(/=([^;]*)/.exec(line ?? '')?.[1] ?? '').split('.')[0], 'base64url').toString('utf8');

  it('sends the browser back to the sign-in page, which shows why with the username kept; the password is in no cookie and nothing of the refusal in the address', async () => {
    const visitor = newVisitor();
    const sent = await sendForm(app, visitor, '/sign-in?returnTo=%2Fadmin', '/sign-in', { username: 'admin', password: 'a wrong password', returnTo: '/admin' });
    expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/sign-in?returnTo=%2Fadmin' });
    const cookie = setCookie(sent, keptCookie);
    expect(cookie).toMatch(/; Path=\/sign-in; .*HttpOnly; SameSite=Lax/);
    expect(payloadOf(cookie)).toContain('"username":"admin"');
    expect(payloadOf(cookie)).toContain('The username or password is not right');
    expect(payloadOf(cookie)).not.toContain('a wrong password');

    const page = await visit(app, visitor, '/sign-in?returnTo=%2Fadmin');
    expect(page.status).toBe(401);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain('The username or password is not right');
    expect(page.text).toMatch(/<input[^>]*name="username"[^>]*value="admin"/);
    expect(page.text).toContain('name="returnTo" value="/admin"');
    expect(page.text).not.toContain('a wrong password');
    expect(setCookie(page, keptCookie)).toMatch(new RegExp(`^${keptCookie}=;`));

    // A reload is a fresh GET: the form afresh, nothing sent again.
    const reloaded = await visit(app, visitor, '/sign-in?returnTo=%2Fadmin');
    expect(reloaded.status).toBe(200);
    expect(reloaded.text).not.toContain('The username or password is not right');
  });

  it('keeps an empty form’s errors for the page, and the kept form for its own page only', async () => {
    const visitor = newVisitor();
    const sent = await sendForm(app, visitor, '/sign-in', '/sign-in', { username: '', password: '' });
    expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/sign-in' });
    const elsewhere = await visit(app, visitor, '/sign-in/new-password');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.text).not.toContain('Enter your password');

    const again = await sendForm(app, visitor, '/sign-in', '/sign-in', { username: '', password: '' });
    expect(again.status).toBe(303);
    const page = await visit(app, visitor, '/sign-in');
    expect(page.status).toBe(400);
    expect(page.text).toContain('Enter your username');
    expect(page.text).toContain('Enter your password');
  });

  it('ignores a kept form it did not sign, so no one can put words on the sign-in page', async () => {
    const visitor = newVisitor();
    await sendForm(app, visitor, '/sign-in', '/sign-in', { username: 'admin', password: 'a wrong password' });
    const genuine = visitor.cookies.get(keptCookie) ?? '';
    const forged = JSON.stringify({
      page: '/sign-in',
      until: Date.now() + 60_000,
      kept: { form: { username: 'admin' }, errors: { summary: [{ text: 'Call 0800 000 000 to unlock' }], fields: {} }, status: 401 },
    });
    visitor.cookies.set(keptCookie, `${Buffer.from(forged).toString('base64url')}.${genuine.split('.')[1]}`);
    const page = await visit(app, visitor, '/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Call 0800');
    expect(page.text).not.toContain('There is a problem');
  });

  it('sends a refused new password back to its page the same way, with the username and never a password', async () => {
    const visitor = newVisitor();
    const sent = await sendForm(app, visitor, '/sign-in/new-password', '/sign-in/new-password', {
      username: 'admin',
      password: 'not the current one',
      newPassword: 'my own new password',
      confirmPassword: 'my own new password',
    });
    expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/sign-in/new-password' });
    expect(payloadOf(setCookie(sent, keptCookie))).not.toMatch(/not the current one|my own new password/);
    const page = await visit(app, visitor, '/sign-in/new-password');
    expect(page.status).toBe(401);
    expect(page.text).toContain('The username or current password is not right');
    expect(page.text).toContain('href="#password"');
    expect(page.text).toMatch(/<input[^>]*name="username"[^>]*value="admin"/);
    expect(page.text).not.toMatch(/not the current one|my own new password/);
  });
});

describe('signing out', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const signedInAsAdmin = async (): Promise<{ visitor: Visitor; token: string }> => {
    const visitor = newVisitor();
    expect((await webSignIn(app, visitor, 'admin', testPassword)).headers.location).toBe('/admin');
    const token = visitor.cookies.get('sc_session');
    if (!token) throw new Error('No session cookie after signing in');
    return { visitor, token };
  };
  const withToken = (token: string) =>
    app
      .http()
      .get(`/api/audit?userId=${app.user('admin').userId}`)
      .set('Authorization', `Bearer ${token}`);
  const withCookie = (token: string) => app.http().get('/admin').set('Cookie', `sc_session=${token}`);

  it('ends the session on the server: a copy of the cookie, or its token as a bearer, is refused afterwards', async () => {
    const { visitor, token } = await signedInAsAdmin();
    expect((await withCookie(token)).status).toBe(200);
    expect((await withToken(token)).status).toBe(200);

    const signedOut = await sendForm(app, visitor, '/admin', '/sign-out', {});
    expect({ status: signedOut.status, location: signedOut.headers.location, cookie: setCookie(signedOut, 'sc_session') }).toEqual({
      status: 303,
      location: '/sign-in',
      cookie: expect.stringMatching(/^sc_session=;/),
    });

    const copied = await withCookie(token);
    expect({ status: copied.status, location: copied.headers.location }).toEqual({ status: 303, location: '/sign-in?returnTo=%2Fadmin' });
    const bearer = await withToken(token);
    expect({ status: bearer.status, code: bearer.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('ends that session only: the same user signed in elsewhere carries on', async () => {
    const elsewhere = (await app.http().post('/api/auth/login').send({ username: 'admin', password: testPassword })).body.accessToken as string;
    const { visitor } = await signedInAsAdmin();
    await sendForm(app, visitor, '/admin', '/sign-out', {});
    expect((await withToken(elsewhere)).status).toBe(200);
  });

  it('can end every session of a user at once, on the pages and the API', async () => {
    const { token } = await signedInAsAdmin();
    const bearer = (await app.http().post('/api/auth/login').send({ username: 'admin', password: testPassword })).body.accessToken as string;
    await app.app.get(Sessions).endAllOf(app.user('admin').userId);
    expect((await withToken(bearer)).status).toBe(401);
    expect((await withToken(token)).status).toBe(401);
    expect((await withCookie(token)).status).toBe(303);
  });
});

describe('behind a proxy that ends TLS', () => {
  const https = { 'X-Forwarded-Proto': 'https' };

  describe('with TRUST_PROXY naming it', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(today, { auth: { trustProxy: ['loopback'] } });
    });
    afterAll(() => app.close());

    it('marks the session and CSRF cookies Secure when the page came over HTTPS, the CSRF one only for this host', async () => {
      const visitor = newVisitor(https);
      const form = await visit(app, visitor, '/sign-in');
      expect(setCookie(form, '__Host-sc_csrf')).toMatch(/; Secure/);
      expect(setCookie(form, 'sc_csrf')).toBeUndefined();
      const signedIn = await webSignIn(app, visitor, 'admin', testPassword);
      expect(signedIn.headers.location).toBe('/admin');
      expect(setCookie(signedIn, 'sc_session')).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
      expect((await visit(app, visitor, '/admin')).status).toBe(200);
      expect((await sendForm(app, visitor, '/admin', '/sign-out', {})).headers.location).toBe('/sign-in');
    });

    it('keeps them without Secure over plain HTTP, so that signing in on localhost still works', async () => {
      const visitor = newVisitor();
      const form = await visit(app, visitor, '/sign-in');
      expect(setCookie(form, 'sc_csrf')).not.toMatch(/Secure/);
      const signedIn = await webSignIn(app, visitor, 'admin', testPassword);
      expect(setCookie(signedIn, 'sc_session')).not.toMatch(/Secure/);
      expect((await visit(app, visitor, '/admin')).status).toBe(200);
    });
  });

  describe('without TRUST_PROXY', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(today, { auth: { signInLimits: { perUsernameAndAddress: 2, perAddress: 100, windowMs: 60_000 } } });
    });
    afterAll(() => app.close());

    it('believes no X-Forwarded-Proto: the cookies are not Secure', async () => {
      const visitor = newVisitor(https);
      const form = await visit(app, visitor, '/sign-in');
      expect(setCookie(form, 'sc_csrf')).not.toMatch(/Secure/);
      expect(setCookie(form, '__Host-sc_csrf')).toBeUndefined();
      expect(setCookie(await webSignIn(app, visitor, 'admin', testPassword), 'sc_session')).not.toMatch(/Secure/);
    });

    it('believes no X-Forwarded-For: a caller cannot escape the limits by naming another address', async () => {
      const login = (address: string) => app.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ username: 'nobody-at-all', password: 'guess' });
      expect((await login('198.51.100.1')).status).toBe(401);
      expect((await login('198.51.100.2')).status).toBe(401);
      expect((await login('198.51.100.3')).status).toBe(429);
    });
  });
});

describe('the first administrator', () => {
  it('is created from BOOTSTRAP_ADMIN_PASSWORD on a first start with no users, and only then', async () => {
    const first = await startTestApp(today, { withUsers: false, auth: { bootstrapAdminPassword: 'the first admin password' } });
    try {
      const signedIn = await first.http().post('/api/auth/login').send({ username: 'admin', password: 'the first admin password' });
      expect(signedIn.status).toBe(200);
      const created = await first.http().post('/api/users').set('Authorization', `Bearer ${signedIn.body.accessToken}`).send({
        username: 'c.commissioner',
        password: 'long enough password',
        role: 'commissioner',
        organisation: 'council',
      });
      expect(created.status).toBe(201);
    } finally {
      await first.close();
    }

    const again = await startTestApp(today, { withUsers: false, databaseUrl: first.databaseUrl, auth: { bootstrapAdminPassword: 'another admin password' } });
    try {
      expect((await again.http().post('/api/auth/login').send({ username: 'admin', password: 'another admin password' })).status).toBe(401);
      expect((await again.http().post('/api/auth/login').send({ username: 'admin', password: 'the first admin password' })).status).toBe(200);
      expect(await query(again.databaseUrl, 'select username, role, organisation from users order by username')).toEqual([
        { username: 'admin', role: 'admin', organisation: 'council' },
        { username: 'c.commissioner', role: 'commissioner', organisation: 'council' },
      ]);
    } finally {
      await again.close();
    }
  });

  it('is given a generated password, in a file only its owner can read, when BOOTSTRAP_ADMIN_PASSWORD is not set', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'safer-cases-admin-')), 'data', 'admin-password');
    const app = await startTestApp(today, { withUsers: false, auth: { generatedAdminPasswordFile: file } });
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect((await app.http().post('/api/auth/login').send({ username: 'admin', password })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is not created without BOOTSTRAP_ADMIN_PASSWORD or a file for a generated one', async () => {
    const app = await startTestApp(today, { withUsers: false });
    try {
      expect(await query(app.databaseUrl, 'select username from users')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('hardening', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  it('sends the security headers, and not X-Powered-By', async () => {
    const response = await app.as('referrer').get(`/api/cases/${randomUUID()}`);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows no other origin (CORS closed)', async () => {
    const simple = await app.as('referrer').get(`/api/cases/${randomUUID()}`).set('Origin', 'https://elsewhere.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.http().options('/api/cases').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a body over 100 kB with 413, writing nothing', async () => {
    const big = { ...referral(), offence: { type: 'x'.repeat(110 * 1024), date: '2015-01-10' } };
    await expectRefused(app, () => app.as('referrer').post('/api/cases').send(big), 413, 'body-too-large');
  });

  it('answers a failure on our side with a plain 500: no stack, no SQL, no table names', async () => {
    await query(app.databaseUrl, 'alter table idempotency_keys rename to idempotency_keys_away');
    try {
      const response = await app.as('referrer').post('/api/cases').set('Idempotency-Key', randomUUID()).send(referral());
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; nothing was recorded' });
      expect(response.text).not.toMatch(/idempotency|relation|select|insert|at \w+ \(|\.ts:\d+/i);
    } finally {
      await query(app.databaseUrl, 'alter table idempotency_keys_away rename to idempotency_keys');
    }
  });
});
