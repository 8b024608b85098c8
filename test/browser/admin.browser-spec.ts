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
    expect(await errorSummary(page)).toEqual(['Password must be at least 12 characters', 'A commissioner belongs to council']);
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('w.tan');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('works with JavaScript turned off: sign in, a form refused and then accepted', async () => {
    const page = await app.newPage({ javaScript: false });
    await signIn(page, 'admin');
    await expect(page.evaluate('document.body.className')).resolves.not.toContain('js-enabled');
    await page.getByLabel('Username').fill('n.script');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await errorSummary(page)).toContain('Password must be at least 12 characters');
    await page.getByLabel('Password').fill('no scripts needed here');
    await page.getByLabel('Referrer: police, probation or council staff who refer cases and record reoffences').check();
    await page.getByLabel('Organisation').selectOption('probation');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect(await confirmation(page)).toBe('n.script can now sign in');
  });
});
