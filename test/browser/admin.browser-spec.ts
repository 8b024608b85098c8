import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, screenshot, signIn, startBrowserApp } from '../support/browser';

describe('administration pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp('2026-11-22');
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives a colleague a sign-in, who can then sign in with the role given', async () => {
    const page = await app.signedIn('admin');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin');
    await page.getByLabel('Username').fill('v.okafor');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Restorative justice coordinator (Victim Support)').check();
    await page.getByLabel('Organisation').selectOption('victim-support');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await confirmation(page)).toBe('v.okafor can now sign in');

    const colleague = await app.newPage();
    await signIn(colleague, 'v.okafor', 'a long enough password');
    expect(new URL(colleague.url()).pathname).toBe('/restorative-justice');
  });

  it('says which rule a refused user breaks, beside the field, and keeps what was typed', async () => {
    const page = await app.signedIn('admin');
    await page.getByLabel('Username').fill('w.tan');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Commissioner: sees the targets, no personal data').check();
    await page.getByLabel('Organisation').selectOption('wdp');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await errorSummary(page)).toEqual(['Password must be 12 characters or more', 'A commissioner must belong to Barnet Council']);
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('w.tan');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('works with JavaScript turned off: sign in, a form refused and then accepted', async () => {
    const page = await app.newPage({ javaScript: false });
    await signIn(page, 'admin');
    await expect(page.evaluate('document.body.className')).resolves.not.toContain('js-enabled');
    await page.getByLabel('Username').fill('n.script');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await errorSummary(page)).toContain('Password must be 12 characters or more');
    await page.getByLabel('Password').fill('no scripts needed here');
    await page.getByLabel('Referrer: police, probation or council staff who refer cases and record reoffences').check();
    await page.getByLabel('Organisation').selectOption('probation');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await confirmation(page)).toBe('n.script can now sign in');
  });

  /** The cells of the users table's row for `username`: role, organisation, status, last sign-in. */
  const rowOf = async (page: Page, username: string): Promise<string[]> =>
    (
      await page
        .getByRole('row', { name: new RegExp(`^${username.replace(/\./g, '\\.')}\\b`) })
        .locator('td')
        .allInnerTexts()
    ).map((cell) => cell.trim());

  /** Types a sign-in and sends it, wherever it leads. */
  const trySignIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  /** A colleague given a sign-in through the API, and signed in in their own browser. */
  const colleagueSignedIn = async (username: string, password: string): Promise<Page> => {
    const created = await app.as('admin').post('/api/users').send({ username, password, role: 'caution-officer', organisation: 'wdp' });
    expect(created.status).toBe(201);
    const colleague = await app.newPage();
    await signIn(colleague, username, password);
    expect(new URL(colleague.url()).pathname).toBe('/conditional-caution');
    return colleague;
  };

  it('lists colleagues with their role, organisation and state, and disables and enables one, ending their session', async () => {
    const colleague = await colleagueSignedIn('k.mensah', 'k.mensah first password');
    const page = await app.signedIn('admin');
    expect(await rowOf(page, 'k.mensah')).toEqual(['Conditional caution officer', 'WDP', 'Active', expect.stringMatching(/ at \d{2}:\d{2}$/), expect.any(String)]);
    expect(await rowOf(page, 'admin')).toEqual(['Administrator', 'Barnet Council', 'Active', expect.any(String), '']);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Disable k.mensah' }).click();
    expect(await confirmation(page)).toBe('k.mensah is disabled and signed out everywhere');
    expect((await rowOf(page, 'k.mensah'))[2]).toBe('Disabled');
    await colleague.reload();
    expect(new URL(colleague.url()).pathname).toBe('/sign-in');
    await trySignIn(colleague, 'k.mensah', 'k.mensah first password');
    expect(await errorSummary(colleague)).toEqual(['This account has been disabled. Ask your administrator if you need it again.']);

    await page.getByRole('button', { name: 'Enable k.mensah' }).click();
    expect(await confirmation(page)).toBe('k.mensah can sign in again');
    expect((await rowOf(page, 'k.mensah'))[2]).toBe('Active');
    await signIn(colleague, 'k.mensah', 'k.mensah first password');
    expect(new URL(colleague.url()).pathname).toBe('/conditional-caution');
  });

  it('resets a colleague’s password: shown once, in no address or cookie, and then the colleague chooses their own', async () => {
    const colleague = await colleagueSignedIn('r.osei', 'r.osei first password');
    const page = await app.signedIn('admin');
    await page.getByRole('button', { name: 'Reset password r.osei' }).click();
    const temporaryPassword = (await page.locator('[data-temporary-password]').innerText()).trim();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    expect(page.url()).not.toContain(temporaryPassword);
    expect(JSON.stringify(await page.context().cookies())).not.toContain(temporaryPassword);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-temporary-password');
    await page.getByRole('link', { name: 'Back to administration' }).click();
    expect((await rowOf(page, 'r.osei'))[2]).toBe('Must choose a new password');
    await expect(page.locator('[data-temporary-password]').count()).resolves.toBe(0);

    await colleague.reload();
    expect(new URL(colleague.url()).pathname).toBe('/sign-in');
    await trySignIn(colleague, 'r.osei', temporaryPassword);
    await colleague.waitForURL('**/sign-in/new-password?**');
    await expect(colleague.getByLabel('Username').inputValue()).resolves.toBe('r.osei');
    await colleague.getByLabel('Current password').fill(temporaryPassword);
    await colleague.getByLabel('New password', { exact: true }).fill('r.osei own password');
    await colleague.getByLabel('Type the new password again').fill('r.osei other password');
    await colleague.getByRole('button', { name: 'Change password and sign in' }).click();
    expect(await errorSummary(colleague)).toEqual(['The new passwords do not match: type the same one twice']);
    expect(await accessibilityViolations(colleague)).toEqual([]);
    await colleague.getByLabel('Current password').fill(temporaryPassword);
    await colleague.getByLabel('New password', { exact: true }).fill('r.osei own password');
    await colleague.getByLabel('Type the new password again').fill('r.osei own password');
    await colleague.getByRole('button', { name: 'Change password and sign in' }).click();
    await colleague.waitForURL('**/conditional-caution');
    expect(await confirmation(colleague)).toBe('Your password has been changed');
  });

  it('unlocks a colleague locked out by wrong passwords', async () => {
    const colleague = await colleagueSignedIn('l.baker', 'l.baker first password');
    await colleague.getByRole('button', { name: 'Sign out' }).click();
    for (let attempt = 1; attempt <= 5; attempt++) await trySignIn(colleague, 'l.baker', 'a wrong password!');
    expect((await errorSummary(colleague))[0]).toContain('This account is locked');
    const page = await app.signedIn('admin');
    expect((await rowOf(page, 'l.baker'))[2]).toMatch(/^Locked until \d{1,2} November 2026 at \d{2}:\d{2}$/);
    await page.getByRole('button', { name: 'Unlock l.baker' }).click();
    expect(await confirmation(page)).toBe('l.baker is unlocked');
    expect((await rowOf(page, 'l.baker'))[2]).toBe('Active');
    await signIn(colleague, 'l.baker', 'l.baker first password');
    expect(new URL(colleague.url()).pathname).toBe('/conditional-caution');
  });

  it('shows the audit log from the navigation, newest first, in plain words', async () => {
    const { userId } = (await app.as('admin').post('/api/users').send({ username: 'a.audit', password: 'a.audit first password', role: 'caution-officer', organisation: 'wdp' }))
      .body as { userId: string };
    for (const action of ['disable', 'enable', 'unlock']) expect((await app.as('admin').post(`/api/users/${userId}/${action}`).send({})).status).toBe(200);
    const page = await app.signedIn('admin');
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    await expect(page.getByRole('link', { name: 'Audit log', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    const entries: string[] = [];
    for (let index = 0; index < 4; index++) {
      const [, who, what] = (await page.locator('tbody tr').nth(index).locator('td').allInnerTexts()).map((cell) => cell.trim());
      entries.push(`${who}: ${what}`);
    }
    expect(entries).toEqual([
      'admin: Unlocked a.audit’s account',
      'admin: Enabled a.audit’s account again',
      'admin: Disabled a.audit’s account, and signed them out',
      'admin: Gave a.audit a sign-in as conditional caution officer',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-audit');
  });

  it('refuses an administrator’s own disabling or password reset, offering no button for either', async () => {
    const page = await app.signedIn('admin');
    await expect(page.getByRole('button', { name: 'Disable admin' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Reset password admin' }).count()).resolves.toBe(0);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.post(`/admin/users/${app.user('admin').userId}/disable`, { form: { _csrf: csrf } });
    expect(new URL(response.url()).pathname).toBe('/admin');
    await expect(response.text()).resolves.toContain('You cannot disable your own account: another administrator must');
    await page.reload();
    expect((await rowOf(page, 'admin'))[2]).toBe('Active');
  });
  /** How much wider than the window the page is drawn: above 0, the reader must scroll sideways. */
  const overflowOf = (page: Page): Promise<number> => page.locator('html').evaluate((root) => root.scrollWidth - (root.ownerDocument.defaultView?.innerWidth ?? 0));

  /** The page at a phone's width (390 px): nothing to scroll sideways, nothing axe finds; then back to the desktop's width. */
  const fitsAPhone = async (page: Page): Promise<void> => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  /** The cells of each row of the People page's results: name, date of birth, kind, cases. */
  const peopleListed = async (page: Page): Promise<string[][]> => {
    const rows = page.locator('table tbody tr');
    const listed: string[][] = [];
    for (let index = 0; index < (await rows.count()); index++) listed.push((await rows.nth(index).locator('td').allInnerTexts()).map((cell) => cell.trim().replace(/\s+/g, ' ')));
    return listed;
  };

  const findPerson = async (page: Page, text: string): Promise<void> => {
    await page.getByLabel('Find a person').fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForLoadState();
  };

  it('finds a referred person by name, downloads everything held about them, erases them, and shows the audit log about them', async () => {
    const caseId = randomUUID();
    const referred = await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        caseId,
        programme: 'restorative-justice',
        referredOn: '2026-11-20',
        referrer: { organisation: 'police', reference: 'CRIS 6001/26' },
        subject: { givenName: 'Zoë Anaïs', familyName: 'Ørsted', dateOfBirth: '1990-02-28' },
        offence: { type: 'Criminal damage', date: '2026-11-01' },
      });
    expect(referred.status).toBe(201);
    const personId = referred.body.personId as string;
    const short = caseId.slice(0, 8);
    await app.caughtUp();

    const page = await app.signedIn('admin');
    const navigation = page.getByRole('navigation', { name: 'Menu' });
    await navigation.getByRole('link', { name: 'People', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/people');
    await expect(navigation.getByRole('link', { name: 'People', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await accessibilityViolations(page)).toEqual([]);

    await findPerson(page, 'ORSTED anais zoe');
    expect(await peopleListed(page)).toEqual([['Zoë Anaïs Ørsted', '28 February 1990', 'Subject of a case', `${short} Restorative justice`]]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-people');
    await fitsAPhone(page);

    await page.getByRole('link', { name: 'Zoë Anaïs Ørsted' }).click();
    expect(new URL(page.url()).pathname).toBe(`/admin/people/${personId}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Zoë Anaïs Ørsted');
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download everything held about this person' }).click()]);
    expect(download.suggestedFilename()).toBe(`subject-access-${personId.slice(0, 8)}-2026-11-22.json`);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      personId: string;
      personalData: Record<string, unknown>;
      cases: { caseId: string; role: string }[];
    };
    expect(exported.personId).toBe(personId);
    expect(exported.personalData).toEqual(expect.objectContaining({ givenName: 'Zoë Anaïs', familyName: 'Ørsted', dateOfBirth: '1990-02-28', erased: false }));
    expect(exported.cases.map(({ caseId: id, role }) => ({ id, role }))).toEqual([{ id: caseId, role: 'subject' }]);

    await page.getByRole('link', { name: 'Erase this person' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Erase Zoë Anaïs Ørsted');
    await expect(page.locator('main').innerText()).resolves.toContain('Erasing cannot be undone.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);
    await page.getByRole('button', { name: 'Erase Zoë Anaïs Ørsted' }).click();
    expect(new URL(page.url()).pathname).toBe(`/admin/people/${personId}`);
    expect(await confirmation(page)).toBe('This person’s personal details are erased. Their cases and the figures stay, with no name.');
    await expect(page.locator('h1').innerText()).resolves.toBe(`Erased person ${personId.slice(0, 8)}`);
    await expect(page.getByRole('link', { name: 'Erase this person' }).count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The form sent again (a second tab, or the back button): nothing more to erase, and it says so.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const again = await page.request.post(`/admin/people/${personId}/erasure`, { form: { _csrf: csrf, idempotencyKey: randomUUID() } });
    expect(new URL(again.url()).pathname).toBe(`/admin/people/${personId}`);
    await expect(again.text()).resolves.toMatch(/This person was already erased on \d{1,2} November 2026 at \d{2}:\d{2}\. Nothing more was held about them\./);

    await page.goto('/admin/people');
    await findPerson(page, 'ORSTED anais zoe');
    await expect(page.locator('main').innerText()).resolves.toContain('There is nobody matching “ORSTED anais zoe”.');
    await findPerson(page, '1990-02-28');
    expect((await peopleListed(page)).map(([name]) => name)).not.toContain('Zoë Anaïs Ørsted');
    await findPerson(page, 'cris 6001');
    expect(await peopleListed(page)).toEqual([[`Erased person ${personId.slice(0, 8)}`, '', 'Subject of a case', `${short} Restorative justice`]]);

    await page.getByRole('link', { name: `Erased person ${personId.slice(0, 8)}` }).click();
    await page.getByRole('link', { name: 'See the audit log for this person' }).click();
    expect(new URL(page.url()).search).toBe(`?personId=${personId}`);
    const entries = (await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())))).map(
      ([, who, what, , person]) => ({ who, what, person }),
    );
    const person = personId.slice(0, 8);
    // Newest first: the erasure, the read of the confirmation page, the export, the person's page and the search.
    const read = 'Read the given name, family name and date of birth';
    expect(entries).toEqual(
      ['Erased the person’s personal details', read, 'Exported everything held about the person (subject access)', read, read].map((what) => ({ who: 'admin', what, person })),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);
  }, 180_000);
});
