import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, errorSummary, screenshot, signIn, startBrowserApp } from '../support/browser';
import { testPassword } from '../support/test-app';

/**
 * Sends a form by `click`, and answers what the browser was sent back: the POST's own status and
 * where it redirected to (post/redirect/get), once the page it leads to has loaded.
 */
const sent = async (page: Page, click: () => Promise<void>): Promise<{ status: number; location: string | undefined }> => {
  const posted = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().isNavigationRequest());
  const [response] = await Promise.all([posted, click()]);
  await page.waitForLoadState();
  return { status: response.status(), location: response.headers().location };
};

/** The page after the back button then the forward button: a GET each way, never a form sent again (Chromium would fail with ERR_CACHE_MISS). */
const backAndForth = async (page: Page): Promise<string | undefined> => {
  await page.goBack();
  return (await page.goForward())?.request().method();
};

describe('signing in to the pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp('2026-11-22');
  });

  afterAll(async () => {
    await app.close();
  });

  it('sends a visitor to the sign-in page, which passes the accessibility check', async () => {
    const page = await app.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sign in to Safer Cases');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('says what is wrong with an empty form, linking to each field', async () => {
    const page = await app.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await errorSummary(page)).toEqual(['Enter your username', 'Enter your password']);
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('refuses a wrong password without saying whether the username exists', async () => {
    const page = await app.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('rj-coordinator');
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await errorSummary(page)).toEqual(['The username or password is not right']);
  });

  it('answers a refused sign-in with a redirect to the sign-in page, which shows why and keeps the username only; a reload sends nothing again', async () => {
    const page = await app.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('rj-coordinator');
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    const before = await app.eventCount();
    expect(await sent(page, () => page.getByRole('button', { name: 'Sign in' }).click())).toEqual({ status: 303, location: '/sign-in' });
    expect(new URL(page.url()).search).toBe('');
    expect(await errorSummary(page)).toEqual(['The username or password is not right']);
    await expect(page.locator('#username-error').innerText()).resolves.toContain('The username or password is not right');
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('rj-coordinator');
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    expect(await accessibilityViolations(page)).toEqual([]);

    await expect(backAndForth(page)).resolves.toBe('GET');
    const reloaded = await page.reload();
    expect({ method: reloaded?.request().method(), status: reloaded?.status() }).toEqual({ method: 'GET', status: 200 });
    expect(await errorSummary(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);
  });

  it('shows a locked account’s message after the redirect, still knowing the page asked for', async () => {
    const username = `locked-${randomUUID().slice(0, 8)}`;
    const password = `a long password ${randomUUID()}`;
    await app.as('admin').post('/api/users').send({ username, password, role: 'rj-coordinator', organisation: 'victim-support' }).expect(201);
    for (let attempt = 1; attempt <= 4; attempt++) await app.http().post('/api/auth/login').send({ username, password: 'wrong password!' }).expect(401);

    const page = await app.newPage();
    await page.goto('/restorative-justice');
    expect(page.url()).toContain('/sign-in?returnTo=%2Frestorative-justice');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill('wrong password!');
    expect(await sent(page, () => page.getByRole('button', { name: 'Sign in' }).click())).toEqual({ status: 303, location: '/sign-in?returnTo=%2Frestorative-justice' });
    const [locked] = await errorSummary(page);
    expect(locked).toMatch(/^This account is locked after too many wrong passwords\. Try again in \d+ minutes?, or ask your administrator\.$/);
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe(username);
    await expect(backAndForth(page)).resolves.toBe('GET');
  });

  it('lands each role on its own first page, with its own navigation, and signs out', async () => {
    const page = await app.signedIn('admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect(page.getByRole('link', { name: 'Administration' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('ends the session on signing out: a copy of its cookie in another browser, without JavaScript, signs nobody in', async () => {
    const page = await app.signedIn('admin');
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'sc_session');
    if (!session) throw new Error('No session cookie after signing in');
    const copy = await app.newPage({ javaScript: false });
    await copy.context().addCookies([session]);
    await copy.goto('/admin');
    expect(new URL(copy.url()).pathname).toBe('/admin');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await copy.goto('/admin');
    expect(new URL(copy.url()).pathname).toBe('/sign-in');
  });

  it('sets the session in a cookie scripts cannot read, sent to this site only', async () => {
    const page = await app.newPage();
    await signIn(page, 'admin', testPassword);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'sc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('shows a page not meant for the role as refused, naming the role’s own pages', async () => {
    const page = await app.signedIn('commissioner');
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(page.locator('main').innerText()).resolves.toContain('This page is for administrators. Your pages are: Dashboard.');
  });

  it('draws an unknown address as a page, not as JSON', async () => {
    const page = await app.signedIn('admin');
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
  });

  it('refuses a form sent without its CSRF token, recording nothing', async () => {
    const page = await app.signedIn('admin');
    const response = await page.request.post('/sign-out', { form: { _csrf: 'forged' } });
    expect(response.status()).toBe(403);
    await expect(response.text()).resolves.toContain('This form has expired');
  });

  it('returns to the page asked for after signing in', async () => {
    const page = await app.newPage();
    await page.goto('/admin');
    expect(page.url()).toContain('/sign-in?returnTo=%2Fadmin');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
  });
});
