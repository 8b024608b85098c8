import { randomUUID } from 'node:crypto';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, screenshot, startBrowserApp, summaryValue } from '../support/browser';

const today = '2026-11-22';

type HistoryEntry = { type: string; data: Record<string, unknown> };

describe('Victim Support’s restorative-justice pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  /** A police referral made through the API: the referrer's work, not the point of these tests. */
  const refer = async (referredOn = '2026-11-02', offenceDate = '2026-10-28'): Promise<string> => {
    const response = await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        programme: 'restorative-justice',
        referredOn,
        referrer: { organisation: 'police', reference: 'CRIS 5120/26' },
        subject: { givenName: 'Jordan', familyName: 'Hale', dateOfBirth: '2001-03-14' },
        offence: { type: 'criminal damage', date: offenceDate },
        victim: { givenName: 'Pat', familyName: 'Morgan', contact: '020 8359 0000' },
      })
      .expect(201);
    return response.body.caseId as string;
  };

  const apiCase = async (caseId: string) =>
    (await app.as('rj-coordinator').get(`/api/cases/${caseId}`).expect(200)).body as { status: string; state: Record<string, unknown>; history: HistoryEntry[] };

  it('trains a volunteer, then takes a police referral through panel, agreement, upheld and victim survey', async () => {
    const page = await app.signedIn('rj-coordinator');
    expect(new URL(page.url()).pathname).toBe('/restorative-justice');

    await page.getByRole('link', { name: 'Volunteers' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await fillDate(page, 'Date recruited', '2026-10-01');
    await page.getByLabel('Given name (optional)').fill('Amara');
    await page.getByLabel('Family name (optional)').fill('Okafor');
    await page.getByRole('button', { name: 'Add volunteer' }).click();
    const added = await confirmation(page);
    expect(added).toMatch(/^Amara Okafor added as volunteer [0-9a-f]{8}$/);
    const reference = added.slice(-8);
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect(row.innerText()).resolves.toMatch(/^Amara Okafor \([0-9a-f]{8}\)\s+Recruited\s+1 Oct 2026\s+Not yet/);

    await page.getByRole('link', { name: `Training of Amara Okafor (${reference})` }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Record training: volunteer ${reference}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fillDate(page, 'Date trained', '2026-10-15');
    await page.getByRole('button', { name: 'Record training' }).click();
    expect(await confirmation(page)).toBe(`Training recorded for volunteer ${reference}`);
    await expect(row.innerText()).resolves.toMatch(/Trained\s+1 Oct 2026\s+15 Oct 2026/);
    await screenshot(page, 'rj-volunteers');

    const caseId = await refer();
    const caseReference = caseId.slice(0, 8);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByLabel('Status').selectOption('referred');
    await page.getByRole('button', { name: 'Show cases' }).click();
    expect(new URL(page.url()).search).toBe('?status=referred&closed=');
    await expect(page.getByRole('row').filter({ hasText: caseReference }).innerText()).resolves.toMatch(/2 Nov 2026\s+Police\s+28 Oct 2026\s+None yet\s+Referred/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'rj-cases');

    await page.getByRole('link', { name: `View case ${caseReference}` }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Jordan Hale — ${caseReference}`);
    await expect(summaryValue(page, 'Name')).resolves.toBe('Jordan Hale');
    await expect(summaryValue(page, 'Victim')).resolves.toBe('Pat Morgan');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Referred');
    expect(await accessibilityViolations(page)).toEqual([]);

    await fillDate(page, 'Date accepted', '2026-11-05');
    await page.getByRole('button', { name: 'Accept referral' }).click();
    expect(await confirmation(page)).toBe('Referral accepted');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Accepted');

    await fillDate(page, 'Date of the panel', '2026-11-12');
    await page.getByRole('group', { name: 'Facilitators' }).getByLabel(`Amara Okafor (${reference})`).check();
    await page.getByRole('group', { name: 'Did the victim attend?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Record panel' }).click();
    expect(await confirmation(page)).toBe('Panel recorded');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Panel held');
    await expect(summaryValue(page, 'Panel facilitators')).resolves.toBe(`Amara Okafor (${reference})`);
    // The panel's details as labelled words, its facilitator by name; its date in the timeline's own column, not again.
    const panelRow = page.getByRole('row').filter({ hasText: 'Panel held' });
    await expect(panelRow.getByRole('cell').nth(2).innerText()).resolves.toBe('Victim attended: Yes\nFacilitators: Amara Okafor');
    await expect(panelRow.getByRole('cell').nth(0).innerText()).resolves.toBe('12 November 2026');

    await fillDate(page, 'Date the agreement was reached', '2026-11-12');
    await page.getByLabel('Reparation').fill('Written apology\nRepaint the bus shelter');
    await page.getByRole('button', { name: 'Record agreement' }).click();
    expect(await confirmation(page)).toBe('Outcome agreement recorded');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Agreement reached');

    await fillDate(page, 'Date upheld', '2026-11-20');
    await page.getByRole('button', { name: 'Record upheld' }).click();
    expect(await confirmation(page)).toBe('Outcome agreement recorded as upheld');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Agreement upheld');

    await fillDate(page, 'Date of the survey', '2026-11-21');
    await page.getByRole('group', { name: 'Was the victim satisfied?' }).getByLabel('Yes').check();
    await page.getByLabel('Satisfaction score (optional)').fill('4');
    await page.getByRole('button', { name: 'Record survey' }).click();
    expect(await confirmation(page)).toBe('Victim survey recorded');
    await expect(page.getByRole('button', { name: 'Record survey' }).count()).resolves.toBe(0);
    const surveyRow = await page.getByRole('row').filter({ hasText: 'Victim satisfaction recorded' }).innerText();
    expect(surveyRow).toContain('Satisfied: Yes');
    expect(surveyRow).toContain('Score: 4 out of 5');
    await expect(page.getByRole('row').filter({ hasText: 'Outcome agreement reached' }).innerText()).resolves.toContain('Reparation: Written apology, Repaint the bus shelter');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'rj-case');

    const recorded = await apiCase(caseId);
    expect(recorded.status).toBe('agreement-upheld');
    expect(recorded.state).toMatchObject({ acceptedOn: '2026-11-05', heldOn: '2026-11-12', reachedOn: '2026-11-12', upheldOn: '2026-11-20', surveyedOn: '2026-11-21' });
    const panel = recorded.history.find((entry) => entry.type === 'PanelHeld');
    const volunteerId = (panel?.data.facilitatorIds as string[])[0];
    expect(volunteerId.slice(0, 8)).toBe(reference);
    expect(panel?.data).toMatchObject({ heldOn: '2026-11-12', victimAttended: true });
    expect(recorded.history.find((entry) => entry.type === 'VictimSatisfactionRecorded')?.data).toMatchObject({ satisfied: true, score: 4 });
    const volunteer = (await app.as('rj-coordinator').get(`/api/volunteers/${volunteerId}`).expect(200)).body;
    expect(volunteer).toMatchObject({ organisation: 'victim-support', recruitedOn: '2026-10-01', trainedOn: '2026-10-15' });

    await page.getByRole('link', { name: 'All cases' }).click();
    await page.getByLabel('Status').selectOption('agreement-upheld');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await expect(page.getByRole('row').filter({ hasText: caseReference }).innerText()).resolves.toMatch(/12 Nov 2026\s+Agreement upheld/);
  });

  it('refuses a panel before the acceptance, or with a facilitator trained after it, naming the rule and recording nothing', async () => {
    const caseId = await refer();
    await app.as('rj-coordinator').post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2026-11-05' }).expect(201);
    const volunteerId = randomUUID();
    await app.as('rj-coordinator').post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-10-01' }).expect(201);
    await app.as('rj-coordinator').post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: '2026-11-10' }).expect(201);
    await app.caughtUp();
    const before = await app.eventCount();

    const page = await app.signedIn('rj-coordinator');
    await page.goto(`/restorative-justice/cases/${caseId}`);
    const holdPanel = async (heldOn: string): Promise<void> => {
      await fillDate(page, 'Date of the panel', heldOn);
      await page
        .getByRole('group', { name: 'Facilitators' })
        .getByLabel(`Volunteer ${volunteerId.slice(0, 8)}`)
        .check();
      await page.getByRole('group', { name: 'Did the victim attend?' }).getByLabel('No').check();
      await page.getByRole('button', { name: 'Record panel' }).click();
    };

    await holdPanel('2026-11-03');
    const [beforeAcceptance, ...others] = await errorSummary(page);
    expect(others).toEqual([]);
    expect(beforeAcceptance).toBe('Date of the panel must be the same as or after 5 November 2026, when the referral was accepted');
    await expect(page.locator('#heldOn-error').innerText()).resolves.toContain('Date of the panel must be the same as or after 5 November 2026');
    await expect(page.title()).resolves.toMatch(/^Error: Jordan Hale — [0-9a-f]{8} – Safer Cases$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await holdPanel('2026-11-07');
    expect(await errorSummary(page)).toEqual([
      `Volunteer ${volunteerId.slice(0, 8)} was trained on 10 November 2026, after the panel. Select facilitators trained on or before 7 November 2026`,
    ]);
    await expect(page.locator('#facilitatorIds-error').innerText()).resolves.toContain('Select facilitators trained on or before 7 November 2026');
    await expect(
      page
        .getByRole('group', { name: 'Facilitators' })
        .getByLabel(`Volunteer ${volunteerId.slice(0, 8)}`)
        .isChecked(),
    ).resolves.toBe(true);

    expect(await app.eventCount()).toBe(before);
    expect((await apiCase(caseId)).status).toBe('accepted');
  });

  it('asks for a reason to decline and a real date, beside each field, then declines and offers only closing', async () => {
    const caseId = await refer('2026-11-03');
    const before = await app.eventCount();
    const page = await app.signedIn('rj-coordinator');
    await page.goto(`/restorative-justice/cases/${caseId}`);

    await fillDate(page, 'Date declined', '2026-02-31');
    await page.getByRole('button', { name: 'Decline referral' }).click();
    expect(await errorSummary(page)).toEqual(['Date declined must be a real date, for example 27 3 2026', 'Enter reason for declining']);
    await expect(page.locator('#declinedOn-error').innerText()).resolves.toContain('Date declined must be a real date, for example 27 3 2026');
    await expect(page.locator('#declineReason-error').innerText()).resolves.toContain('Enter reason for declining');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await fillDate(page, 'Date declined', '2026-11-06');
    await page.getByLabel('Reason for declining').fill('The victim did not consent');
    await page.getByRole('button', { name: 'Decline referral' }).click();
    expect(await confirmation(page)).toBe('Referral declined');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Declined');
    await expect(page.getByRole('button').allInnerTexts()).resolves.toEqual(['Sign out', 'Close case']);
    expect((await apiCase(caseId)).history.map((entry) => entry.type)).toEqual(['CaseReferred', 'ReferralDeclined']);
  });

  it('refuses training dated before recruitment, and a recruitment in the future, keeping what was typed', async () => {
    const volunteerId = randomUUID();
    await app.as('rj-coordinator').post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-11-01' }).expect(201);
    const before = await app.eventCount();
    const page = await app.signedIn('rj-coordinator');
    await page.goto(`/restorative-justice/volunteers/${volunteerId}/training`);
    await fillDate(page, 'Date trained', '2026-10-20');
    await page.getByRole('button', { name: 'Record training' }).click();
    expect(await errorSummary(page)).toEqual(['Date trained must be the same as or after 1 November 2026, when the volunteer was recruited']);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto('/restorative-justice/volunteers');
    await fillDate(page, 'Date recruited', '2026-12-01');
    await page.getByLabel('Given name (optional)').fill('Sam');
    await page.getByRole('button', { name: 'Add volunteer' }).click();
    const [future, ...others] = await errorSummary(page);
    expect(others).toEqual([]);
    expect(future).toBe('Date recruited must be today or in the past');
    await expect(page.locator('#recruitedOn-error').innerText()).resolves.toContain('Date recruited must be today or in the past');
    await expect(page.getByLabel('Given name (optional)').inputValue()).resolves.toBe('Sam');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);
  });

  it('pages through the cases, newest referral first, with the API’s cursor', async () => {
    const referredOn = Array.from({ length: 27 }, (_, day) => `2026-08-${String(day + 1).padStart(2, '0')}`);
    for (const date of referredOn) await refer(date, date);
    const page = await app.signedIn('rj-coordinator');
    await page.goto('/restorative-justice?status=referred');
    const shown = async () => page.locator('tbody .govuk-table__row td:first-child').allInnerTexts();
    const first = await shown();
    expect(first).toHaveLength(25);
    await page.getByRole('link', { name: /Next page/ }).click();
    const second = await shown();
    expect(second.length).toBeGreaterThanOrEqual(2);
    expect(second.filter((reference) => first.includes(reference))).toEqual([]);
    await expect(page.locator('tbody .govuk-table__row').last().innerText()).resolves.toContain('1 Aug 2026');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /First page/ }).click();
    await expect(shown()).resolves.toEqual(first);
  });

  it('is Victim Support’s alone, and answers a bad or unknown address with a page', async () => {
    const officer = await app.signedIn('caution-officer');
    expect((await officer.goto('/restorative-justice'))?.status()).toBe(403);
    await expect(officer.locator('main').innerText()).resolves.toContain('This page is for Victim Support’s coordinators. Your pages are: Cases, Courses, Deadlines and Targets.');
    expect((await officer.goto('/restorative-justice/volunteers'))?.status()).toBe(403);

    const page = await app.signedIn('rj-coordinator');
    expect((await page.goto('/restorative-justice/cases/not-a-case'))?.status()).toBe(400);
    expect((await page.goto(`/restorative-justice/cases/${randomUUID()}`))?.status()).toBe(404);
    expect((await page.goto(`/restorative-justice/volunteers/${randomUUID()}/holiday`))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
  });
});
