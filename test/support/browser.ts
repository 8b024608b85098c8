import { Organisation } from '@safer-cases/domain';
import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { Role } from '../../apps/api/src/auth/actor';
import { startTestApp, TestApp, TestAppOptions, testPassword, usernameOf } from './test-app';

/** Debian's Chromium (`apt-get install -y chromium`), or the one `CHROMIUM_PATH` names. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, as root, on a machine with no way out: no sandbox, and none of Chromium's own calls home. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Where screenshots go: the README's `docs/screenshots` with UPDATE_SCREENSHOTS=1, otherwise a
 * folder under the system's temporary one, so that an ordinary test run leaves the checkout as it was.
 */
export const screenshotsFolder = process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'docs', 'screenshots') : join(tmpdir(), 'safer-cases-screenshots');

export type BrowserApp = TestApp & {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) on a page of the app; `javaScript: false` as a browser with scripts off. */
  newPage: (options?: { javaScript?: boolean }) => Promise<Page>;
  /** A fresh page, signed in through the sign-in form as the test user of that role. */
  signedIn: (role: Role, organisation?: Organisation) => Promise<Page>;
};

/** The whole app listening on a free loopback port, and a headless Chromium to drive it. */
export const startBrowserApp = async (today?: string, options?: TestAppOptions): Promise<BrowserApp> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const testApp = await startTestApp(today, options);
  await testApp.app.listen(0, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const newPage = async ({ javaScript = true }: { javaScript?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, javaScriptEnabled: javaScript });
    return context.newPage();
  };
  const signedIn = async (role: Role, organisation?: Organisation): Promise<Page> => {
    const page = await newPage();
    await signIn(page, usernameOf(role, organisation));
    return page;
  };
  return {
    ...testApp,
    baseUrl,
    browser,
    newPage,
    signedIn,
    close: async () => {
      await browser.close();
      await testApp.close();
    },
  };
};

/** Signs in through the form, and waits for the landing page. */
export const signIn = async (page: Page, username: string, password = testPassword): Promise<void> => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
};

export type AccessibilityViolation = { id: string; impact: string | null | undefined; help: string; nodes: string[] };

/** The page's serious and critical WCAG 2.2 A/AA violations, as axe-core finds them (empty when there are none). */
export const accessibilityViolations = async (page: Page): Promise<AccessibilityViolation[]> => {
  await page.evaluate(axe.source);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };
  const results = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as axe.AxeResults;
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
};

/** Saves the whole page as <name>.png in `screenshotsFolder`. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotsFolder, { recursive: true });
  await page.screenshot({ path: join(screenshotsFolder, `${name}.png`), fullPage: true });
};

/** The GOV.UK error summary's messages on the page. */
export const errorSummary = async (page: Page): Promise<string[]> => page.locator('.govuk-error-summary__list li').allInnerTexts();

/** The confirmation banner's text. */
export const confirmation = async (page: Page): Promise<string> =>
  (await page.locator('.govuk-notification-banner--success .govuk-notification-banner__content').innerText()).trim();

/** Types a date into the GOV.UK date input whose legend is `legend`. */
export const fillDate = async (page: Page, legend: string, isoDate: string): Promise<void> => {
  const [year, month, day] = isoDate.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
};

/** The value beside `key` in the page's first GOV.UK summary list row whose key is exactly `key`. */
export const summaryValue = async (page: Page, key: string): Promise<string> =>
  (
    await page
      .locator('.govuk-summary-list__row', { has: page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
      .locator('.govuk-summary-list__value')
      .first()
      .innerText()
  ).trim();
