import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, screenshot, startBrowserApp, summaryValue } from '../support/browser';
import { usernameOf } from '../support/test-app';

const today = '2026-11-22';

/**
 * Sends a form by `click`, and answers what the browser was sent back: the POST's own status and
 * the address it redirected to (post/redirect/get), once the page it leads to has loaded.
 */
const sent = async (page: Page, click: () => Promise<void>): Promise<{ status: number; location: string }> => {
  const posted = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().isNavigationRequest());
  const [response] = await Promise.all([posted, click()]);
  await page.waitForLoadState();
  return { status: response.status(), location: response.headers().location ?? '' };
};

/** The page after the back button then the forward button: a GET each way, never a form sent again (Chromium would fail with ERR_CACHE_MISS). */
const backAndForth = async (page: Page): Promise<string | undefined> => {
  await page.goBack();
  return (await page.goForward())?.request().method();
};

/** A page's address, as a redirect names it: its path, and whether it names a kept form (`?draft=`). */
const placeOf = (location: string) => {
  const url = new URL(location, 'http://page');
  return { path: url.pathname, draft: url.searchParams.has('draft') };
};

type CaseView = { status: string; closed: boolean; history: { revision: number; type: string; struckOut?: { reason: string; recordedBy: string } }[] };

/** Striking out entries recorded in error, asking before a case is closed or a reoffence recorded, and reopening a closed case (issue 12). */
describe('corrections on the pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  const coordinator = () => app.as('rj-coordinator');

  /** A police referral, accepted, made through the API: what comes before the corrections. */
  const acceptedCase = async (): Promise<string> => {
    const { caseId } = (
      await app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          programme: 'restorative-justice',
          referredOn: '2026-11-02',
          referrer: { organisation: 'police' },
          subject: { givenName: 'Jordan', familyName: 'Hale' },
          offence: { type: 'criminal damage', date: '2026-10-28' },
        })
        .expect(201)
    ).body as { caseId: string };
    await coordinator().post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2026-11-05' }).expect(201);
    return caseId;
  };

  const withPanel = async (caseId: string): Promise<void> => {
    const volunteerId = randomUUID();
    await coordinator().post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-10-01' }).expect(201);
    await coordinator().post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: '2026-10-15' }).expect(201);
    await coordinator()
      .post(`/api/cases/${caseId}/panel`)
      .send({ heldOn: '2026-11-20', facilitatorIds: [volunteerId], victimAttended: true })
      .expect(201);
    await app.caughtUp();
  };

  const apiCase = async (caseId: string): Promise<CaseView> => (await coordinator().get(`/api/cases/${caseId}`).expect(200)).body as CaseView;

  const historyRow = (page: Page, text: string) => page.locator('table').filter({ hasText: 'What has happened' }).getByRole('row').filter({ hasText: text });

  /** The Strike out links, each as a screen reader names it (its visually hidden words included). */
  const strikeLinks = (page: Page) => page.getByRole('link', { name: /^Strike out/ });
  const strikeLinkNames = async (page: Page): Promise<string[]> => (await strikeLinks(page).allTextContents()).map((name) => name.replace(/\s+/g, ' ').trim());

  it('strikes out a panel recorded in error: the history shows it struck through, with who, when and why, and the case is back at Accepted', async () => {
    const caseId = await acceptedCase();
    await withPanel(caseId);
    const page = await app.signedIn('rj-coordinator');
    await page.goto(`/restorative-justice/cases/${caseId}`);
    await expect(summaryValue(page, 'Status')).resolves.toBe('Panel held');
    // Only the latest step may be struck: the acceptance has no link while the panel stands.
    await expect(strikeLinkNames(page)).resolves.toEqual(['Strike out panel held, 20 November 2026']);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Strike out panel held, 20 November 2026' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you strike out this entry');
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(
      'The panel held on 20 November 2026 will be struck out: the case goes back to Accepted, and the panel no longer counts towards the panels target',
    );
    await expect(summaryValue(page, 'What happened')).resolves.toBe('Panel held');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'strike-out');

    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Strike out entry' }).click();
    expect(await errorSummary(page)).toEqual(['Enter why it is being struck out']);
    await expect(page.locator('#reason-error').innerText()).resolves.toContain('Enter why it is being struck out');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await page.getByLabel('Why is it being struck out?').fill('Panel recorded on the wrong case');
    await page.getByRole('button', { name: 'Strike out entry' }).click();
    expect(await confirmation(page)).toBe('Struck out: the panel held on 20 November 2026');
    expect(new URL(page.url()).pathname).toBe(`/restorative-justice/cases/${caseId}`);
    await expect(summaryValue(page, 'Status')).resolves.toBe('Accepted');
    await expect(page.locator('.govuk-summary-list__key', { hasText: 'Panel facilitators' }).count()).resolves.toBe(0);
    // The one row struck through is the panel's.
    const struck = page
      .locator('table')
      .filter({ hasText: 'What has happened' })
      .getByRole('row')
      .filter({ has: page.locator('del') });
    await expect(struck.locator('del').first().innerText()).resolves.toBe('20 November 2026');
    await expect(struck.locator('del').nth(1).innerText()).resolves.toContain('Panel held');
    await expect(struck.innerText()).resolves.toContain(`Struck out by ${usernameOf('rj-coordinator')} on `);
    await expect(struck.innerText()).resolves.toContain(': Panel recorded on the wrong case');
    await expect(struck.locator('del .govuk-visually-hidden').first().textContent()).resolves.toBe('Struck out: ');
    await expect(historyRow(page, 'Entry struck out').innerText()).resolves.toContain('The panel held on 20 November 2026. Reason: Panel recorded on the wrong case');
    // The panel may be recorded again, and now the acceptance is the step that may be struck.
    await expect(page.getByRole('heading', { name: 'Record the panel' }).count()).resolves.toBe(1);
    await expect(strikeLinkNames(page)).resolves.toEqual(['Strike out referral accepted, 5 November 2026']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'struck-out');

    const view = await apiCase(caseId);
    expect(view.status).toBe('accepted');
    expect(view.history[2]).toMatchObject({ type: 'PanelHeld', struckOut: { reason: 'Panel recorded on the wrong case', recordedBy: usernameOf('rj-coordinator') } });
  });

  it('asks the referrer before recording a reoffence, with its date left empty, and lets them strike it out; no one else', async () => {
    const caseId = await acceptedCase();
    await app.caughtUp();
    const page = await app.signedIn('referrer', 'police');
    await page.goto(`/referrals/${caseId}`);
    const offenceDate = page.getByRole('group', { name: 'Date of the new offence' });
    await expect(Promise.all(['Day', 'Month', 'Year'].map((part) => offenceDate.getByLabel(part).inputValue()))).resolves.toEqual(['', '', '']);
    // The coordinator's acceptance is not the referrer's to strike.
    await expect(strikeLinks(page).count()).resolves.toBe(0);

    await fillDate(page, 'Date of the new offence', '2026-11-21');
    await page.getByLabel('Reference (optional)').fill('CRIS 7001/26');
    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you record this reoffence');
    await expect(summaryValue(page, 'Date of the new offence')).resolves.toBe('21 November 2026');
    await expect(summaryValue(page, 'Reference')).resolves.toBe('CRIS 7001/26');
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain('A reoffence committed on 21 November 2026 will be added to the case’s history');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    expect(await confirmation(page)).toBe('Reoffence recorded');
    await expect(historyRow(page, 'Reoffence recorded').innerText()).resolves.toContain('CRIS 7001/26');

    await page.getByRole('link', { name: 'Strike out reoffence recorded, 21 November 2026' }).click();
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(
      'The reoffence committed on 21 November 2026 will be struck out: the case stays Accepted, and it no longer counts in the reoffending figures.',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Why is it being struck out?').fill('Another person of the same name');
    await page.getByRole('button', { name: 'Strike out entry' }).click();
    expect(await confirmation(page)).toBe('Struck out: the reoffence committed on 21 November 2026');
    await expect(historyRow(page, 'Reoffence recorded').locator('del').count()).resolves.toBeGreaterThan(0);
    await expect(historyRow(page, 'Reoffence recorded').innerText()).resolves.toContain(`Struck out by ${usernameOf('referrer', 'police')} on `);
    await expect(strikeLinks(page).count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await apiCase(caseId)).history[2]).toMatchObject({ type: 'ReoffenceRecorded', struckOut: { reason: 'Another person of the same name' } });

    // A referrer may not strike the coordinator's acceptance, even by its address; the coordinator sees no link on the referrer's reoffence.
    expect((await page.goto(`/referrals/${caseId}/strike-out/1`))?.status()).toBe(403);
    const coordinatorPage = await app.signedIn('rj-coordinator');
    await coordinatorPage.goto(`/restorative-justice/cases/${caseId}`);
    await expect(strikeLinkNames(coordinatorPage)).resolves.toEqual(['Strike out referral accepted, 5 November 2026']);
  });

  it('closes a case only from the page that says what closing means, then reopens it', async () => {
    const caseId = await acceptedCase();
    await app.caughtUp();
    const page = await app.signedIn('rj-coordinator');
    await page.goto(`/restorative-justice/cases/${caseId}`);
    const closedOn = page.getByRole('group', { name: 'Date closed' });
    await expect(Promise.all(['Day', 'Month', 'Year'].map((part) => closedOn.getByLabel(part).inputValue()))).resolves.toEqual(['', '', '']);

    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Close case' }).click();
    const [noDate, ...more] = await errorSummary(page);
    expect(more).toEqual([]);
    expect(noDate).toMatch(/date closed/i);
    await expect(page.locator('#closedOn-error').innerText()).resolves.toMatch(/date closed/i);
    expect(await app.eventCount()).toBe(before);

    await fillDate(page, 'Date closed', '2026-11-21');
    await page.getByLabel('Reason for closing (optional)').fill('Moved out of Barnet');
    await page.getByRole('button', { name: 'Close case' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you close this case');
    await expect(summaryValue(page, 'Date closed')).resolves.toBe('21 November 2026');
    await expect(summaryValue(page, 'Reason')).resolves.toBe('Moved out of Barnet');
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(
      'The case will be closed on 21 November 2026: no further step can be recorded on it, only a reoffence, which the referrer records.',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'check-close');
    expect(await app.eventCount()).toBe(before);

    await page.getByRole('button', { name: 'Close case' }).click();
    expect(await confirmation(page)).toBe('Case closed');
    await expect(page.locator('main').innerText()).resolves.toContain('This case is closed.');
    await expect(historyRow(page, 'Case closed').innerText()).resolves.toContain('Reason: Moved out of Barnet');
    const reopenedOn = page.getByRole('group', { name: 'Date reopened' });
    await expect(Promise.all(['Day', 'Month', 'Year'].map((part) => reopenedOn.getByLabel(part).inputValue()))).resolves.toEqual(['', '', '']);
    expect(await accessibilityViolations(page)).toEqual([]);
    const closed = await apiCase(caseId);
    expect(closed.closed).toBe(true);
    expect(closed.history.filter((entry) => entry.type === 'CaseClosed')).toHaveLength(1);

    await fillDate(page, 'Date reopened', '2026-11-20');
    await page.getByLabel('Why is the case being reopened?').fill('Closed by mistake');
    await page.getByRole('button', { name: 'Reopen case' }).click();
    const [beforeClosure, ...others] = await errorSummary(page);
    expect(others).toEqual([]);
    expect(beforeClosure).toContain('21 November 2026');
    await expect(page.locator('#reopenedOn-error').count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await apiCase(caseId)).closed).toBe(true);

    await fillDate(page, 'Date reopened', '2026-11-22');
    await page.getByLabel('Why is the case being reopened?').fill('Closed by mistake');
    await page.getByRole('button', { name: 'Reopen case' }).click();
    expect(await confirmation(page)).toBe('Case reopened');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Accepted');
    await expect(page.getByRole('button', { name: 'Close case' }).count()).resolves.toBe(1);
    await expect(historyRow(page, 'Case reopened').innerText()).resolves.toContain('Reason: Closed by mistake');
    expect(await accessibilityViolations(page)).toEqual([]);
    const reopened = await apiCase(caseId);
    expect(reopened.closed).toBe(false);
    expect(reopened.history.at(-1)).toMatchObject({ type: 'CaseReopened' });
  });

  it('answers every refused correction form, and every form that asks first, with a redirect: the page shows why with what was typed, and a reload sends nothing again', async () => {
    const caseId = await acceptedCase();
    await withPanel(caseId);
    const casePage = `/restorative-justice/cases/${caseId}`;
    const page = await app.signedIn('rj-coordinator');
    const before = await app.eventCount();

    // Striking out with a reason too long: back to the strike-out page, the reason as typed.
    await page.goto(`${casePage}/strike-out/2`);
    const tooLong = `Recorded on the wrong case ${'x'.repeat(200)}`;
    await page.getByLabel('Why is it being struck out?').fill(tooLong);
    const strike = await sent(page, () => page.getByRole('button', { name: 'Strike out entry' }).click());
    expect({ status: strike.status, ...placeOf(strike.location) }).toEqual({ status: 303, path: `${casePage}/strike-out/2`, draft: true });
    expect(await errorSummary(page)).toHaveLength(1);
    await expect(page.getByLabel('Why is it being struck out?').inputValue()).resolves.toBe(tooLong);
    await expect(backAndForth(page)).resolves.toBe('GET');
    expect((await page.reload())?.request().method()).toBe('GET');
    expect(await errorSummary(page)).toEqual([]);

    // Closing with no date: back to the case page, the reason as typed.
    await page.goto(casePage);
    await page.getByLabel('Reason for closing (optional)').fill('Moved out of Barnet');
    const noDate = await sent(page, () => page.getByRole('button', { name: 'Close case' }).click());
    expect({ status: noDate.status, ...placeOf(noDate.location) }).toEqual({ status: 303, path: casePage, draft: true });
    expect(await errorSummary(page)).toEqual([expect.stringMatching(/date closed/i)]);
    await expect(page.getByLabel('Reason for closing (optional)').inputValue()).resolves.toBe('Moved out of Barnet');
    expect(await accessibilityViolations(page)).toEqual([]);
    await expect(backAndForth(page)).resolves.toBe('GET');
    expect((await page.reload())?.request().method()).toBe('GET');
    expect(await errorSummary(page)).toEqual([]);

    // Closing with a date: on to the page that asks first, at the form's own address; a reload draws it again as it was.
    await fillDate(page, 'Date closed', '2026-11-21');
    await page.getByLabel('Reason for closing (optional)').fill('Moved out of Barnet');
    const toCheck = await sent(page, () => page.getByRole('button', { name: 'Close case' }).click());
    expect({ status: toCheck.status, ...placeOf(toCheck.location) }).toEqual({ status: 303, path: `${casePage}/close`, draft: true });
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you close this case');
    await expect(backAndForth(page)).resolves.toBe('GET');
    const reloaded = await page.reload();
    expect({ method: reloaded?.request().method(), status: reloaded?.status() }).toEqual({ method: 'GET', status: 200 });
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you close this case');
    await expect(summaryValue(page, 'Date closed')).resolves.toBe('21 November 2026');
    await expect(summaryValue(page, 'Reason')).resolves.toBe('Moved out of Barnet');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);
    const closing = await sent(page, () => page.getByRole('button', { name: 'Close case' }).click());
    expect({ status: closing.status, path: placeOf(closing.location).path }).toEqual({ status: 303, path: casePage });
    expect(await confirmation(page)).toBe('Case closed');
    expect(await app.eventCount()).toBe(before + 1);

    // Reopening before the closure: back to the case page, the reason as typed.
    await fillDate(page, 'Date reopened', '2026-11-20');
    await page.getByLabel('Why is the case being reopened?').fill('Closed by mistake');
    const early = await sent(page, () => page.getByRole('button', { name: 'Reopen case' }).click());
    expect({ status: early.status, ...placeOf(early.location) }).toEqual({ status: 303, path: casePage, draft: true });
    await expect(errorSummary(page)).resolves.toEqual([expect.stringContaining('21 November 2026')]);
    await expect(page.getByLabel('Why is the case being reopened?').inputValue()).resolves.toBe('Closed by mistake');
    await expect(backAndForth(page)).resolves.toBe('GET');
    expect(await app.eventCount()).toBe(before + 1);
    expect((await apiCase(caseId)).history.filter((entry) => entry.type === 'CaseClosed')).toHaveLength(1);
  });

  it('answers the reoffence form with a redirect, refused or asking first, keeping the reference typed', async () => {
    const caseId = await acceptedCase();
    await app.caughtUp();
    const referralPage = `/referrals/${caseId}`;
    const page = await app.signedIn('referrer', 'police');
    await page.goto(referralPage);
    const before = await app.eventCount();

    await page.getByLabel('Reference (optional)').fill('CRIS 7002/26');
    const noDate = await sent(page, () => page.getByRole('button', { name: 'Record reoffence' }).click());
    expect({ status: noDate.status, ...placeOf(noDate.location) }).toEqual({ status: 303, path: referralPage, draft: true });
    expect(await errorSummary(page)).toEqual([expect.stringMatching(/date of the new offence/i)]);
    await expect(page.getByLabel('Reference (optional)').inputValue()).resolves.toBe('CRIS 7002/26');
    // The kept form is read once: coming back to the page draws it afresh, as a reload does.
    await expect(backAndForth(page)).resolves.toBe('GET');
    await expect(page.getByLabel('Reference (optional)').inputValue()).resolves.toBe('');

    await fillDate(page, 'Date of the new offence', '2026-11-21');
    await page.getByLabel('Reference (optional)').fill('CRIS 7002/26');
    const toCheck = await sent(page, () => page.getByRole('button', { name: 'Record reoffence' }).click());
    expect({ status: toCheck.status, ...placeOf(toCheck.location) }).toEqual({ status: 303, path: `${referralPage}/reoffences`, draft: true });
    expect((await page.reload())?.request().method()).toBe('GET');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you record this reoffence');
    await expect(summaryValue(page, 'Reference')).resolves.toBe('CRIS 7002/26');
    expect(await app.eventCount()).toBe(before);
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    expect(await confirmation(page)).toBe('Reoffence recorded');
    expect(await app.eventCount()).toBe(before + 1);

    // The check page's address without its kept form has nothing to ask: it leads back to the referral.
    await page.goto(`${referralPage}/reoffences`);
    expect(new URL(page.url()).pathname).toBe(referralPage);
  });
});
