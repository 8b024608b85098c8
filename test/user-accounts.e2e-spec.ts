import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../apps/api/src/auth/actor';
import { Sessions } from '../apps/api/src/auth/sessions';
import { startTestApp, TestApp } from './support/test-app';
import { newVisitor, sendForm, setCookie, visit, webSignIn } from './support/web-sign-in';

const today = '2015-12-31';

const query = async <Row>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> => {
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
};

type NewUser = { userId: string; username: string; password: string; role: Role };

const temporaryPasswordShape = /^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){4}$/;

describe('accounts, for the administrator', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const admin = () => app.as('admin');
  const login = (username: string, password: string, newPassword?: string) =>
    app
      .http()
      .post('/api/auth/login')
      .send({ username, password, ...(newPassword === undefined ? {} : { newPassword }) });
  /** What a signed-in caution officer may do: proof that a token works. */
  const courses = (token: string) => app.http().get('/api/courses').set('Authorization', `Bearer ${token}`);
  const newUser = async (role: Role = 'caution-officer', organisation = 'wdp'): Promise<NewUser> => {
    const user = { username: `user-${randomUUID().slice(0, 8)}`, password: `a long password ${randomUUID()}` };
    const created = await admin()
      .post('/api/users')
      .send({ ...user, role, organisation });
    expect(created.status).toBe(201);
    return { ...user, userId: created.body.userId as string, role };
  };
  const accountOf = async (userId: string) => {
    const { body } = await admin().get('/api/users');
    return (body.items as { userId: string }[]).find((item) => item.userId === userId);
  };
  const auditOf = async (actorId: string) => {
    const { body } = await admin().get(`/api/audit?userId=${actorId}&limit=100`);
    return (body.items as { action: string; username: string; details: Record<string, unknown> }[]).map(({ action, username, details }) => ({ action, username, details }));
  };
  const lockOut = async (user: NewUser) => {
    for (let attempt = 1; attempt <= 5; attempt++) await login(user.username, 'a wrong password!');
  };

  describe('GET /api/users', () => {
    it('lists every account by username with its role, organisation and state, and no password hash', async () => {
      const user = await newUser('referrer', 'probation');
      const response = await admin().get('/api/users');
      expect(response.status).toBe(200);
      const usernames = response.body.items.map((item: { username: string }) => item.username);
      expect(usernames).toEqual([...usernames].sort());
      expect(usernames).toEqual(expect.arrayContaining(['admin', 'commissioner', 'referrer.police', user.username]));
      expect(await accountOf(user.userId)).toEqual({
        userId: user.userId,
        username: user.username,
        role: 'referrer',
        organisation: 'probation',
        locked: false,
        lockedUntil: null,
        disabled: false,
        disabledAt: null,
        mustChangePassword: false,
        lastSignInAt: null,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(response.text).not.toContain('argon2');
      expect(response.text).not.toMatch(/password_?hash/i);
    });

    it('shows when each last signed in', async () => {
      const user = await newUser();
      expect((await login(user.username, user.password)).status).toBe(200);
      expect(await accountOf(user.userId)).toMatchObject({ lastSignInAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    });
  });

  describe('refusals', () => {
    const actions = ['unlock', 'password-reset', 'disable', 'enable'];

    it('is for administrators only: 403 to every other role, 401 without a token, and nothing changes', async () => {
      const user = await newUser();
      for (const role of ['referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'commissioner'] as const) {
        expect({ role, status: (await app.as(role).get('/api/users')).status }).toEqual({ role, status: 403 });
        for (const action of actions) {
          const response = await app.as(role).post(`/api/users/${user.userId}/${action}`).send({});
          expect({ role, action, status: response.status, code: response.body.code }).toEqual({ role, action, status: 403, code: 'forbidden' });
        }
      }
      for (const action of actions) expect((await app.http().post(`/api/users/${user.userId}/${action}`).send({})).status).toBe(401);
      expect(await accountOf(user.userId)).toMatchObject({ disabled: false, mustChangePassword: false });
      expect((await login(user.username, user.password)).status).toBe(200);
    });

    it('answers 404 user-not-found for an id no user has, and 400 for one that is no id', async () => {
      for (const action of actions) {
        const unknown = await admin().post(`/api/users/${randomUUID()}/${action}`).send({});
        expect({ action, status: unknown.status, code: unknown.body.code }).toEqual({ action, status: 404, code: 'user-not-found' });
        const malformed = await admin().post(`/api/users/not-an-id/${action}`).send({});
        expect({ action, status: malformed.status, field: malformed.body.details?.[0]?.field }).toEqual({ action, status: 400, field: 'userId' });
      }
    });

    it('refuses an administrator the disabling or reset of their own account, so one can always sign in', async () => {
      const own = app.user('admin').userId;
      for (const action of ['disable', 'password-reset']) {
        const response = await admin().post(`/api/users/${own}/${action}`).send({});
        expect({ action, status: response.status, code: response.body.code }).toEqual({ action, status: 422, code: 'own-account' });
      }
      expect(await accountOf(own)).toMatchObject({ disabled: false, mustChangePassword: false });
    });
  });

  describe('POST /api/users/:id/unlock', () => {
    it('lifts a lockout at once, so the right password signs in again, and says who did it in the audit log', async () => {
      const user = await newUser();
      await lockOut(user);
      expect((await login(user.username, user.password)).body.code).toBe('account-locked');
      expect(await accountOf(user.userId)).toMatchObject({ locked: true, lockedUntil: expect.any(String) });

      const unlocked = await admin().post(`/api/users/${user.userId}/unlock`).send({});
      expect(unlocked.status).toBe(200);
      expect(unlocked.body).toMatchObject({ userId: user.userId, locked: false, lockedUntil: null });
      expect((await login(user.username, user.password)).status).toBe(200);
      expect(await auditOf(app.user('admin').userId)).toContainEqual({ action: 'user-unlocked', username: 'admin', details: { userId: user.userId, username: user.username } });
    });

    it('starts the count of wrong passwords again', async () => {
      const user = await newUser();
      for (let attempt = 1; attempt <= 4; attempt++) await login(user.username, 'a wrong password!');
      await admin().post(`/api/users/${user.userId}/unlock`).send({});
      for (let attempt = 1; attempt <= 4; attempt++) expect((await login(user.username, 'a wrong password!')).status).toBe(401);
      expect((await login(user.username, user.password)).status).toBe(200);
    });
  });

  describe('POST /api/users/:id/password-reset', () => {
    it('answers a strong temporary password once, ends the user’s sessions, and stops the old password', async () => {
      const user = await newUser();
      const token = (await login(user.username, user.password)).body.accessToken as string;
      expect((await courses(token)).status).toBe(200);

      const reset = await admin().post(`/api/users/${user.userId}/password-reset`).send({});
      expect(reset.status).toBe(200);
      expect(reset.headers['cache-control']).toBe('no-store');
      expect(reset.body).toEqual({ userId: user.userId, username: user.username, temporaryPassword: expect.stringMatching(temporaryPasswordShape) });

      expect((await courses(token)).status).toBe(401);
      expect((await login(user.username, user.password)).status).toBe(401);
      expect(await accountOf(user.userId)).toMatchObject({ mustChangePassword: true });
      const [stored] = await query<{ password_hash: string }>(app.databaseUrl, 'select password_hash from users where id = $1', [user.userId]);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(reset.body.temporaryPassword);
    });

    it('forces a change: the temporary password opens no session, but works once to choose a new one', async () => {
      const user = await newUser();
      const { temporaryPassword } = (await admin().post(`/api/users/${user.userId}/password-reset`).send({})).body as { temporaryPassword: string };

      const first = await login(user.username, temporaryPassword);
      expect(first.status).toBe(403);
      expect(first.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('newPassword'), code: 'password-change-required' });
      expect(first.body.accessToken).toBeUndefined();

      const same = await login(user.username, temporaryPassword, temporaryPassword);
      expect({ status: same.status, code: same.body.code }).toEqual({ status: 422, code: 'password-unchanged' });
      const short = await login(user.username, temporaryPassword, 'too short');
      expect({ status: short.status, field: short.body.details?.[0]?.field }).toEqual({ status: 400, field: 'newPassword' });

      const newPassword = `my very own password ${randomUUID()}`;
      const changed = await login(user.username, temporaryPassword, newPassword);
      expect(changed.status).toBe(200);
      expect((await courses(changed.body.accessToken as string)).status).toBe(200);
      expect(await accountOf(user.userId)).toMatchObject({ mustChangePassword: false });

      expect((await login(user.username, temporaryPassword)).status).toBe(401);
      expect((await login(user.username, temporaryPassword, `another password ${randomUUID()}`)).status).toBe(401);
      expect((await login(user.username, newPassword)).status).toBe(200);
      expect(await auditOf(user.userId)).toEqual([{ action: 'password-changed', username: user.username, details: { userId: user.userId, username: user.username } }]);
      expect(await auditOf(app.user('admin').userId)).toContainEqual({
        action: 'user-password-reset',
        username: 'admin',
        details: { userId: user.userId, username: user.username },
      });
    });

    it('lets the temporary password work once even when two changes race with it', async () => {
      const user = await newUser();
      const { temporaryPassword } = (await admin().post(`/api/users/${user.userId}/password-reset`).send({})).body as { temporaryPassword: string };
      const answers = await Promise.all([1, 2, 3].map((each) => login(user.username, temporaryPassword, `racing password number ${each}`)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401]);
    });

    it('lifts a lockout, so the temporary password can be used at once', async () => {
      const user = await newUser();
      await lockOut(user);
      const { temporaryPassword } = (await admin().post(`/api/users/${user.userId}/password-reset`).send({})).body as { temporaryPassword: string };
      expect((await login(user.username, temporaryPassword)).body.code).toBe('password-change-required');
    });

    it('keeps no copy of the password: a retry with the same Idempotency-Key makes a new one, and no stored answer holds it', async () => {
      const user = await newUser();
      const key = randomUUID();
      const first = await admin().post(`/api/users/${user.userId}/password-reset`).set('Idempotency-Key', key).send({});
      const second = await admin().post(`/api/users/${user.userId}/password-reset`).set('Idempotency-Key', key).send({});
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body.temporaryPassword).not.toBe(first.body.temporaryPassword);
      const kept = await query<{ n: string }>(app.databaseUrl, `select count(*) as n from idempotency_keys where body::text like '%' || $1 || '%'`, [first.body.temporaryPassword]);
      expect(kept[0].n).toBe('0');
      expect((await login(user.username, first.body.temporaryPassword as string)).status).toBe(401);
      expect((await login(user.username, second.body.temporaryPassword as string)).body.code).toBe('password-change-required');
    });
  });

  describe('POST /api/users/:id/disable and /enable', () => {
    it('ends a disabled user’s sessions at once, bearer and page alike, and refuses their sign-in', async () => {
      const user = await newUser();
      const token = (await login(user.username, user.password)).body.accessToken as string;
      const visitor = newVisitor();
      expect((await webSignIn(app, visitor, user.username, user.password)).headers.location).toBe('/conditional-caution');
      expect((await visit(app, visitor, '/conditional-caution')).status).toBe(200);

      const disabled = await admin().post(`/api/users/${user.userId}/disable`).send({});
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ userId: user.userId, disabled: true, disabledAt: expect.any(String) });

      expect((await courses(token)).status).toBe(401);
      const page = await visit(app, visitor, '/conditional-caution');
      expect({ status: page.status, location: page.headers.location }).toEqual({ status: 303, location: '/sign-in?returnTo=%2Fconditional-caution' });
      const again = await login(user.username, user.password);
      expect(again.status).toBe(403);
      expect(again.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('disabled'), code: 'account-disabled' });
      expect(again.body.accessToken).toBeUndefined();
      expect((await login(user.username, 'not their password')).status).toBe(401);
      // Refused, the sign-in page is drawn again after a redirect (post/redirect/get).
      const stranger = newVisitor();
      const sent = await webSignIn(app, stranger, user.username, user.password);
      expect({ status: sent.status, location: sent.headers.location, session: setCookie(sent, 'sc_session') }).toEqual({ status: 303, location: '/sign-in', session: undefined });
      const onThePage = await visit(app, stranger, '/sign-in');
      expect(onThePage.status).toBe(403);
      expect(onThePage.text).toContain('This account has been disabled');
    });

    it('refuses a session of a disabled user even if one was opened after the disabling (a sign-in racing with it)', async () => {
      const user = await newUser();
      await admin().post(`/api/users/${user.userId}/disable`).send({});
      const late = await app.app.get(Sessions).open({ userId: user.userId, username: user.username, role: 'caution-officer', organisation: 'wdp' });
      expect((await courses(late.accessToken)).status).toBe(401);
    });

    it('lets an enabled user sign in again, keeping the first date it was disabled on a repeat, each step audited', async () => {
      const user = await newUser();
      const first = await admin().post(`/api/users/${user.userId}/disable`).send({});
      app.clock.advanceMinutes(5);
      const repeat = await admin().post(`/api/users/${user.userId}/disable`).send({});
      expect(repeat.body.disabledAt).toBe(first.body.disabledAt);

      const enabled = await admin().post(`/api/users/${user.userId}/enable`).send({});
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null });
      expect((await login(user.username, user.password)).status).toBe(200);
      const about = (await auditOf(app.user('admin').userId)).filter(({ details }) => details.userId === user.userId).map(({ action }) => action);
      expect(about).toEqual(['user-enabled', 'user-disabled', 'user-disabled', 'user-created']);
    });
  });
});

describe('choosing a new password on the pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const resetUser = async (): Promise<{ username: string; temporaryPassword: string }> => {
    const username = `user-${randomUUID().slice(0, 8)}`;
    const { userId } = (await app.as('admin').post('/api/users').send({ username, password: 'a long enough password', role: 'rj-coordinator', organisation: 'victim-support' }))
      .body as { userId: string };
    const { temporaryPassword } = (await app.as('admin').post(`/api/users/${userId}/password-reset`).send({})).body as { temporaryPassword: string };
    return { username, temporaryPassword };
  };

  it('leads from the sign-in page to choosing a new password, and then signs in with it', async () => {
    const { username, temporaryPassword } = await resetUser();
    const visitor = newVisitor();
    const signIn = await webSignIn(app, visitor, username, temporaryPassword);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe(`/sign-in/new-password?username=${username}`);
    expect(setCookie(signIn, 'sc_session')).toBeUndefined();

    const form = signIn.headers.location as string;
    const page = await visit(app, visitor, form);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Choose a new password');
    expect(page.text).toContain(`value="${username}"`);

    // Each refusal sends the browser back to the form's page (post/redirect/get), which says why.
    const refused = async (fields: Record<string, string>) => {
      const sent = await sendForm(app, visitor, form, '/sign-in/new-password', fields);
      expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/sign-in/new-password' });
      return visit(app, visitor, '/sign-in/new-password');
    };
    const mismatched = await refused({
      username,
      password: temporaryPassword,
      newPassword: 'my own new password',
      confirmPassword: 'my own new passwrod',
    });
    expect(mismatched.status).toBe(400);
    expect(mismatched.text).toContain('The new passwords do not match');
    const short = await refused({ username, password: temporaryPassword, newPassword: 'too short', confirmPassword: 'too short' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/New password must be [^<]*12 characters/);
    const unchanged = await refused({
      username,
      password: temporaryPassword,
      newPassword: temporaryPassword,
      confirmPassword: temporaryPassword,
    });
    expect(unchanged.status).toBe(422);
    expect(unchanged.text).toContain('Your new password must be different from your current one');

    const changed = await sendForm(app, visitor, form, '/sign-in/new-password', {
      username,
      password: temporaryPassword,
      newPassword: 'my own new password',
      confirmPassword: 'my own new password',
    });
    expect({ status: changed.status, location: changed.headers.location }).toEqual({ status: 303, location: '/restorative-justice' });
    const landing = await visit(app, visitor, '/restorative-justice');
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('Your password has been changed');

    expect((await webSignIn(app, newVisitor(), username, temporaryPassword)).headers.location).toBe('/sign-in');
    expect((await webSignIn(app, newVisitor(), username, 'my own new password')).headers.location).toBe('/restorative-justice');
  });

  it('says which field is wrong when the current password is not right', async () => {
    const { username } = await resetUser();
    const visitor = newVisitor();
    const sent = await sendForm(app, visitor, '/sign-in/new-password', '/sign-in/new-password', {
      username,
      password: 'not the temporary one',
      newPassword: 'my own new password',
      confirmPassword: 'my own new password',
    });
    expect(sent.headers.location).toBe('/sign-in/new-password');
    const wrong = await visit(app, visitor, '/sign-in/new-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The username or current password is not right');
    expect(wrong.text).toContain('href="#password"');
  });
});

describe('the audit log page', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const asAdmin = (path: string) =>
    app
      .http()
      .get(path)
      .set('Cookie', `sc_session=${app.tokenFor('admin')}`);
  const rowsOf = (html: string): string[] =>
    [
      ...html.matchAll(
        /<tr class="govuk-table__row"[^>]*>\s*<td class="govuk-table__cell"[^>]*>([^<]*)<\/td>\s*<td class="govuk-table__cell"[^>]*>([^<]*)<\/td>\s*<td class="govuk-table__cell"[^>]*>([^<]*)<\/td>/g,
      ),
    ].map((match) => `${match[2]}: ${match[3]}`);

  it('shows who did what in plain words, newest first, a page at a time', async () => {
    const { userId } = (await app.as('admin').post('/api/users').send({ username: 'p.audit', password: 'a long enough password', role: 'caution-officer', organisation: 'wdp' }))
      .body as { userId: string };
    for (let count = 1; count <= 26; count++) await app.as('admin').post(`/api/users/${userId}/unlock`).send({});
    await app.as('admin').post(`/api/users/${userId}/disable`).send({});

    const first = await asAdmin('/admin/audit');
    expect(first.status).toBe(200);
    const newest = rowsOf(first.text);
    expect(newest).toHaveLength(25);
    expect(newest.slice(0, 2)).toEqual(['admin: Disabled p.audit’s account, and signed them out', 'admin: Unlocked p.audit’s account']);
    expect(first.text).not.toContain('Newest entries');
    const older = /href="(\/admin\/audit\?cursor=\d+)"/.exec(first.text)?.[1];
    if (!older) throw new Error('No link to older entries');

    const second = await asAdmin(older);
    expect(second.status).toBe(200);
    expect(rowsOf(second.text)).toEqual(['admin: Unlocked p.audit’s account', 'admin: Unlocked p.audit’s account', 'admin: Gave p.audit a sign-in as conditional caution officer']);
    expect(second.text).toContain('Newest entries');
    expect(second.text).not.toMatch(/href="\/admin\/audit\?cursor=/);
  });

  it('is reached from the administrators’ navigation, and for administrators only', async () => {
    expect((await asAdmin('/admin')).text).toContain('href="/admin/audit"');
    const other = await app
      .http()
      .get('/admin/audit')
      .set('Cookie', `sc_session=${app.tokenFor('commissioner')}`);
    expect(other.status).toBe(403);
  });

  it('answers a cursor that was not one with 400, as the API does', async () => {
    expect((await asAdmin('/admin/audit?cursor=not-a-cursor')).status).toBe(400);
  });
});
