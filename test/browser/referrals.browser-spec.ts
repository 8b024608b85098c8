import { accessibilityViolations, BrowserApp, confirmation, errorSummary, fillDate, screenshot, startBrowserApp, summaryValue } from '../support/browser';

const today = '2026-11-22';

type CaseView = { caseId: string; programme: string; personId: string; status: string; history: { type: string; data: Record<string, unknown> }[] };

describe('referrers’ pages', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  const caseOf = async (caseId: string): Promise<CaseView> => (await app.as('referrer', 'police').get(`/api/cases/${caseId}`).expect(200)).body;

  it('makes a restorative-justice referral with its victim, finds it in the list, and records a reoffence on it', async () => {
    const page = await app.signedIn('referrer', 'police');
    expect(new URL(page.url()).pathname).toBe('/referrals');
    await page.getByRole('link', { name: 'Make a referral' }).first().click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'referrals-new');
    await page.getByLabel('Neighbourhood Restorative Justice Panel').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    expect(new URL(page.url()).pathname).toBe('/referrals/new/restorative-justice');
    await fillDate(page, 'Date referred', '2026-11-20');
    await page.getByLabel('Your reference (optional)').fill('CRIS 4411/26');
    await page.getByLabel('Given name', { exact: true }).fill('Kai');
    await page.getByLabel('Family name', { exact: true }).fill('Bennett');
    await fillDate(page, 'Date of birth', '2004-05-02');
    await page.getByLabel('Offence', { exact: true }).fill('Criminal damage');
    await fillDate(page, 'Date of the offence', '2026-11-01');
    await page.getByLabel('Victim’s given name (optional)').fill('Rosa');
    await page.getByLabel('Victim’s family name (optional)').fill('Marsh');
    await page.getByLabel('Victim’s contact details (optional)').fill('07700 900123');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send referral' }).click();

    expect(await confirmation(page)).toBe('Referral made to Neighbourhood Restorative Justice Panel');
    const caseId = new URL(page.url()).pathname.split('/')[2];
    await expect(summaryValue(page, 'Your reference')).resolves.toBe('CRIS 4411/26');
    await expect(summaryValue(page, 'Name')).resolves.toBe('Kai Bennett');
    await expect(summaryValue(page, 'Victim')).resolves.toBe('Rosa Marsh');
    const referred = await caseOf(caseId);
    expect(referred.programme).toBe('restorative-justice');
    expect(referred.history[0].data).toMatchObject({
      referredOn: '2026-11-20',
      referrer: { organisation: 'police', reference: 'CRIS 4411/26' },
      offence: { type: 'Criminal damage', date: '2026-11-01' },
    });

    await fillDate(page, 'Date of the new offence', '2026-11-19');
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    expect(await errorSummary(page)).toEqual(['Date of the new offence must be the same as or after 20 November 2026, when the case was referred']);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await caseOf(caseId)).history).toHaveLength(1);

    await fillDate(page, 'Date of the new offence', '2026-11-21');
    await page.getByLabel('Reference (optional)').fill('CRIS 5120/26');
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    // Asked first, with what recording it means; nothing is recorded until it is confirmed.
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Check before you record this reoffence');
    expect((await caseOf(caseId)).history).toHaveLength(1);
    await page.getByRole('button', { name: 'Record reoffence' }).click();
    expect(await confirmation(page)).toBe('Reoffence recorded');
    await expect(page.getByRole('row').filter({ hasText: 'Reoffence recorded' }).innerText()).resolves.toContain('21 November 2026');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'referrals-case');
    expect((await caseOf(caseId)).history.map(({ type }) => type)).toEqual(['CaseReferred', 'ReoffenceRecorded']);

    await page.getByRole('link', { name: 'Your referrals' }).first().click();
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: caseId.slice(0, 8) })
        .innerText(),
    ).resolves.toMatch(/Neighbourhood Restorative Justice Panel\s+20 Nov 2026\s+CRIS 4411\/26\s+Referred\s+1/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'referrals-list');
  });

  it('refers someone at risk to community coaching, and someone who completed a caution course, as the same person', async () => {
    const page = await app.signedIn('referrer', 'council');
    await page.goto('/referrals/new/community-coaching');
    await fillDate(page, 'Date referred', '2026-11-22');
    await page.getByLabel('A risk of offending has been identified').check();
    await page.getByLabel('Regular truancy').check();
    await page.getByLabel('Anything else seen (optional)').fill('Missing from home');
    await page.getByLabel('Given name', { exact: true }).fill('Ellie');
    await page.getByLabel('Family name', { exact: true }).fill('Stone');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await confirmation(page)).toBe('Referral made to Community Coaching');
    const atRisk = await caseOf2(new URL(page.url()).pathname.split('/')[2]);
    expect(atRisk.history[0].data.eligibility).toEqual({ basis: 'risk-identified', indicators: ['Regular truancy', 'Missing from home'] });

    const earlier = await completedCautionCase();
    await page.goto('/referrals/new/community-coaching');
    await fillDate(page, 'Date referred', '2026-11-22');
    await page.getByLabel('They have completed a restorative justice panel (an agreement was reached)').check();
    await page.getByLabel('The earlier case').selectOption(earlier.caseId);
    const before = await app.eventCount();
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await errorSummary(page)).toEqual(['The earlier case must be a restorative justice case, not a conditional caution case']);
    await expect(page.locator('#linkedCaseId-error').innerText()).resolves.toContain('The earlier case must be a restorative justice case');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await page.goto(`/referrals/${earlier.caseId}`);
    await page.getByRole('link', { name: 'Refer this person to Community Coaching' }).click();
    await expect(page.getByLabel('They have completed a conditional caution course').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('The earlier case').inputValue()).resolves.toBe(earlier.caseId);
    await fillDate(page, 'Date referred', '2026-11-22');
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await confirmation(page)).toBe('Referral made to Community Coaching');
    const following = await caseOf2(new URL(page.url()).pathname.split('/')[2]);
    expect(following.personId).toBe(earlier.personId);
    expect(following.history[0].data.eligibility).toEqual({ basis: 'completed-conditional-caution', linkedCaseId: earlier.caseId });
  });

  it('names each missing or wrong field of a referral beside it, and records nothing', async () => {
    const page = await app.signedIn('referrer', 'police');
    await page.goto('/referrals/new/conditional-caution');
    const before = await app.eventCount();
    await fillDate(page, 'Date referred', '2026-11-20');
    await page.getByLabel('Given name', { exact: true }).fill('Sam');
    await fillDate(page, 'Date of birth', '2004-02-30');
    await page.getByLabel('Offence', { exact: true }).fill('Drunk and disorderly');
    await fillDate(page, 'Date of the offence', '2026-11-21');
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await errorSummary(page)).toEqual(['Date of birth must be a real date, for example 27 3 2026']);
    await expect(page.locator('#subjectDateOfBirth-error').innerText()).resolves.toContain('must be a real date');
    await expect(page.getByLabel('Offence', { exact: true }).inputValue()).resolves.toBe('Drunk and disorderly');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await app.eventCount()).toBe(before);

    await fillDate(page, 'Date of birth', '2004-02-29');
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect(await errorSummary(page)).toEqual(['Date of the offence must be the same as or before 20 November 2026, the date referred']);
    await expect(page.locator('#offenceDate-error').innerText()).resolves.toContain('Date of the offence must be the same as or before 20 November 2026');
    expect(await app.eventCount()).toBe(before);
  });

  it('pages through the organisation’s referrals, newest first, and filters them by programme', async () => {
    const probation = () => app.as('referrer', 'probation');
    const referral = (programme: string, referredOn: string, reference: string) =>
      probation()
        .post('/api/cases')
        .send({
          programme,
          referredOn,
          referrer: { organisation: 'probation', reference },
          subject: { givenName: 'Rowan' },
          offence: { type: 'Drunk and disorderly', date: referredOn },
        })
        .expect(201);
    await referral('conditional-caution', '2026-09-01', 'PRB-OLDEST');
    for (let day = 1; day <= 24; day += 1) await referral('restorative-justice', `2026-10-${String(day).padStart(2, '0')}`, `PRB-${day}`);
    await referral('conditional-caution', '2026-11-02', 'PRB-NEWEST');
    await app.caughtUp();

    const page = await app.signedIn('referrer', 'probation');
    const rows = () => page.locator('tbody .govuk-table__row').allInnerTexts();
    const firstPage = await rows();
    expect(firstPage).toHaveLength(25);
    expect(firstPage[0]).toMatch(/Alcohol Conditional Caution\s+2 Nov 2026\s+PRB-NEWEST\s+Referred\s+0/);
    expect(firstPage[1]).toContain('PRB-24');
    await page.getByRole('link', { name: 'Older referrals' }).click();
    expect(await rows()).toEqual([expect.stringMatching(/1 Sept? 2026\s+PRB-OLDEST/)]);
    await expect(page.getByRole('link', { name: 'Older referrals' }).count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'First page' }).click();
    await page.getByLabel('Programme').selectOption({ label: 'Alcohol Conditional Caution' });
    await page.getByRole('button', { name: 'Show referrals' }).click();
    expect(new URL(page.url()).search).toBe('?programme=conditional-caution');
    expect((await rows()).map((row) => row.match(/PRB-\w+/)?.[0])).toEqual(['PRB-NEWEST', 'PRB-OLDEST']);
    await expect(page.getByLabel('Programme').inputValue()).resolves.toBe('conditional-caution');
  });

  it('asks which programme before showing a form, and shows another organisation’s referral as refused', async () => {
    const page = await app.signedIn('referrer', 'probation');
    await page.goto('/referrals/new');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await errorSummary(page)).toEqual(['Select the programme you are referring to']);
    expect(await accessibilityViolations(page)).toEqual([]);

    const police = await app
      .as('referrer', 'police')
      .post('/api/cases')
      .send({
        programme: 'restorative-justice',
        referredOn: '2026-11-01',
        referrer: { organisation: 'police' },
        subject: { givenName: 'Sam' },
        offence: { type: 'criminal damage', date: '2026-10-30' },
      })
      .expect(201);
    const refused = await page.goto(`/referrals/${police.body.caseId}`);
    expect(refused?.status()).toBe(403);
    expect((await page.goto('/referrals/not-a-case-id'))?.status()).toBe(400);
    const coordinator = await app.signedIn('rj-coordinator');
    expect((await coordinator.goto('/referrals'))?.status()).toBe(403);
  });

  const caseOf2 = async (caseId: string): Promise<CaseView> => (await app.as('referrer', 'council').get(`/api/cases/${caseId}`).expect(200)).body;

  /** A council referral to a conditional caution whose course was completed: the caution officer's work, done through the API. */
  const completedCautionCase = async (): Promise<{ caseId: string; personId: string }> => {
    const council = app.as('referrer', 'council');
    const { caseId, personId } = (
      await council
        .post('/api/cases')
        .send({
          programme: 'conditional-caution',
          referredOn: '2026-10-02',
          referrer: { organisation: 'council' },
          subject: { givenName: 'Jo', familyName: 'Reid' },
          offence: { type: 'Drunk and disorderly', date: '2026-10-01' },
        })
        .expect(201)
    ).body;
    const wdp = () => app.as('caution-officer');
    const { courseId } = (await wdp().post('/api/courses').send({ date: '2026-10-20', capacity: 16 }).expect(201)).body;
    await wdp().post(`/api/cases/${caseId}/booking`).send({ courseId }).expect(201);
    await wdp().post(`/api/cases/${caseId}/fee`).send({ paidOn: '2026-10-10', amountPence: 4400 }).expect(201);
    await wdp().post(`/api/cases/${caseId}/attendance`).send({ courseId, attendedOn: '2026-10-20' }).expect(201);
    await wdp().post(`/api/cases/${caseId}/course-completion`).send({ completedOn: '2026-10-21' }).expect(201);
    await app.caughtUp();
    return { caseId, personId };
  };
});
