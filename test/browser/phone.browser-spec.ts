import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, startBrowserApp, summaryValue } from '../support/browser';
import { usernameOf } from '../support/test-app';

const today = '2026-11-22';

/** A common phone's width in CSS pixels. */
const phone = { width: 390, height: 844 };

/** How wide the page is drawn, against the window: wider means the reader must scroll sideways. */
const overflow = (page: Page): Promise<number> => page.locator('html').evaluate((root) => root.scrollWidth - (root.ownerDocument.defaultView?.innerWidth ?? 0));

/** What a page must be on a phone: nothing to scroll sideways to, and nothing axe finds wrong. */
const fitsAPhone = async (page: Page): Promise<void> => {
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  expect(await accessibilityViolations(page)).toEqual([]);
};

/** The daily work of issue 12 walked on a 390-pixel phone, as a coordinator, a referrer, an administrator and a commissioner would. */
describe('the daily work on a phone', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  const onPhone = async (...signedIn: Parameters<BrowserApp['signedIn']>): Promise<Page> => {
    const page = await app.signedIn(...signedIn);
    await page.setViewportSize(phone);
    return page;
  };

  const coordinator = () => app.as('rj-coordinator');

  /** A police referral of Róisín Ní Bhriain, accepted, made through the API: what comes before the walk. */
  const acceptedCase = async (): Promise<string> => {
    const caseId = randomUUID();
    await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        caseId,
        programme: 'restorative-justice',
        referredOn: '2026-11-02',
        referrer: { organisation: 'police', reference: 'CRIS 6120/26' },
        subject: { givenName: 'Róisín', familyName: 'Ní Bhriain', dateOfBirth: '1999-07-14' },
        offence: { type: 'Criminal damage', date: '2026-10-28' },
      })
      .expect(201);
    await coordinator().post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2026-11-05' }).expect(201);
    return caseId;
  };

  const trainedFacilitator = async (givenName: string, familyName: string): Promise<void> => {
    const volunteerId = randomUUID();
    await coordinator().post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-10-01', givenName, familyName }).expect(201);
    await coordinator().post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: '2026-10-15' }).expect(201);
  };

  it('finds a person by name, records a panel after a refusal in plain words, and strikes it out again', async () => {
    const caseId = await acceptedCase();
    await trainedFacilitator('Imogen', 'Vale');
    await app.caughtUp();
    const page = await onPhone('rj-coordinator');
    await page.goto('/restorative-justice');
    await fitsAPhone(page);

    await page.getByLabel('Find a case').fill('ni bhriain roisin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForLoadState();
    const found = page.locator('td[data-label="Case"]', { has: page.locator(`a[href$="${caseId}"]`) });
    await expect(found.innerText()).resolves.toMatch(/Róisín Ní Bhriain$/);
    await fitsAPhone(page);

    await found.locator('a').click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Róisín Ní Bhriain');
    await fitsAPhone(page);

    const before = await app.eventCount();
    await fillDate(page, 'Date of the panel', '2026-11-20');
    await page.getByRole('group', { name: 'Did the victim attend?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Record panel' }).click();
    expect(await errorSummary(page)).toEqual(['Select at least one facilitator']);
    expect(await app.eventCount()).toBe(before);
    await fitsAPhone(page);

    await page.getByRole('checkbox', { name: /^Imogen Vale/ }).check();
    await page.getByRole('button', { name: 'Record panel' }).click();
    expect(await confirmation(page)).toBe('Panel recorded');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Panel held');
    await fitsAPhone(page);

    await page.getByRole('link', { name: 'Strike out panel held, 20 November 2026' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you strike out this entry');
    await expect(summaryValue(page, 'Details')).resolves.toBe('Victim attended: Yes; Facilitators: Imogen Vale');
    await fitsAPhone(page);
    await page.getByLabel('Why is it being struck out?').fill('Panel recorded on the wrong case');
    await page.getByRole('button', { name: 'Strike out entry' }).click();
    expect(await confirmation(page)).toBe('Struck out: the panel held on 20 November 2026');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Accepted');
    await fitsAPhone(page);
  });

  it('asks the referrer before recording a reoffence, with no date filled in for them', async () => {
    const caseId = await acceptedCase();
    await app.caughtUp();
    const page = await onPhone('referrer', 'police');
    await page.goto('/referrals');
    await fitsAPhone(page);
    await page.goto(`/referrals/${caseId}`);
    const offenceDate = page.getByRole('group', { name: 'Date of the new offence' });
    await expect(Promise.all(['Day', 'Month', 'Year'].map((part) => offenceDate.getByLabel(part).inputValue()))).resolves.toEqual(['', '', '']);
    await fitsAPhone(page);

    await fillDate(page, 'Date of the new offence', '2026-11-21');
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you record this reoffence');
    await fitsAPhone(page);
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    expect(await confirmation(page)).toBe('Reoffence recorded');
    await fitsAPhone(page);
  });

  it('warns the referrer of a caution whose deadline has passed, on a page a reload draws again, and refers when sent anyway', async () => {
    const page = await onPhone('referrer', 'police');
    await page.goto('/referrals/new/conditional-caution');
    await fillDate(page, 'Date referred', '2026-11-20');
    await page.getByLabel('Given name', { exact: true }).fill('Tomasz');
    await page.getByLabel('Family name', { exact: true }).fill('Wójcik');
    await page.getByLabel('Offence', { exact: true }).fill('Drunk and disorderly');
    await fillDate(page, 'Date of the offence', '2026-08-01');
    const before = await app.eventCount();
    const [sent] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), page.getByRole('button', { name: 'Send referral' }).click()]);
    expect(sent.status()).toBe(303);
    await page.waitForLoadState();
    const warning = 'The 12-week deadline for this offence passed on 24 October 2026, before the date of referral.';
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(warning);
    expect(await app.eventCount()).toBe(before);
    await fitsAPhone(page);

    await page.reload();
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(warning);
    await expect(page.getByLabel('Family name', { exact: true }).inputValue()).resolves.toBe('Wójcik');
    expect(await app.eventCount()).toBe(before);

    await page.getByRole('button', { name: 'Send referral anyway' }).click();
    expect(await confirmation(page)).toBe('Referral made to Alcohol Conditional Caution');
    const caseId = new URL(page.url()).pathname.split('/')[2];
    const referred = (await app.as('referrer', 'police').get(`/api/cases/${caseId}`).expect(200)).body as {
      programme: string;
      history: { data: { offence?: { date: string } } }[];
    };
    expect({ programme: referred.programme, offenceDate: referred.history[0].data.offence?.date }).toEqual({ programme: 'conditional-caution', offenceDate: '2026-08-01' });
    await fitsAPhone(page);
  });

  it('lets the administrator disable and enable a colleague from the user list', async () => {
    const username = `p.${randomUUID().slice(0, 6)}`;
    await app.as('admin').post('/api/users').send({ username, password: 'a long enough password', role: 'commissioner', organisation: 'council' }).expect(201);
    const page = await onPhone('admin');
    await page.goto('/admin');
    await fitsAPhone(page);
    await page.getByRole('button', { name: `Disable ${username}` }).click();
    expect(await confirmation(page)).toContain(username);
    await fitsAPhone(page);
    await page.getByRole('button', { name: `Enable ${username}` }).click();
    expect(await confirmation(page)).toContain(username);
    await page.goto('/admin/audit');
    await expect(page.locator('main').innerText()).resolves.toContain(usernameOf('admin'));
    await fitsAPhone(page);
  });

  it('opens the commissioners’ page with every target in one table and the period picker folded away', async () => {
    const page = await onPhone('commissioner');
    await page.goto('/dashboard');
    await expect(page.locator('#targets-summary caption').innerText()).resolves.toBe('Every target at a glance');
    await expect(page.locator('#period-picker').getAttribute('open')).resolves.toBeNull();
    await fitsAPhone(page);
  });
});
