import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Role } from '../../apps/api/src/auth/actor';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, startBrowserApp } from '../support/browser';

const today = '2026-12-02';

const reference = (id: string): string => id.slice(0, 8);

/** The rows of the start page's "What is due", each as "<person (reference)> <what is due — since when>". */
const dueRows = async (page: Page): Promise<string[]> =>
  (await page.locator('#what-is-due .govuk-summary-list__row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

/** The one line "What is due" says when nothing is. */
const nothingDue = async (page: Page): Promise<string> => (await page.locator('#what-is-due .govuk-summary-card__content').innerText()).trim();

/** No sideways scrolling and no accessibility failures on a 390-pixel phone, then back to the desktop width. */
const fitsAPhone = async (page: Page): Promise<void> => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.reload();
  const { scrollWidth, innerWidth } = await page
    .locator('html')
    .evaluate((root) => ({ scrollWidth: root.scrollWidth, innerWidth: root.ownerDocument.defaultView?.innerWidth ?? 0 }));
  expect(innerWidth).toBe(390);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
};

describe('what is due on each coordinator’s start page, and completion for many at once from the register', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  const ok = async (role: Role, path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const response = await app.as(role).post(path).send(body);
    if (response.status >= 300) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  };

  /** A trained volunteer of the organisation, through the API: the coordinator's earlier work, not the point here. */
  const volunteer = async (organisation: 'victim-support' | 'home-start'): Promise<string> => {
    const volunteerId = randomUUID();
    const role: Role = organisation === 'victim-support' ? 'rj-coordinator' : 'coaching-coordinator';
    await ok(role, '/api/volunteers', { volunteerId, organisation, recruitedOn: '2026-01-05', givenName: 'Vol', familyName: 'Unteer' });
    await ok(role, `/api/volunteers/${volunteerId}/training`, { trainedOn: '2026-01-12' });
    return volunteerId;
  };

  const refer = async (programme: string, givenName: string, body: Record<string, unknown>): Promise<string> => {
    const referrer = programme === 'community-coaching' ? 'council' : 'police';
    const response = await app
      .as('referrer', referrer)
      .post('/api/cases')
      .send({ programme, referrer: { organisation: referrer }, subject: { givenName, familyName: 'Reminder' }, ...body });
    if (response.status !== 201) throw new Error(`The referral answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.caseId as string;
  };

  it('lists a panel with no survey on the restorative-justice start page until the survey is recorded, and an agreement awaiting its outcome', async () => {
    app.clock.setToday(today);
    const facilitator = await volunteer('victim-support');
    const rjCase = (givenName: string) =>
      refer('restorative-justice', givenName, {
        referredOn: '2026-10-20',
        offence: { type: 'criminal damage', date: '2026-10-15' },
        victim: { givenName: 'Pat', familyName: 'Morgan' },
      });
    const unsurveyed = await rjCase('Ines');
    const awaiting = await rjCase('Omar');
    const surveyed = await rjCase('Lena');
    for (const caseId of [unsurveyed, awaiting, surveyed]) {
      await ok('rj-coordinator', `/api/cases/${caseId}/acceptance`, { acceptedOn: '2026-10-22' });
    }
    await ok('rj-coordinator', `/api/cases/${unsurveyed}/panel`, { heldOn: '2026-11-03', facilitatorIds: [facilitator], victimAttended: true });
    await ok('rj-coordinator', `/api/cases/${awaiting}/panel`, { heldOn: '2026-10-27', facilitatorIds: [facilitator], victimAttended: true });
    await ok('rj-coordinator', `/api/cases/${awaiting}/agreement`, { reachedOn: '2026-10-27', reparation: ['A written apology'] });
    await ok('rj-coordinator', `/api/cases/${awaiting}/victim-survey`, { surveyedOn: '2026-10-30', satisfied: true });
    await ok('rj-coordinator', `/api/cases/${surveyed}/panel`, { heldOn: '2026-11-03', facilitatorIds: [facilitator], victimAttended: true });
    await ok('rj-coordinator', `/api/cases/${surveyed}/victim-survey`, { surveyedOn: '2026-11-10', satisfied: true });
    await app.caughtUp();

    const page = await app.signedIn('rj-coordinator');
    expect(new URL(page.url()).pathname).toBe('/restorative-justice');
    await expect(page.locator('#what-is-due h2').innerText()).resolves.toBe('What is due (2)');
    expect(await dueRows(page)).toEqual([
      `Omar Reminder (${reference(awaiting)}) Outcome agreement not yet upheld or breached — agreement reached 27 October 2026 (36 days ago)`,
      `Ines Reminder (${reference(unsurveyed)}) Victim survey not taken — panel held 3 November 2026 (29 days ago)`,
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);

    await page.getByRole('link', { name: `Ines Reminder (${reference(unsurveyed)})` }).click();
    expect(new URL(page.url()).pathname).toBe(`/restorative-justice/cases/${unsurveyed}`);
    await fillDate(page, 'Date of the survey', '2026-12-01');
    await page.getByRole('group', { name: 'Was the victim satisfied?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Record survey' }).click();
    expect(await confirmation(page)).toBe('Victim survey recorded');

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    expect(await dueRows(page)).toEqual([`Omar Reminder (${reference(awaiting)}) Outcome agreement not yet upheld or breached — agreement reached 27 October 2026 (36 days ago)`]);

    await ok('rj-coordinator', `/api/cases/${awaiting}/agreement/upheld`, { on: '2026-12-01' });
    await app.caughtUp();
    await page.reload();
    expect(await nothingDue(page)).toBe('Nothing is due: every panel has its victim survey and every outcome agreement its outcome.');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lists a caution whose deadline has passed or is a week away on the conditional-caution start page', async () => {
    app.clock.setToday(today);
    const caution = (givenName: string, offenceDate: string) =>
      refer('conditional-caution', givenName, { referredOn: offenceDate, offence: { type: 'drunk and disorderly', date: offenceDate } });
    const overdue = await caution('Ruth', '2026-08-20');
    const near = await caution('Theo', '2026-09-12');
    const later = await caution('Yusuf', '2026-10-20');
    await app.caughtUp();

    const page = await app.signedIn('caution-officer');
    expect(new URL(page.url()).pathname).toBe('/conditional-caution');
    expect(await dueRows(page)).toEqual([
      `Ruth Reminder (${reference(overdue)}) Deadline passed — deadline 12 November 2026 (overdue by 20 days); no course booked`,
      `Theo Reminder (${reference(near)}) Deadline near — deadline 5 December 2026 (3 days left); no course booked`,
    ]);
    await expect(page.locator('#what-is-due').innerText()).resolves.not.toContain(reference(later));
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);

    await ok('caution-officer', `/api/cases/${overdue}/breach`, { on: '2026-12-01', reason: 'deadline-passed' });
    await app.caughtUp();
    await page.reload();
    expect(await dueRows(page)).toEqual([`Theo Reminder (${reference(near)}) Deadline near — deadline 5 December 2026 (3 days left); no course booked`]);
  });

  it('lists an intervention whose last session was 22 days ago on the coaching start page, and not one with a session since', async () => {
    app.clock.setToday(today);
    const coach = await volunteer('home-start');
    const intervention = async (givenName: string, sessionOn: string): Promise<string> => {
      const caseId = await refer('community-coaching', givenName, { referredOn: '2026-09-01', eligibility: { basis: 'risk-identified', indicators: ['Regular truancy'] } });
      await ok('coaching-coordinator', `/api/cases/${caseId}/coach`, { volunteerId: coach, assignedOn: '2026-09-03' });
      await ok('coaching-coordinator', `/api/cases/${caseId}/intervention/start`, { startedOn: '2026-09-07' });
      await ok('coaching-coordinator', `/api/cases/${caseId}/sessions`, { sessionOn, hours: 1.5 });
      // Logged late, and earlier than the session above: the latest date counts, not the last logged.
      await ok('coaching-coordinator', `/api/cases/${caseId}/sessions`, { sessionOn: '2026-09-14', hours: 1 });
      return caseId;
    };
    const quiet = await intervention('Nadia', '2026-11-10');
    const recent = await intervention('Kofi', '2026-11-20');
    await app.caughtUp();

    const page = await app.signedIn('coaching-coordinator');
    expect(new URL(page.url()).pathname).toBe('/community-coaching');
    expect(await dueRows(page)).toEqual([`Nadia Reminder (${reference(quiet)}) No session for three weeks or more — last session 10 November 2026 (22 days ago)`]);
    await expect(page.locator('#what-is-due').innerText()).resolves.not.toContain(reference(recent));
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsAPhone(page);

    await page.getByRole('link', { name: `Nadia Reminder (${reference(quiet)})` }).click();
    await fillDate(page, 'Date of the session', '2026-12-01');
    await page.getByLabel('Hours', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Log session' }).click();
    expect(await confirmation(page)).toBe('Session of 2 hours logged');
    await page.getByRole('link', { name: 'Caseload' }).first().click();
    expect(await nothingDue(page)).toBe('Nothing is due: every open intervention has had a session in the last three weeks.');
  });

  it('records completion for two people at once from the register, once however often the form is sent, and names the one refused', async () => {
    app.clock.setToday('2026-11-20');
    const courseId = randomUUID();
    await ok('caution-officer', '/api/courses', { courseId, date: '2026-12-01', venue: 'Hendon Town Hall' });
    const caution = (givenName: string) => refer('conditional-caution', givenName, { referredOn: '2026-11-02', offence: { type: 'drunk and disorderly', date: '2026-11-01' } });
    const [first, second, unpaid] = [await caution('Ada'), await caution('Bea'), await caution('Cal')];
    for (const caseId of [first, second, unpaid]) await ok('caution-officer', `/api/cases/${caseId}/booking`, { courseId });
    for (const caseId of [first, second]) await ok('caution-officer', `/api/cases/${caseId}/fee`, { paidOn: '2026-11-20', amountPence: 4400 });
    app.clock.setToday(today);
    for (const caseId of [first, second, unpaid]) await ok('caution-officer', `/api/cases/${caseId}/attendance`, { courseId, attendedOn: '2026-12-01' });
    await app.caughtUp();

    const page = await app.signedIn('caution-officer');
    await page.goto(`/conditional-caution/courses/${courseId}`);
    const completion = page.getByRole('group', { name: 'Who completed the course' });
    await expect(completion.getByRole('checkbox').count()).resolves.toBe(3);
    await expect(page.locator(`#${await completion.getByLabel(`Cal Reminder (${reference(unpaid)})`).getAttribute('id')}-item-hint`).innerText()).resolves.toBe(
      'Fee not paid; deadline 24 January 2027',
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Record completion for the selected people' }).click();
    expect(await errorSummary(page)).toEqual(['Select at least one person', 'Enter date completed']);
    await expect(page.locator('#completion-error').innerText()).resolves.toContain('Select at least one person');
    expect(new URL(page.url()).pathname).toBe(`/conditional-caution/courses/${courseId}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await completion.getByLabel(`Ada Reminder (${reference(first)})`).check();
    await completion.getByLabel(`Bea Reminder (${reference(second)})`).check();
    await fillDate(page, 'Date completed', '2026-12-01');
    // The form as the browser sends it, to send again as a second click or a resent page would.
    const sent = await page
      .locator(`form[action="/conditional-caution/courses/${courseId}/completion"]`)
      .evaluate((form) =>
        [...form.querySelectorAll('input')]
          .filter((input) => (input.getAttribute('type') !== 'checkbox' && input.getAttribute('type') !== 'radio') || (input as unknown as { checked: boolean }).checked)
          .map((input): [string, string] => [input.getAttribute('name') ?? '', (input as unknown as { value: string }).value]),
      );
    await page.getByRole('button', { name: 'Record completion for the selected people' }).click();
    expect(await confirmation(page)).toBe('Completion recorded for 2 people');
    expect(await errorSummary(page)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(`/conditional-caution/courses/${courseId}`);
    await expect(page.getByRole('group', { name: 'Who completed the course' }).getByRole('checkbox').count()).resolves.toBe(1);
    expect(await app.eventCount()).toBe(before + 2);

    // Sent once more exactly as it was (each ticked case a field of the same name, as the browser encodes them), from the same signed-in browser.
    const again = await page.request.post(`/conditional-caution/courses/${courseId}/completion`, {
      data: new URLSearchParams(sent).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toMatch(new RegExp(`^/conditional-caution/courses/${courseId}(\\?after=\\d+)?$`));
    expect(await app.eventCount()).toBe(before + 2);
    for (const caseId of [first, second]) {
      const recorded = (await app.as('caution-officer').get(`/api/cases/${caseId}`).expect(200)).body as { status: string; history: { type: string }[] };
      expect(recorded.status).toBe('completed');
      expect(recorded.history.filter((entry) => entry.type === 'CourseCompleted')).toHaveLength(1);
    }

    await page
      .getByRole('group', { name: 'Who completed the course' })
      .getByLabel(`Cal Reminder (${reference(unpaid)})`)
      .check();
    await fillDate(page, 'Date completed', '2026-12-01');
    await page.getByRole('button', { name: 'Record completion for the selected people' }).click();
    expect(await errorSummary(page)).toEqual([`Cal Reminder (${reference(unpaid)}) was not recorded as completed: record the fee as paid before the caution is completed`]);
    await expect(
      page
        .getByRole('group', { name: 'Who completed the course' })
        .getByLabel(`Cal Reminder (${reference(unpaid)})`)
        .isChecked(),
    ).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before + 2);
    await fitsAPhone(page);
  });
});
