import { JwtService } from '@nestjs/jwt';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, screenshot, signIn, startBrowserApp } from '../support/browser';
import { testJwtSecret, testPassword, usernameOf } from '../support/test-app';

const today = '2026-11-22';

/** For a journey that signs in twice (each sign-in hashes a password on purpose slowly). */
const twoSignIns = 120_000;

type Claims = { sub: string; sid: string; username: string; role: string; organisation: string; exp: number };

const claimsOf = (token: string): Claims => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Claims;

const sessionCookieOf = async (page: Page) => {
  const cookie = (await page.context().cookies()).find((each) => each.name === 'sc_session');
  if (!cookie) throw new Error('The browser holds no session cookie');
  return cookie;
};

/** The browser's session cookie, its token replaced by one of the same session that expired a few seconds ago: the session ended while the form was open. */
const letSessionExpire = async (page: Page): Promise<void> => {
  const cookie = await sessionCookieOf(page);
  const { sub, sid, username, role, organisation } = claimsOf(cookie.value);
  const expired = new JwtService({}).sign({ sid, username, role, organisation }, { secret: testJwtSecret, issuer: 'safer-cases', subject: sub, expiresIn: -5 });
  await page.context().addCookies([{ ...cookie, value: expired }]);
};

const londonTime = (epochSeconds: number): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(epochSeconds * 1000));

/** A restorative-justice referral as a police referrer types it, with the date of birth given. */
const typeReferral = async (page: Page, dateOfBirth: string): Promise<void> => {
  await fillDate(page, 'Date referred', '2026-11-20');
  await page.getByLabel('Your reference (optional)').fill('CRIS 7001/26');
  await page.getByLabel('Given name', { exact: true }).fill('Zoë');
  await page.getByLabel('Family name', { exact: true }).fill('Fairweather');
  await fillDate(page, 'Date of birth', dateOfBirth);
  await page.getByLabel('Offence', { exact: true }).fill('Criminal damage');
  await fillDate(page, 'Date of the offence', '2026-11-01');
};

const typedDate = async (page: Page, legend: string): Promise<string[]> => {
  const group = page.getByRole('group', { name: legend });
  return Promise.all(['Day', 'Month', 'Year'].map((part) => group.getByLabel(part).inputValue()));
};

describe('nothing typed is lost', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  it('draws a refused form again after a redirect, so that a reload or the back button sends nothing again', async () => {
    const page = await app.signedIn('referrer', 'police');
    await page.goto('/referrals/new/restorative-justice');
    const before = await app.eventCount();
    await typeReferral(page, '2004-02-30');
    const [posted] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Send referral' }).click()]);
    expect(posted.status()).toBe(303);
    await page.waitForLoadState();

    const drawn = new URL(page.url());
    expect(drawn.pathname).toBe('/referrals/new/restorative-justice');
    expect(drawn.searchParams.get('draft')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await errorSummary(page)).toEqual(['Date of birth must be a real date, for example 27 3 2026']);
    await expect(page.title()).resolves.toMatch(/^Error: Refer to /);
    await expect(page.getByLabel('Given name', { exact: true }).inputValue()).resolves.toBe('Zoë');
    await expect(page.getByLabel('Offence', { exact: true }).inputValue()).resolves.toBe('Criminal damage');
    await expect(typedDate(page, 'Date of birth')).resolves.toEqual(['30', '2', '2004']);
    expect(await accessibilityViolations(page)).toEqual([]);

    // What was typed is in no address and no cookie: only the draft's id is.
    expect(page.url()).not.toContain('Fairweather');
    expect((await page.context().cookies()).map((cookie) => decodeURIComponent(cookie.value)).join(' ')).not.toContain('Fairweather');

    const reloaded = await page.reload();
    expect({ method: reloaded?.request().method(), status: reloaded?.status(), redirectedFrom: reloaded?.request().redirectedFrom() }).toEqual({
      method: 'GET',
      status: 200,
      redirectedFrom: null,
    });
    // The draft was read once; the reload draws the page afresh.
    expect(await errorSummary(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await typeReferral(page, '2004-02-29');
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await confirmation(page)).toBe('Referral made to Neighbourhood Restorative Justice Panel');
    expect(await app.eventCount()).toBe(before + 1);
    const again = await page.reload();
    expect(again?.request().method()).toBe('GET');
    const back = await page.goBack();
    expect({ method: back?.request().method(), status: back?.status() }).toEqual({ method: 'GET', status: 200 });
    expect(await app.eventCount()).toBe(before + 1);
  });

  it(
    'draws a refused step on the page of its case, not at the address it was sent to',
    async () => {
      const page = await app.signedIn('referrer', 'police');
      await page.goto('/referrals/new/restorative-justice');
      await typeReferral(page, '2004-02-29');
      await page.getByRole('button', { name: 'Send referral' }).click();
      const casePage = new URL(page.url()).pathname;
      const caseId = casePage.split('/')[2];
      const before = await app.eventCount();

      const coordinator = await app.signedIn('rj-coordinator');
      await coordinator.goto(`/restorative-justice/cases/${caseId}`);
      await fillDate(coordinator, 'Date declined', '2026-02-31');
      const [posted] = await Promise.all([
        coordinator.waitForResponse((response) => response.request().method() === 'POST'),
        coordinator.getByRole('button', { name: 'Decline referral' }).click(),
      ]);
      expect({ status: posted.status(), path: new URL(posted.url()).pathname }).toEqual({ status: 303, path: `/restorative-justice/cases/${caseId}/decline` });
      await coordinator.waitForLoadState();
      expect(new URL(coordinator.url()).pathname).toBe(`/restorative-justice/cases/${caseId}`);
      expect(await errorSummary(coordinator)).toEqual(['Date declined must be a real date, for example 27 3 2026', 'Enter reason for declining']);
      await expect(typedDate(coordinator, 'Date declined')).resolves.toEqual(['31', '2', '2026']);
      await expect(coordinator.title()).resolves.toMatch(/^Error: Zoë Fairweather — [0-9a-f]{8} – Safer Cases$/);
      expect(await app.eventCount()).toBe(before);
    },
    twoSignIns,
  );

  it(
    'keeps a form sent after the session ended, and after signing in again brings it back as it was typed',
    async () => {
      const page = await app.signedIn('referrer', 'police');
      await page.goto('/referrals/new/restorative-justice');
      await typeReferral(page, '2004-02-29');
      await page.getByLabel('Victim’s given name (optional)').fill('Rosa');
      const before = await app.eventCount();

      await letSessionExpire(page);
      await page.getByRole('button', { name: 'Send referral' }).click();
      const signingIn = new URL(page.url());
      expect(signingIn.pathname).toBe('/sign-in');
      const returnTo = signingIn.searchParams.get('returnTo') ?? '';
      expect(returnTo).toMatch(/^\/referrals\/new\/restorative-justice\?draft=[0-9a-f-]{36}$/);
      await expect(page.locator('.govuk-inset-text').innerText()).resolves.toContain('You were signed out before your form was sent, so nothing was recorded');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await app.eventCount()).toBe(before);

      await page.getByLabel('Username').fill(usernameOf('referrer', 'police'));
      await page.getByLabel('Password', { exact: true }).fill(testPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/referrals/new/restorative-justice');
      await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('You were signed out before this form was sent, so nothing was recorded');
      await expect(page.getByLabel('Given name', { exact: true }).inputValue()).resolves.toBe('Zoë');
      await expect(page.getByLabel('Family name', { exact: true }).inputValue()).resolves.toBe('Fairweather');
      await expect(page.getByLabel('Your reference (optional)').inputValue()).resolves.toBe('CRIS 7001/26');
      await expect(page.getByLabel('Victim’s given name (optional)').inputValue()).resolves.toBe('Rosa');
      await expect(typedDate(page, 'Date of birth')).resolves.toEqual(['29', '2', '2004']);
      expect(await errorSummary(page)).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'form-kept-after-sign-in');

      await page.getByRole('button', { name: 'Send referral' }).click();
      expect(await confirmation(page)).toBe('Referral made to Neighbourhood Restorative Justice Panel');
      expect(await app.eventCount()).toBe(before + 1);
    },
    twoSignIns,
  );

  it(
    'gives a kept form to its own user only',
    async () => {
      const page = await app.newPage({ javaScript: false });
      await signIn(page, usernameOf('referrer', 'police'));
      await page.goto('/referrals/new/restorative-justice');
      await typeReferral(page, '2004-02-29');
      await letSessionExpire(page);
      await page.getByRole('button', { name: 'Send referral' }).click();
      const returnTo = new URL(page.url()).searchParams.get('returnTo') ?? '';

      const colleague = await app.newPage({ javaScript: false });
      await signIn(colleague, usernameOf('referrer', 'council'));
      await colleague.goto(returnTo);
      await expect(colleague.getByLabel('Given name', { exact: true }).inputValue()).resolves.toBe('');
      await expect(colleague.locator('.govuk-notification-banner').count()).resolves.toBe(0);
    },
    twoSignIns,
  );
});

describe('the warning before the session ends', () => {
  let app: BrowserApp;
  /** Long enough to sign in and look, short enough that the two-minute warning comes after ten seconds. */
  const ttlSeconds = 130;

  beforeAll(async () => {
    app = await startBrowserApp(today, { auth: { tokenTtlSeconds: ttlSeconds } });
  });

  afterAll(async () => {
    await app.close();
  });

  const dialog = (page: Page) => page.getByRole('alertdialog', { name: 'You are about to be signed out' });

  it('warns two minutes before, in a focused dialog, and "Stay signed in" keeps the session and the page as they are', async () => {
    const page = await app.signedIn('referrer', 'police');
    await page.goto('/referrals/new/restorative-justice');
    await page.getByLabel('Given name', { exact: true }).fill('Zoë');
    const { sid, exp } = claimsOf((await sessionCookieOf(page)).value);
    await expect(page.locator('.app-session__text').innerText()).resolves.toBe(`You will be signed out at ${londonTime(exp)} if you do nothing.`);
    expect(await dialog(page).isVisible()).toBe(false);

    await dialog(page).waitFor({ state: 'visible', timeout: 20_000 });
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('app-session-dialog');
    await expect(dialog(page).innerText()).resolves.toMatch(/you will be signed out in (2 minutes|1 minute \d+ seconds?) if you do nothing/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'session-warning');

    await dialog(page).getByRole('button', { name: 'Stay signed in' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    const renewed = claimsOf((await sessionCookieOf(page)).value);
    expect(renewed.sid).toBe(sid);
    expect(renewed.exp).toBeGreaterThan(exp);
    expect(renewed.exp).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + ttlSeconds - 5);
    await expect(page.locator('.app-session__text').innerText()).resolves.toBe(`You will be signed out at ${londonTime(renewed.exp)} if you do nothing.`);
    await expect(page.getByLabel('Given name', { exact: true }).inputValue()).resolves.toBe('Zoë');
    expect(new URL(page.url()).pathname).toBe('/referrals/new/restorative-justice');
  });

  it('warns on a 390-pixel phone too, the dialog within the screen, and keeps the form as it was', async () => {
    const page = await app.signedIn('coaching-coordinator');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/community-coaching/coaches');
    await page.getByLabel('Given name (optional)').fill('Saoirse');
    await dialog(page).waitFor({ state: 'visible', timeout: 20_000 });
    const box = await dialog(page).boundingBox();
    expect(box && { left: box.x >= 0, right: box.x + box.width <= 390 }).toEqual({ left: true, right: true });
    expect(await page.locator('html').evaluate((root) => root.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Stay signed in' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    await expect(page.getByLabel('Given name (optional)').inputValue()).resolves.toBe('Saoirse');
  });

  it('signs out from the warning', async () => {
    const page = await app.signedIn('referrer', 'police');
    await dialog(page).waitFor({ state: 'visible', timeout: 20_000 });
    await dialog(page).getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto('/referrals');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('says on the page itself when the session ends, and without scripts "Stay signed in" is a form that comes back to the page', async () => {
    const page = await app.newPage({ javaScript: false });
    await signIn(page, usernameOf('referrer', 'police'));
    await page.goto('/referrals?programme=restorative-justice');
    const { sid, exp } = claimsOf((await sessionCookieOf(page)).value);
    await expect(page.locator('.app-session__text').innerText()).resolves.toBe(`You will be signed out at ${londonTime(exp)} if you do nothing.`);

    // A whole second later, so that the renewed token's expiry (in whole seconds) is later.
    await page.waitForTimeout(1_100);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe('/referrals?programme=restorative-justice');
    expect(await confirmation(page)).toBe('You are still signed in');
    const renewed = claimsOf((await sessionCookieOf(page)).value);
    expect({ sid: renewed.sid, later: renewed.exp > exp }).toEqual({ sid, later: true });
    await expect(page.locator('.app-session__text').innerText()).resolves.toBe(`You will be signed out at ${londonTime(renewed.exp)} if you do nothing.`);
  });

  it('answers the page’s script in JSON, and a visitor with no session with 401', async () => {
    const page = await app.signedIn('referrer', 'police');
    const csrf = await page.locator('form.app-sign-out input[name="_csrf"]').inputValue();
    const renewed = await page.request.post('/sign-in/renew', { form: { _csrf: csrf }, headers: { Accept: 'application/json' } });
    expect(renewed.status()).toBe(200);
    expect(await renewed.json()).toEqual({ signedIn: true, endsAt: expect.any(String), endsAtText: expect.stringMatching(/^\d\d:\d\d$/), secondsLeft: expect.any(Number) });

    const visitor = await app.newPage();
    await visitor.goto('/sign-in');
    const visitorCsrf = await visitor.locator('input[name="_csrf"]').inputValue();
    const refused = await visitor.request.post('/sign-in/renew', { form: { _csrf: visitorCsrf }, headers: { Accept: 'application/json' } });
    expect({ status: refused.status(), body: await refused.json() }).toEqual({ status: 401, body: { signedIn: false } });
  });
});
