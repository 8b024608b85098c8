import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, screenshot, startBrowserApp, summaryValue } from '../support/browser';

const today = '2026-11-22';

type HistoryEntry = { type: string; data: Record<string, unknown> };

const rowOf = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

const reference = (id: string): string => id.slice(0, 8);

/** The case references of a list, top to bottom. */
const caseOrder = async (page: Page): Promise<string[]> => (await page.locator('tbody tr td:first-child a').allInnerTexts()).map((text) => text.trim().slice(-8));

describe('WDP’s conditional-caution pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  /** A police referral made through the API: the referrer's work, not the point of these tests. */
  const refer = async (offenceDate: string, referredOn: string): Promise<string> => {
    const response = await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        programme: 'conditional-caution',
        referredOn,
        referrer: { organisation: 'police', reference: 'CAD 4471/26' },
        subject: { givenName: 'Jordan', familyName: 'Hale', dateOfBirth: '1994-06-02' },
        offence: { type: 'drunk and disorderly', date: offenceDate },
      })
      .expect(201);
    return response.body.caseId as string;
  };

  const officer = () => app.as('caution-officer');

  const scheduleCourse = async (date: string, capacity: number, venue: string): Promise<string> =>
    (await officer().post('/api/courses').send({ date, capacity, venue }).expect(201)).body.courseId as string;

  const book = async (caseId: string, courseId: string): Promise<void> => {
    await officer().post(`/api/cases/${caseId}/booking`).send({ courseId }).expect(201);
  };

  const apiCase = async (caseId: string) =>
    (await officer().get(`/api/cases/${caseId}`).expect(200)).body as { status: string; state: Record<string, unknown>; history: HistoryEntry[] };

  it('adds a course, books a referral onto it, records the fee, takes the register and records completion', async () => {
    app.clock.setToday(today);
    const caseId = await refer('2026-10-20', '2026-11-02');
    const otherId = await refer('2026-10-25', '2026-11-03');
    await app.caughtUp();
    const page = await app.signedIn('caution-officer');
    expect(new URL(page.url()).pathname).toBe('/conditional-caution');

    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await fillDate(page, 'Date of the course', '2026-12-03');
    expect(await page.getByLabel('Places', { exact: true }).inputValue()).toBe('16');
    await page.getByLabel('Venue (optional)').fill('Hendon Town Hall');
    await page.getByRole('button', { name: 'Add course' }).click();
    expect(await confirmation(page)).toBe('Course on 3 December 2026 added');
    await expect(rowOf(page, 'Hendon Town Hall').innerText()).resolves.toMatch(/3 Dec 2026\s+Hendon Town Hall\s+16\s+0\s+16\s+0\s+Register/);
    const courseId = ((await rowOf(page, 'Hendon Town Hall').getByRole('link').getAttribute('href')) ?? '').split('/').pop() ?? '';

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByLabel('Status').selectOption('referred');
    await page.getByRole('button', { name: 'Show cases' }).click();
    expect(new URL(page.url()).search).toBe('?status=referred&closed=');
    await expect(rowOf(page, reference(caseId)).innerText()).resolves.toMatch(/2 Nov 2026\s+20 Oct 2026\s+12 Jan 2027\s+51 days left\s+Not booked\s+Not paid\s+Referred/);
    const order = await caseOrder(page);
    expect(order.indexOf(reference(otherId))).toBeLessThan(order.indexOf(reference(caseId)));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'wdp-cases');

    await page.getByRole('link', { name: `View case ${reference(caseId)}` }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Jordan Hale — ${reference(caseId)}`);
    await expect(summaryValue(page, 'Name')).resolves.toBe('Jordan Hale');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Referred');
    await expect(summaryValue(page, 'Deadline')).resolves.toBe('12 January 2027 (51 days left)');
    expect(await accessibilityViolations(page)).toEqual([]);

    const hendon = page.getByRole('group', { name: 'Course' }).getByLabel('3 December 2026, Hendon Town Hall');
    await expect(page.locator(`#${await hendon.getAttribute('id')}-item-hint`).innerText()).resolves.toBe('16 places left');
    await hendon.check();
    await page.getByRole('button', { name: 'Book course' }).click();
    expect(await confirmation(page)).toBe('Booked onto the course');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Booked');
    await expect(summaryValue(page, 'Course')).resolves.toBe('3 December 2026, Hendon Town Hall');
    await expect(page.locator('.govuk-inset-text').innerText()).resolves.toContain('Attendance can be recorded from the day of the course, 3 December 2026');

    await fillDate(page, 'Date paid', '2026-11-22');
    expect(await page.getByLabel('Amount paid').inputValue()).toBe('44.00');
    await page.getByRole('button', { name: 'Record fee' }).click();
    expect(await confirmation(page)).toBe('Fee recorded');
    await expect(summaryValue(page, 'Fee')).resolves.toBe('Paid 22 November 2026');
    await expect(page.getByRole('button', { name: 'Record fee' }).count()).resolves.toBe(0);

    await book(otherId, courseId);
    await app.caughtUp();
    app.clock.setToday('2026-12-03');
    const onTheDay = await app.signedIn('caution-officer');
    await onTheDay.goto('/conditional-caution/courses');
    await onTheDay.getByRole('link', { name: 'Register for the course on 3 December 2026' }).click();
    await expect(onTheDay.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Register: course on 3 December 2026');
    await expect(rowOf(onTheDay, reference(otherId)).innerText()).resolves.toMatch(/Jordan Hale\s+View case\s+[0-9a-f]{8}\s+3 Nov 2026\s+17 Jan 2027\s+Not paid\s+Booked/);
    expect(await accessibilityViolations(onTheDay)).toEqual([]);
    await onTheDay.getByLabel(`Jordan Hale, case ${reference(caseId)}, attended`).check();
    await onTheDay.getByLabel(`Jordan Hale, case ${reference(otherId)}, attended`).check();
    await screenshot(onTheDay, 'wdp-register');
    await onTheDay.getByRole('button', { name: 'Record attendance' }).click();
    expect(await confirmation(onTheDay)).toBe('Attendance recorded for 2 people');
    await expect(rowOf(onTheDay, reference(caseId)).innerText()).resolves.toMatch(
      /Yes\s+Jordan Hale\s+View case\s+[0-9a-f]{8}\s+2 Nov 2026\s+12 Jan 2027\s+Paid 22 Nov 2026\s+Attended/,
    );
    await expect(summaryValue(onTheDay, 'Attended')).resolves.toBe('2');
    await expect(onTheDay.getByRole('button', { name: 'Record attendance' }).count()).resolves.toBe(0);

    await onTheDay.getByRole('link', { name: 'All courses' }).click();
    await expect(rowOf(onTheDay, 'Hendon Town Hall').innerText()).resolves.toMatch(/3 Dec 2026\s+Hendon Town Hall\s+16\s+2\s+14\s+2/);
    await screenshot(onTheDay, 'wdp-courses');

    await onTheDay.goto(`/conditional-caution/cases/${caseId}`);
    await expect(summaryValue(onTheDay, 'Status')).resolves.toBe('Attended');
    await fillDate(onTheDay, 'Date completed', '2026-12-03');
    await onTheDay.getByRole('button', { name: 'Record completion' }).click();
    expect(await confirmation(onTheDay)).toBe('Course completion recorded');
    await expect(summaryValue(onTheDay, 'Status')).resolves.toBe('Completed');
    await expect(summaryValue(onTheDay, 'Completed')).resolves.toBe('3 December 2026');
    await expect(summaryValue(onTheDay, 'Deadline')).resolves.toBe('12 January 2027');
    await expect(onTheDay.getByRole('button').allInnerTexts()).resolves.toEqual(['Sign out', 'Close case']);
    await expect(rowOf(onTheDay, 'Fee paid').innerText()).resolves.toContain('Amount: £44.00');
    expect(await accessibilityViolations(onTheDay)).toEqual([]);
    await screenshot(onTheDay, 'wdp-case');

    const recorded = await apiCase(caseId);
    expect(recorded.status).toBe('completed');
    expect(recorded.state).toMatchObject({
      deadline: '2027-01-12',
      booking: { courseId, courseDate: '2026-12-03' },
      feePaidOn: '2026-11-22',
      attendedOn: '2026-12-03',
      completedOn: '2026-12-03',
    });
    expect(recorded.history.map((entry) => entry.type)).toEqual(['CaseReferred', 'CourseBooked', 'FeePaid', 'CourseAttended', 'CourseCompleted']);
    expect(recorded.history.find((entry) => entry.type === 'FeePaid')?.data).toMatchObject({ amountPence: 4400 });
    expect((await apiCase(otherId)).status).toBe('attended');
    const course = (await officer().get(`/api/courses/${courseId}`).expect(200)).body;
    expect(course).toMatchObject({ date: '2026-12-03', capacity: 16, venue: 'Hendon Town Hall', placesLeft: 14 });
    expect([...course.bookedCaseIds].sort()).toEqual([caseId, otherId].sort());
    await app.caughtUp();
    const calendar = (await officer().get('/api/courses').query({ from: '2026-12-03', to: '2026-12-03' }).expect(200)).body.items;
    expect(calendar.find((each: { courseId: string }) => each.courseId === courseId)).toMatchObject({ bookedCount: 2, placesLeft: 14, attendedCount: 2 });
  });

  it('refuses a booking onto a course that filled after the page was drawn, naming the rule and recording nothing', async () => {
    app.clock.setToday(today);
    const courseId = await scheduleCourse('2026-12-10', 1, 'Finchley Library');
    const caseId = await refer('2026-11-01', '2026-11-10');
    const rivalId = await refer('2026-11-01', '2026-11-11');
    await app.caughtUp();
    const page = await app.signedIn('caution-officer');
    await page.goto(`/conditional-caution/cases/${caseId}`);
    const finchley = page.getByRole('group', { name: 'Course' }).getByLabel('10 December 2026, Finchley Library');
    await expect(page.locator(`#${await finchley.getAttribute('id')}-item-hint`).innerText()).resolves.toBe('1 place left');

    await page.getByRole('button', { name: 'Book course' }).click();
    expect(await errorSummary(page)).toEqual(['Select the course to book']);
    await expect(page.locator('#courseId-error').innerText()).resolves.toContain('Select the course to book');

    await book(rivalId, courseId);
    await app.caughtUp();
    const before = await app.eventCount();
    await page.getByRole('group', { name: 'Course' }).getByLabel('10 December 2026, Finchley Library').check();
    await page.getByRole('button', { name: 'Book course' }).click();
    expect(await errorSummary(page)).toEqual(['The course has no places left. Select another course']);
    await expect(page.title()).resolves.toMatch(/^Error: Jordan Hale — [0-9a-f]{8} – Safer Cases$/);
    await expect(page.getByRole('group', { name: 'Course' }).getByLabel('10 December 2026, Finchley Library').count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);
    expect((await apiCase(caseId)).history.map((entry) => entry.type)).toEqual(['CaseReferred']);
  });

  it('shows the fee’s rule and a bad date beside their fields, and a course over sixteen places', async () => {
    app.clock.setToday(today);
    const caseId = await refer('2026-11-01', '2026-11-10');
    const before = await app.eventCount();
    const page = await app.signedIn('caution-officer');
    await page.goto(`/conditional-caution/cases/${caseId}`);

    await fillDate(page, 'Date paid', '2026-11-21');
    await page.getByLabel('Amount paid').fill('40');
    await page.getByRole('button', { name: 'Record fee' }).click();
    expect(await errorSummary(page)).toEqual(['The fee is £44.00; £40.00 was entered']);
    await expect(page.locator('#amount-error').innerText()).resolves.toContain('The fee is £44.00; £40.00 was entered');
    expect(await page.getByLabel('Amount paid').inputValue()).toBe('40');
    expect(await accessibilityViolations(page)).toEqual([]);

    await fillDate(page, 'Date paid', '2026-02-31');
    await page.getByLabel('Amount paid').fill('44.00');
    await page.getByRole('button', { name: 'Record fee' }).click();
    expect(await errorSummary(page)).toEqual(['Date paid must be a real date, for example 27 3 2026']);
    await expect(page.locator('#paidOn-error').innerText()).resolves.toContain('Date paid must be a real date');
    expect(await app.eventCount()).toBe(before);

    await page.goto('/conditional-caution/courses');
    await fillDate(page, 'Date of the course', '2027-01-07');
    await page.getByLabel('Places', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Add course' }).click();
    expect(await errorSummary(page)).toEqual(['Places must be 16 or fewer']);
    await expect(page.locator('#capacity-error').innerText()).resolves.toContain('Places must be 16 or fewer');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await page.goto('/conditional-caution/courses?from-day=31&from-month=12&from-year=2026&to-day=1&to-month=12&to-year=2026');
    expect(await errorSummary(page)).toEqual(['The ‘To’ date must be the same as or after the ‘From’ date']);
  });

  it('records the others on the register and names the one the rules refuse', async () => {
    app.clock.setToday(today);
    const courseId = await scheduleCourse('2026-11-20', 16, 'Barnet House');
    const attendee = await refer('2026-10-20', '2026-11-02');
    const breacher = await refer('2026-10-20', '2026-11-03');
    await book(attendee, courseId);
    await book(breacher, courseId);
    await app.caughtUp();
    const page = await app.signedIn('caution-officer');
    await page.goto(`/conditional-caution/courses/${courseId}`);

    await page.getByRole('button', { name: 'Record attendance' }).click();
    expect(await errorSummary(page)).toEqual(['Select everyone who attended the course']);
    await expect(page.locator('#attendance-error').innerText()).resolves.toContain('Select everyone who attended the course');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel(`Jordan Hale, case ${reference(attendee)}, attended`).check();
    await page.getByLabel(`Jordan Hale, case ${reference(breacher)}, attended`).check();
    await officer().post(`/api/cases/${breacher}/breach`).send({ on: '2026-11-21', reason: 'did-not-attend' }).expect(201);
    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Record attendance' }).click();
    expect(await errorSummary(page)).toEqual([
      `Case ${reference(breacher)} was not recorded: this caution was breached and the case went back to the police. Only a reoffence or closing the case can be recorded now`,
    ]);
    expect(await confirmation(page)).toBe('Attendance recorded for 1 person');
    await expect(rowOf(page, reference(attendee)).innerText()).resolves.toMatch(/^Yes/);
    await expect(rowOf(page, reference(breacher)).innerText()).resolves.toMatch(/^No.*Breached/s);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before + 1);
    expect((await apiCase(attendee)).state).toMatchObject({ status: 'attended', attendedOn: '2026-11-20' });
    expect((await apiCase(breacher)).history.map((entry) => entry.type)).toEqual(['CaseReferred', 'CourseBooked', 'ConditionBreached']);
  });

  it('lists open cases whose deadline is near, overdue first, leaving out breached and closed ones', async () => {
    app.clock.setToday(today);
    const overdue = await refer('2026-08-20', '2026-08-25');
    const soon = await refer('2026-09-10', '2026-09-12');
    const later = await refer('2026-11-01', '2026-11-02');
    const breached = await refer('2026-08-20', '2026-08-26');
    const closed = await refer('2026-08-20', '2026-08-27');
    await officer().post(`/api/cases/${breached}/breach`).send({ on: '2026-11-13', reason: 'deadline-passed' }).expect(201);
    await officer().post(`/api/cases/${closed}/closure`).send({ closedOn: '2026-11-13', reason: 'moved away' }).expect(201);
    await app.caughtUp();
    const page = await app.signedIn('caution-officer');
    await page.getByRole('link', { name: 'Deadlines' }).click();

    await expect(rowOf(page, reference(overdue)).innerText()).resolves.toMatch(/12 Nov 2026\s+Overdue by 10 days\s+Not booked\s+Not paid\s+Referred/);
    await expect(rowOf(page, reference(soon)).innerText()).resolves.toMatch(/3 Dec 2026\s+11 days left/);
    const order = await caseOrder(page);
    expect(order.indexOf(reference(overdue))).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(reference(overdue))).toBeLessThan(order.indexOf(reference(soon)));
    expect(order).not.toContain(reference(later));
    expect(order).not.toContain(reference(breached));
    expect(order).not.toContain(reference(closed));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'wdp-deadlines');

    await page.getByLabel('Deadline').selectOption('84');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await expect(rowOf(page, reference(later)).innerText()).resolves.toMatch(/24 Jan 2027\s+63 days left/);
  });

  it('is WDP’s alone, and answers a bad or unknown address with a page', async () => {
    app.clock.setToday(today);
    const coordinator = await app.signedIn('rj-coordinator');
    expect((await coordinator.goto('/conditional-caution'))?.status()).toBe(403);
    expect((await coordinator.goto('/conditional-caution/courses'))?.status()).toBe(403);

    const page = await app.signedIn('caution-officer');
    expect((await page.goto('/conditional-caution/cases/not-a-case'))?.status()).toBe(400);
    expect((await page.goto(`/conditional-caution/cases/${randomUUID()}`))?.status()).toBe(404);
    expect((await page.goto(`/conditional-caution/courses/${randomUUID()}`))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
  });
});
