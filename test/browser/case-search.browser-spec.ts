import { Organisation, Programme } from '@safer-cases/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, startBrowserApp, summaryValue } from '../support/browser';

const today = '2026-11-22';

type Subject = { givenName: string; familyName: string; dateOfBirth: string };
const zoe: Subject = { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1990-02-28' };
const kai: Subject = { givenName: 'Kai', familyName: 'Bennett', dateOfBirth: '2004-05-02' };

describe('finding a case: the search box on every case list, names in the lists, and the short reference in the address bar', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp(today);
  });

  afterAll(async () => {
    await app.close();
  });

  /** A referral made through the API: the referrer's work, not the point of these tests. */
  const refer = async (
    programme: Programme,
    subject: Subject,
    organisation: Organisation = 'police',
    caseId: string = randomUUID(),
    reference = 'CRIS 5120/26',
  ): Promise<string> => {
    const offence = programme === 'community-coaching' ? {} : { offence: { type: 'Criminal damage', date: '2026-11-01' } };
    const eligibility = programme === 'community-coaching' ? { eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] } } : {};
    await app
      .as('referrer', organisation)
      .post('/api/cases')
      .send({ caseId, programme, referredOn: '2026-11-20', referrer: { organisation, reference }, subject, ...offence, ...eligibility })
      .expect(201);
    return caseId;
  };

  const short = (caseId: string): string => caseId.slice(0, 8);

  /** The references of the cases the list's tables show, in order. */
  const listed = async (page: Page): Promise<string[]> =>
    (await page.locator('td[data-label="Case"] a').allInnerTexts()).map((text) => /[0-9a-f]{8}$/.exec(text.trim())?.[0] ?? text);

  /** What the Case cell of the row of a case says: its reference, then the name of its subject. */
  const caseCell = (page: Page, caseId: string): Promise<string> => page.locator('td[data-label="Case"]', { has: page.locator(`a[href$="${caseId}"]`) }).innerText();

  const search = async (page: Page, text: string): Promise<void> => {
    await page.getByLabel('Find a case').fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForLoadState();
  };

  it('finds restorative-justice cases by name in any order and without accents, by date of birth and by reference, each row named', async () => {
    const ownZoe = await refer('restorative-justice', zoe, 'police', randomUUID(), 'CRIS 7781/26');
    const probationZoe = await refer('restorative-justice', zoe, 'probation', randomUUID(), 'PROB 44');
    const kaiCase = await refer('restorative-justice', kai);
    await app.caughtUp();
    const page = await app.signedIn('rj-coordinator');

    await expect(caseCell(page, kaiCase)).resolves.toMatch(new RegExp(`${short(kaiCase)}\\s+Kai Bennett$`));
    await search(page, 'muller zoe');
    expect(new URL(page.url()).search).toBe('?q=muller+zoe');
    expect((await listed(page)).sort()).toEqual([short(ownZoe), short(probationZoe)].sort());
    await expect(caseCell(page, ownZoe)).resolves.toMatch(/Zoë Müller$/);
    await expect(page.getByLabel('Find a case').inputValue()).resolves.toBe('muller zoe');
    expect(await accessibilityViolations(page)).toEqual([]);

    await search(page, '1990-02-28');
    expect((await listed(page)).sort()).toEqual([short(ownZoe), short(probationZoe)].sort());
    await search(page, 'cris 7781');
    expect(await listed(page)).toEqual([short(ownZoe)]);
    await search(page, 'Nobody Atall');
    await expect(page.locator('main').innerText()).resolves.toContain('There are no cases matching “Nobody Atall”.');

    await page.getByRole('link', { name: 'Clear the search' }).click();
    expect(new URL(page.url()).search).toBe('');
    expect(await listed(page)).toEqual(expect.arrayContaining([short(ownZoe), short(probationZoe), short(kaiCase)]));

    await page.getByLabel('Status').selectOption('referred');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await search(page, 'bennett');
    expect(new URL(page.url()).searchParams.get('status')).toBe('referred');
    expect(await listed(page)).toEqual([short(kaiCase)]);

    const audit = await app.as('admin').get(`/api/audit?caseId=${kaiCase}`).expect(200);
    expect(audit.body.items.filter(({ action, username }: Record<string, string>) => action === 'personal-data-read' && username === 'rj-coordinator').length).toBeGreaterThan(0);
  });

  describe('on the other programmes’ lists, each within the cases its reader may see', () => {
    const cases: Record<string, string> = {};

    beforeAll(async () => {
      cases.policeZoe = await refer('conditional-caution', zoe);
      cases.probationZoe = await refer('conditional-caution', zoe, 'probation');
      cases.coached = await refer('community-coaching', zoe, 'council');
      cases.coachedKai = await refer('community-coaching', kai, 'council');
      await app.caughtUp();
    });

    it('searches the referrer’s list among their own organisation’s referrals, each named', async () => {
      const referrer = await app.signedIn('referrer', 'police');
      await search(referrer, 'MÜLLER Zoe');
      const found = await listed(referrer);
      expect(found).toContain(short(cases.policeZoe));
      expect(found).not.toContain(short(cases.probationZoe));
      await expect(caseCell(referrer, cases.policeZoe)).resolves.toMatch(/Zoë Müller$/);
      expect(await accessibilityViolations(referrer)).toEqual([]);
    });

    it('searches WDP’s list of cautions', async () => {
      const officer = await app.signedIn('caution-officer');
      await search(officer, 'zoe muller');
      expect((await listed(officer)).sort()).toEqual([short(cases.policeZoe), short(cases.probationZoe)].sort());
      await expect(caseCell(officer, cases.probationZoe)).resolves.toMatch(/Zoë Müller$/);
    });

    it('narrows the coaching caseload to the cases found', async () => {
      const coordinator = await app.signedIn('coaching-coordinator');
      await expect(caseCell(coordinator, cases.coachedKai)).resolves.toMatch(/Kai Bennett$/);
      await search(coordinator, 'zoe muller');
      expect(await listed(coordinator)).toEqual([short(cases.coached)]);
      await expect(coordinator.locator('main').innerText()).resolves.toContain('Showing only the cases that match “zoe muller”.');
      expect(await accessibilityViolations(coordinator)).toEqual([]);
    });
  });

  describe('a short reference typed in the address bar', () => {
    const cases: Record<string, string> = {};

    beforeAll(async () => {
      cases.rj = await refer('restorative-justice', zoe);
      cases.caution = await refer('conditional-caution', kai);
      await app.caughtUp();
    });

    it('opens its case, titled by the person and the reference, in capitals too', async () => {
      const page = await app.signedIn('rj-coordinator');
      expect((await page.goto(`/restorative-justice/cases/${short(cases.rj)}`))?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(`/restorative-justice/cases/${cases.rj}`);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Zoë Müller — ${short(cases.rj)}`);
      await expect(page.title()).resolves.toBe(`Zoë Müller — ${short(cases.rj)} – Safer Cases`);
      await page.goto(`/restorative-justice/cases/${short(cases.rj).toUpperCase()}`);
      expect(new URL(page.url()).pathname).toBe(`/restorative-justice/cases/${cases.rj}`);
    });

    it('answers 404 for a case the reader may not see, saying no case they may see has it', async () => {
      const page = await app.signedIn('rj-coordinator');
      expect((await page.goto(`/restorative-justice/cases/${short(cases.caution)}`))?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
      await expect(page.locator('main').innerText()).resolves.toContain(`No case you may see has the reference ${short(cases.caution)}`);
      const stranger = await app.signedIn('referrer', 'probation');
      expect((await stranger.goto(`/referrals/${short(cases.caution)}`))?.status()).toBe(404);
    });

    it('opens the referrer’s case page too', async () => {
      const referrer = await app.signedIn('referrer', 'police');
      await referrer.goto(`/referrals/${short(cases.caution)}`);
      expect(new URL(referrer.url()).pathname).toBe(`/referrals/${cases.caution}`);
      await expect(referrer.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Kai Bennett — ${short(cases.caution)}`);
    });

    it('opens the caution officer’s case page too', async () => {
      const officer = await app.signedIn('caution-officer');
      await officer.goto(`/conditional-caution/cases/${short(cases.caution)}`);
      expect(new URL(officer.url()).pathname).toBe(`/conditional-caution/cases/${cases.caution}`);
      await expect(officer.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Kai Bennett — ${short(cases.caution)}`);
    });
  });

  describe('a short reference typed in the search box, and the case it finds told in words', () => {
    const volunteers: Record<string, string> = {};
    let caseId = '';

    /** A Victim Support volunteer with a name, trained before the panel. */
    const volunteer = async (givenName: string, familyName: string): Promise<string> => {
      const volunteerId = randomUUID();
      await app.as('rj-coordinator').post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-10-01', givenName, familyName }).expect(201);
      await app.as('rj-coordinator').post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: '2026-10-15' }).expect(201);
      return volunteerId;
    };

    /** The Details cell of the timeline's row for what happened. */
    const detailsOf = (page: Page, what: string): Promise<string> =>
      page.locator('table').filter({ hasText: 'What has happened' }).getByRole('row').filter({ hasText: what }).getByRole('cell').nth(2).innerText();

    beforeAll(async () => {
      volunteers.ann = await volunteer('Ann', 'Lee');
      volunteers.bo = await volunteer('Bo', 'Chan');
      caseId = await refer('restorative-justice', kai, 'police', randomUUID(), 'CRIS 6630/26');
      await app.as('rj-coordinator').post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2026-11-20' }).expect(201);
      await app
        .as('rj-coordinator')
        .post(`/api/cases/${caseId}/panel`)
        .send({ heldOn: '2026-11-21', facilitatorIds: [volunteers.ann, volunteers.bo], victimAttended: true })
        .expect(201);
      await app.caughtUp();
    });

    it('finds the case by its short reference, in capitals too, and its page names the panel’s facilitators in labelled words', async () => {
      const page = await app.signedIn('rj-coordinator');
      await search(page, short(caseId));
      expect(await listed(page)).toEqual([short(caseId)]);
      await search(page, short(caseId).toUpperCase());
      expect(await listed(page)).toEqual([short(caseId)]);
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('link', { name: `View case ${short(caseId)}` }).click();
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Kai Bennett — ${short(caseId)}`);
      await expect(detailsOf(page, 'Panel held')).resolves.toBe('Victim attended: Yes\nFacilitators: Ann Lee, Bo Chan');
      await expect(summaryValue(page, 'Panel facilitators')).resolves.toBe(`Ann Lee (${short(volunteers.ann)}), Bo Chan (${short(volunteers.bo)})`);
      await expect(detailsOf(page, 'Referred')).resolves.toBe(
        'Referred by: Metropolitan Police\nReference: CRIS 6630/26\nOffence: Criminal damage\nDate of the offence: 1 November 2026',
      );
      expect(await accessibilityViolations(page)).toEqual([]);

      // The facilitators' names were read once for the page, and the reads are in the audit log under the case.
      const audit = await app.as('admin').get(`/api/audit?caseId=${caseId}`).expect(200);
      const volunteerReads = audit.body.items.filter(
        ({ action, username, personId }: Record<string, string>) =>
          action === 'personal-data-read' && username === 'rj-coordinator' && Object.values(volunteers).includes(personId),
      );
      expect(volunteerReads.map(({ personId }: Record<string, string>) => personId).sort()).toEqual(Object.values(volunteers).sort());
    });

    it('reads as labelled words on a 390-pixel phone, with no sideways scrolling', async () => {
      const page = await app.signedIn('rj-coordinator');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/restorative-justice/cases/${caseId}`);
      const { scrollWidth, innerWidth } = await page
        .locator('html')
        .evaluate((root) => ({ scrollWidth: root.scrollWidth, innerWidth: root.ownerDocument.defaultView?.innerWidth ?? 0 }));
      expect(innerWidth).toBe(390);
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      await expect(detailsOf(page, 'Panel held')).resolves.toBe('Victim attended: Yes\nFacilitators: Ann Lee, Bo Chan');
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('tells the referrer how many facilitators sat, not who: volunteers’ names are for their coordinators', async () => {
      const referrer = await app.signedIn('referrer', 'police');
      await search(referrer, short(caseId));
      expect(await listed(referrer)).toEqual([short(caseId)]);
      await referrer.goto(`/referrals/${caseId}`);
      await expect(detailsOf(referrer, 'Panel held')).resolves.toBe('Victim attended: Yes\nFacilitators: 2');
      await expect(referrer.locator('main').innerText()).resolves.not.toMatch(/Ann Lee|Bo Chan/);
    });

    it('shows an erased facilitator as erased, never by their old name', async () => {
      await app.as('admin').post(`/api/people/${volunteers.bo}/erasure`).expect(200);
      const page = await app.signedIn('rj-coordinator');
      await page.goto(`/restorative-justice/cases/${caseId}`);
      await expect(detailsOf(page, 'Panel held')).resolves.toBe('Victim attended: Yes\nFacilitators: Ann Lee, Volunteer (erased)');
      await expect(summaryValue(page, 'Panel facilitators')).resolves.toBe(`Ann Lee (${short(volunteers.ann)}), Volunteer ${short(volunteers.bo)} (erased)`);
      await expect(page.locator('main').innerText()).resolves.not.toContain('Bo Chan');
    });
  });

  it('answers a short reference two visible cases share with a 404 page saying so', async () => {
    const prefix = randomBytes(4).toString('hex');
    const [first, second] = [`${prefix}-0000-4000-8000-000000000001`, `${prefix}-0000-4000-8000-000000000002`];
    await refer('community-coaching', kai, 'council', first);
    await refer('community-coaching', zoe, 'council', second);
    await app.caughtUp();
    const page = await app.signedIn('coaching-coordinator');
    expect((await page.goto(`/community-coaching/cases/${prefix}`))?.status()).toBe(404);
    await expect(page.locator('main').innerText()).resolves.toContain(`More than one case you may see has the reference ${prefix}: find it by searching the case list`);
    expect((await page.goto(`/community-coaching/cases/${first}`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Kai Bennett — ${prefix}`);
  });
});
