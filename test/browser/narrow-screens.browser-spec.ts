import { Organisation } from '@safer-cases/domain';
import type { Page } from 'playwright-core';
import { Role } from '../../apps/api/src/auth/actor';
import { accessibilityViolations, BrowserApp, startBrowserApp } from '../support/browser';
import { caseHistories } from '../support/case-histories';

/** A small phone's width (320 CSS pixels, WCAG's reflow width) and a common one's (390). */
const widths = [320, 390];

type ListPage = { name: string; role: Role; organisation?: Organisation; path: () => string };

/** How wide the page is drawn, against the window: wider means the reader must scroll sideways. */
const widthsOf = (page: Page): Promise<{ scrollWidth: number; innerWidth: number }> =>
  page.locator('html').evaluate((root) => ({ scrollWidth: root.scrollWidth, innerWidth: root.ownerDocument.defaultView?.innerWidth ?? 0 }));

/**
 * Every stacked table's cells against its column headers: each body cell's data-label must be
 * the header of its column, and shown before the cell's content on a narrow screen.
 */
const cellLabels = (page: Page) =>
  page.locator('table.app-table--stack').evaluateAll((tables) =>
    tables.flatMap((table) => {
      const headers = [...table.querySelectorAll('thead th')].map((header) => (header.textContent ?? '').trim());
      return [...table.querySelectorAll('tbody tr')].flatMap((row) =>
        [...row.querySelectorAll('th[data-label], td')].map((cell, index) => {
          const view = cell.ownerDocument.defaultView;
          return {
            header: headers[index],
            label: cell.getAttribute('data-label'),
            shown: view?.getComputedStyle(cell, '::before').content,
            display: view?.getComputedStyle(cell).display,
          };
        }),
      );
    }),
  );

/** The roles of the page's tables as Chromium hands them to a screen reader: its own accessibility tree, not the markup. */
const tableRoles = async (page: Page): Promise<Set<string>> => {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: unknown } }[] };
    return new Set(nodes.map((node) => String(node.role?.value ?? '')).filter((role) => ['table', 'row', 'cell', 'columnheader', 'rowheader'].includes(role)));
  } finally {
    await session.detach();
  }
};

describe('the list pages on a phone', () => {
  let app: BrowserApp;
  let registerOf = '';

  /** Each role's lists: the case lists, the course calendar and a register, the rosters, the caseload and the dashboard. */
  const listPages: ListPage[] = [
    { name: 'a referrer’s referrals', role: 'referrer', organisation: 'police', path: () => '/referrals' },
    { name: 'the restorative justice cases', role: 'rj-coordinator', path: () => '/restorative-justice' },
    { name: 'the volunteer roster', role: 'rj-coordinator', path: () => '/restorative-justice/volunteers' },
    { name: 'the conditional caution cases', role: 'caution-officer', path: () => '/conditional-caution' },
    { name: 'the course calendar', role: 'caution-officer', path: () => '/conditional-caution/courses' },
    { name: 'a course’s register', role: 'caution-officer', path: () => `/conditional-caution/courses/${registerOf}` },
    { name: 'the deadlines', role: 'caution-officer', path: () => '/conditional-caution/deadlines' },
    { name: 'the coaching caseload', role: 'coaching-coordinator', path: () => '/community-coaching' },
    { name: 'the coach roster', role: 'coaching-coordinator', path: () => '/community-coaching/coaches' },
    { name: 'a provider’s targets', role: 'caution-officer', path: () => '/dashboard' },
    { name: 'the commissioners’ dashboard', role: 'commissioner', path: () => '/dashboard' },
  ];

  /** One signed-in page per user, kept for every list of theirs. */
  const signedIn = new Map<string, Page>();
  const pageFor = async ({ role, organisation }: ListPage): Promise<Page> => {
    const key = `${role} ${organisation ?? ''}`;
    const page = signedIn.get(key) ?? (await app.signedIn(role, organisation));
    signedIn.set(key, page);
    return page;
  };

  beforeAll(async () => {
    app = await startBrowserApp();
    const histories = caseHistories(app);
    for (const stage of ['referred', 'panel-held', 'agreement-upheld'] as const) await histories.restorativeJustice(stage);
    await histories.close(await histories.restorativeJustice('declined', 'probation'));
    const booked = await histories.caution('booked');
    registerOf = booked.courseId ?? '';
    for (const stage of ['attended', 'completed', 'deadline-near', 'overdue'] as const) await histories.caution(stage);
    for (const stage of ['referred', 'intervention-open', 'completed', 'withdrawn'] as const) await histories.coaching(stage);
    await app.caughtUp();
  }, 300_000);

  afterAll(async () => {
    for (const page of signedIn.values()) await page.context().close();
    await app.close();
  });

  describe.each(widths)('%i pixels wide', (width) => {
    it.each(listPages.map((list) => [list.name, list] as const))(
      'draws %s with no sideways scrolling, its tables stacked, and no accessibility failures',
      async (_name, list) => {
        const page = await pageFor(list);
        await page.setViewportSize({ width, height: 800 });
        const response = await page.goto(list.path());
        expect(response?.status()).toBe(200);

        // Every closed details too: the trend tables and the period picker must fit once opened.
        const drawn = await widthsOf(page);
        await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
        const opened = await widthsOf(page);
        expect(drawn.innerWidth).toBe(width);
        expect(drawn.scrollWidth).toBeLessThanOrEqual(drawn.innerWidth);
        expect(opened.scrollWidth).toBeLessThanOrEqual(opened.innerWidth);

        const cells = await cellLabels(page);
        expect(cells.length).toBeGreaterThan(0);
        expect(cells.filter(({ header, label, shown, display }) => label !== header || !shown?.includes(header) || display !== 'block')).toEqual([]);
        const roles = await tableRoles(page);
        expect(['table', 'row', 'cell', 'columnheader'].filter((role) => !roles.has(role))).toEqual([]);
        expect(await accessibilityViolations(page)).toEqual([]);
        // The dashboard, every trend table open, is a long page for axe to check.
      },
      180_000,
    );
  });

  it('keeps the tables as tables on a wide screen, their labels not drawn', async () => {
    const page = await app.signedIn('caution-officer');
    await page.goto('/conditional-caution');
    const cells = await cellLabels(page);
    expect(cells.length).toBeGreaterThan(0);
    for (const { display, shown } of cells) expect({ display, shown }).toEqual({ display: 'table-cell', shown: 'none' });
    await expect(page.locator('table.app-table--stack thead').first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
