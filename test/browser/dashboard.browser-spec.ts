import { Organisation, Programme } from '@safer-cases/domain';
import { programmesWithTargets } from '@safer-cases/projections/targets';
import type { TargetFigure, TargetsReport } from '@safer-cases/projections/targets';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expectAccepted } from '../support/expectations';
import { accessibilityViolations, BrowserApp, errorSummary, screenshot, startBrowserApp } from '../support/browser';

const today = '2026-11-22';
const wholeYear = { from: '2026-04-01', to: '2027-03-31' };
const firstQuarter = { from: '2026-04-01', to: '2026-06-30' };
const monthsSoFar = ['April 2026', 'May 2026', 'June 2026', 'July 2026', 'August 2026', 'September 2026', 'October 2026', '1 to 22 November 2026'];
const monthEnds = ['2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', today];

const statusTag: Record<TargetFigure['status'], string> = { green: 'Green', amber: 'Amber', red: 'Red', 'no-data': 'No data', 'n/a': 'No target' };

const count = (value: number): string => value.toLocaleString('en-GB');
const shownActual = (figure: TargetFigure): string =>
  figure.kind === 'count-at-least' ? count(figure.actual) : figure.actual === null ? 'No data yet' : `${figure.actual.toFixed(1)}%`;

const rowValue = async (tile: Locator, key: string): Promise<string> =>
  (
    await tile
      .locator('.govuk-summary-list__row', { has: tile.page().locator('.govuk-summary-list__key', { hasText: key }) })
      .locator('.govuk-summary-list__value')
      .innerText()
  ).trim();

/** Unfolds the period picker, which the page keeps folded away under the figures' summary. */
const openPicker = async (page: Page): Promise<void> => {
  await page.getByText('Choose another period').click();
  await expect(page.locator('#period-picker').getAttribute('open')).resolves.toBe('');
};

/** The summary table's rows of targets, each as its target's id and its cells' text. */
const summaryRows = async (page: Page): Promise<{ target: string | null; cells: string[] }[]> =>
  page.locator('#targets-summary tbody tr[data-target]').evaluateAll((rows) =>
    rows.map((row) => ({
      target: row.getAttribute('data-target'),
      cells: [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
    })),
  );

/**
 * What each target needs a month on 22 November 2026, worked out by hand: what is left of the
 * target over the 4 whole months left (December to March), rounded up; the attendees need more
 * than one course of 16 a month can hold; a rate or a guide has no count to make up.
 */
const neededOn22November: Record<string, string> = {
  'restorative-justice-trained-volunteers': '5 a month for the 4 whole months left', // (20 − 2) / 4 = 4.5
  'restorative-justice-panels-held': '25 a month for the 4 whole months left', // (100 − 3) / 4 = 24.25
  'restorative-justice-agreements-upheld': '25 a month for the 4 whole months left', // (100 − 1) / 4 = 24.75
  'restorative-justice-survey-completion': 'n/a for a rate: it needs to be 100% or more',
  'restorative-justice-victim-satisfaction': 'n/a for a rate: it needs to be above 85%',
  'restorative-justice-reoffending-6m': 'n/a for a rate: it needs to be below 10%',
  'restorative-justice-reoffending-12m': 'n/a for a rate: it needs to be below 10%',
  'conditional-caution-referrals': '99 a month for the 4 whole months left', // (400 − 4) / 4
  'conditional-caution-attendees': 'Cannot be reached: it needs 50 a month, more than 12 courses a year of 16 places can hold', // (200 − 3) / 4 = 49.25
  'conditional-caution-courses-held': '3 a month for the 4 whole months left', // (12 − 2) / 4 = 2.5
  'conditional-caution-completion-rate': 'n/a for a rate: it needs to be 90% or more',
  'conditional-caution-reoffending-6m': 'n/a for a rate: it needs to be below 10%',
  'conditional-caution-reoffending-10m': 'n/a for a rate: it needs to be below 10%',
  'community-coaching-trained-volunteers': '5 a month for the 4 whole months left', // (20 − 1) / 4 = 4.75
  'community-coaching-interventions': '15 a month for the 4 whole months left', // (60 − 2) / 4 = 14.5
  'community-coaching-support-hours-in-guide': 'n/a: a guide, with no target',
  'community-coaching-duration-in-guide': 'n/a: a guide, with no target',
};

/** The rows of a trend's data table, as text (the table sits in a closed GOV.UK details). */
const trendRows = async (tile: Locator): Promise<string[][]> =>
  tile.locator('table.app-trend-table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));

/** The CSV's columns, written out: a spreadsheet reads them by these names. */
const csvHeader = [
  'programme',
  'programme name',
  'target',
  'target name',
  'kind',
  'actual',
  'target value',
  'ceiling',
  'forecast',
  'status',
  'numerator',
  'denominator',
  'provisional cases',
  'provisional reoffended',
  'period from',
  'period to',
  'as of',
] as const;
type CsvColumn = (typeof csvHeader)[number];
type CsvRecord = Record<string, string>;

/** A plain CSV reader, each row read by its heading: the dashboard's cells hold no commas or quotes. */
const csvRecords = (text: string): { header: string[]; records: CsvRecord[] } => {
  const [header, ...rows] = text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  const ragged = rows.find((row) => row.length !== header.length);
  if (ragged) throw new Error(`A row of ${ragged.length} cells under ${header.length} headings: ${ragged.join(',')}`);
  return { header, records: rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]]))) };
};

/** The programmes' own names, from shared/DOMAIN.md. */
const programmeNames: Record<Programme, string> = {
  'restorative-justice': 'Neighbourhood Restorative Justice Panels',
  'conditional-caution': 'Alcohol Conditional Cautions',
  'community-coaching': 'Community Coaches',
  iom: 'Enhanced Integrated Offender Management',
};

/** The columns that carry a target's figures (names and the period are checked apart). */
const figureColumns: CsvColumn[] = [
  'programme',
  'target',
  'kind',
  'actual',
  'target value',
  'ceiling',
  'forecast',
  'status',
  'numerator',
  'denominator',
  'provisional cases',
  'provisional reoffended',
];
const figureCells = (record: CsvRecord): CsvRecord => Object.fromEntries(figureColumns.map((column) => [column, record[column]]));
/** A row as written below, a column not written being an empty cell. */
const withEmptyCells = (written: Partial<Record<CsvColumn, string>>): CsvRecord => Object.fromEntries(figureColumns.map((column) => [column, written[column] ?? '']));

/**
 * Every target's row for the year to date (1 April to 22 November 2026: 236 of the year's 365
 * days), worked out by hand from the cases the tests record and the rules of shared/DOMAIN.md,
 * in DOMAIN.md's order. A forecast is round(actual × 365 / 236); a rate is the percentage to one
 * decimal, as the CSV writes a number (66.7, 50, 100).
 */
const expectedYearToDate: Partial<Record<CsvColumn, string>>[] = [
  // v1 and v2, trained on 15 March; a stock has no forecast.
  { programme: 'restorative-justice', target: 'trained-volunteers', kind: 'count-at-least', actual: '2', 'target value': '20', status: 'red' },
  // r1, r2 and the panel of 5 October: 3 × 365 / 236 = 4.64.
  { programme: 'restorative-justice', target: 'panels-held', kind: 'count-at-least', actual: '3', 'target value': '100', ceiling: '200', forecast: '5', status: 'red' },
  // r1, upheld on 1 July: 1 × 365 / 236 = 1.55.
  { programme: 'restorative-justice', target: 'agreements-upheld', kind: 'count-at-least', actual: '1', 'target value': '100', forecast: '2', status: 'red' },
  // Of the three panels, r1's and r2's victims surveyed.
  { programme: 'restorative-justice', target: 'survey-completion', kind: 'rate-at-least', actual: '66.7', 'target value': '100', status: 'red', numerator: '2', denominator: '3' },
  // Of those two, r1's satisfied.
  { programme: 'restorative-justice', target: 'victim-satisfaction', kind: 'rate-above', actual: '50', 'target value': '85', status: 'red', numerator: '1', denominator: '2' },
  // r1's six months (agreement 1 May) ended 1 November, with its reoffence of 15 September; r2's and the third's not yet.
  {
    programme: 'restorative-justice',
    target: 'reoffending-6m',
    kind: 'rate-below',
    actual: '100',
    'target value': '10',
    status: 'red',
    numerator: '1',
    denominator: '1',
    'provisional cases': '2',
    'provisional reoffended': '0',
  },
  // No twelve months are over: all three provisional, r1 reoffended.
  {
    programme: 'restorative-justice',
    target: 'reoffending-12m',
    kind: 'rate-below',
    'target value': '10',
    status: 'no-data',
    numerator: '0',
    denominator: '0',
    'provisional cases': '3',
    'provisional reoffended': '1',
  },
  // k1, k2, k3 and the referral of 2 November: 4 × 365 / 236 = 6.19.
  { programme: 'conditional-caution', target: 'referrals', kind: 'count-at-least', actual: '4', 'target value': '400', forecast: '6', status: 'red' },
  // k1, k2 and k3 attended: 3 × 365 / 236 = 4.64.
  { programme: 'conditional-caution', target: 'attendees', kind: 'count-at-least', actual: '3', 'target value': '200', forecast: '5', status: 'red' },
  // c1 and c2: 2 × 365 / 236 = 3.09.
  { programme: 'conditional-caution', target: 'courses-held', kind: 'count-at-least', actual: '2', 'target value': '12', forecast: '3', status: 'red' },
  // Of k1, k2 and k3 who attended, k1 and k3 completed.
  { programme: 'conditional-caution', target: 'completion-rate', kind: 'rate-at-least', actual: '66.7', 'target value': '90', status: 'red', numerator: '2', denominator: '3' },
  // k1's six months (completed 19 May) ended 19 November, with no reoffence; k3's (21 October) not yet.
  {
    programme: 'conditional-caution',
    target: 'reoffending-6m',
    kind: 'rate-below',
    actual: '0',
    'target value': '10',
    status: 'green',
    numerator: '0',
    denominator: '1',
    'provisional cases': '1',
    'provisional reoffended': '0',
  },
  // No ten months are over: k1 and k3 provisional.
  {
    programme: 'conditional-caution',
    target: 'reoffending-10m',
    kind: 'rate-below',
    'target value': '10',
    status: 'no-data',
    numerator: '0',
    denominator: '0',
    'provisional cases': '2',
    'provisional reoffended': '0',
  },
  // The one coach, trained on 20 March.
  { programme: 'community-coaching', target: 'trained-volunteers', kind: 'count-at-least', actual: '1', 'target value': '20', ceiling: '25', status: 'red' },
  // p1 and the intervention of 5 October: 2 × 365 / 236 = 3.09.
  { programme: 'community-coaching', target: 'interventions', kind: 'count-at-least', actual: '2', 'target value': '60', ceiling: '80', forecast: '3', status: 'red' },
  // p1, completed with 8 + 7 = 15 hours...
  { programme: 'community-coaching', target: 'support-hours-in-guide', kind: 'indicator', actual: '100', status: 'n/a', numerator: '1', denominator: '1' },
  // ...over 7 April to 2 June, 56 days.
  { programme: 'community-coaching', target: 'duration-in-guide', kind: 'indicator', actual: '100', status: 'n/a', numerator: '1', denominator: '1' },
];

describe('the commissioners’ targets dashboard', () => {
  let app: BrowserApp;

  const accepted = async (request: PromiseLike<import('supertest').Response>): Promise<void> => {
    expectAccepted(await request);
  };

  const targets = async (programme: Programme, period: { from: string; to: string }, asOf?: string): Promise<TargetsReport> => {
    const query = new URLSearchParams({ programme, ...period, ...(asOf ? { asOf } : {}) });
    return (await app.as('commissioner').get(`/api/targets?${query.toString()}`).expect(200)).body as TargetsReport;
  };

  /** Each tile shows the API's figures for the same period: actual, target, forecast, status and what the figure means. */
  const expectTilesToShow = async (page: Page, period: { from: string; to: string }): Promise<void> => {
    for (const programme of programmesWithTargets) {
      const report = await targets(programme, period);
      for (const figure of report.targets) {
        const tile = page.locator(`#${programme}-${figure.id}`);
        expect(await rowValue(tile, 'Actual')).toBe(shownActual(figure));
        await expect(tile.locator('.app-rag').innerText()).resolves.toBe(statusTag[figure.status]);
        if (figure.kind !== 'indicator') expect(await rowValue(tile, 'Target')).toContain(`${count(figure.target)}`);
        if (figure.kind === 'count-at-least' && typeof figure.forecast === 'number') expect(await rowValue(tile, 'Forecast')).toMatch(new RegExp(`^${count(figure.forecast)}\\b`));
        if (figure.kind !== 'count-at-least' && figure.denominator > 0) {
          await expect(tile.locator('.app-tile__meaning').innerText()).resolves.toContain(`${figure.numerator} of ${figure.denominator}`);
        }
      }
    }
  };

  beforeAll(async () => {
    app = await startBrowserApp(today);
    const refer = async (programme: Programme, referredOn: string, extra: Record<string, unknown>, organisation: Organisation = 'police'): Promise<string> => {
      const caseId = randomUUID();
      await accepted(
        app
          .as('referrer', organisation)
          .post('/api/cases')
          .send({ caseId, programme, referredOn, referrer: { organisation }, subject: { givenName: 'Jordan', familyName: 'Hale', dateOfBirth: '2001-03-14' }, ...extra }),
      );
      return caseId;
    };
    const step = (role: Parameters<BrowserApp['as']>[0], caseId: string, path: string, body: Record<string, unknown>) =>
      accepted(app.as(role).post(`/api/cases/${caseId}/${path}`).send(body));
    const volunteer = async (organisation: 'victim-support' | 'home-start', trainedOn: string): Promise<string> => {
      const keeper = organisation === 'home-start' ? 'coaching-coordinator' : 'rj-coordinator';
      const volunteerId = randomUUID();
      await accepted(app.as(keeper).post('/api/volunteers').send({ volunteerId, organisation, recruitedOn: '2026-03-01', givenName: 'Amara', familyName: 'Okafor' }));
      await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn }));
      return volunteerId;
    };

    const [v1, v2] = [await volunteer('victim-support', '2026-03-15'), await volunteer('victim-support', '2026-03-15')];
    const panelCase = async (referredOn: string, heldOn: string, facilitatorIds: string[]): Promise<string> => {
      const caseId = await refer('restorative-justice', referredOn, { offence: { type: 'criminal damage', date: referredOn }, victim: { givenName: 'Pat', familyName: 'Morgan' } });
      await step('rj-coordinator', caseId, 'acceptance', { acceptedOn: referredOn });
      await step('rj-coordinator', caseId, 'panel', { heldOn, facilitatorIds, victimAttended: true });
      await step('rj-coordinator', caseId, 'agreement', { reachedOn: heldOn, reparation: ['written apology'] });
      return caseId;
    };
    const r1 = await panelCase('2026-04-10', '2026-05-01', [v1]);
    await step('rj-coordinator', r1, 'victim-survey', { surveyedOn: '2026-05-08', satisfied: true });
    await step('rj-coordinator', r1, 'agreement/upheld', { on: '2026-07-01' });
    await step('referrer', r1, 'reoffences', { offenceDate: '2026-09-15' });
    const r2 = await panelCase('2026-05-20', '2026-06-10', [v1, v2]);
    await step('rj-coordinator', r2, 'victim-survey', { surveyedOn: '2026-06-20', satisfied: false });
    await panelCase('2026-09-01', '2026-10-05', [v2]);

    const course = async (date: string): Promise<string> => {
      const courseId = randomUUID();
      await accepted(app.as('caution-officer').post('/api/courses').send({ courseId, date, venue: 'Hendon' }));
      return courseId;
    };
    const [c1, c2] = [await course('2026-05-19'), await course('2026-10-20')];
    const caution = async (offenceDate: string, referredOn: string, courseId?: string): Promise<string> => {
      const caseId = await refer('conditional-caution', referredOn, { offence: { type: 'drunk and disorderly', date: offenceDate } });
      if (courseId) await step('caution-officer', caseId, 'booking', { courseId });
      return caseId;
    };
    const k1 = await caution('2026-04-20', '2026-04-25', c1);
    await step('caution-officer', k1, 'fee', { paidOn: '2026-05-01', amountPence: 4400 });
    await step('caution-officer', k1, 'attendance', { courseId: c1, attendedOn: '2026-05-19' });
    await step('caution-officer', k1, 'course-completion', { completedOn: '2026-05-19' });
    const k2 = await caution('2026-04-28', '2026-05-02', c1);
    await step('caution-officer', k2, 'attendance', { courseId: c1, attendedOn: '2026-05-19' });
    const k3 = await caution('2026-09-20', '2026-09-25', c2);
    await step('caution-officer', k3, 'fee', { paidOn: '2026-10-01', amountPence: 4400 });
    await step('caution-officer', k3, 'attendance', { courseId: c2, attendedOn: '2026-10-20' });
    await step('caution-officer', k3, 'course-completion', { completedOn: '2026-10-21' });
    await caution('2026-10-30', '2026-11-02');

    const coach = await volunteer('home-start', '2026-03-20');
    const coaching = async (referredOn: string, startedOn: string, sessions: [string, number][]): Promise<string> => {
      const caseId = await refer('community-coaching', referredOn, { eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] } }, 'council');
      await step('coaching-coordinator', caseId, 'coach', { volunteerId: coach, assignedOn: referredOn });
      await step('coaching-coordinator', caseId, 'intervention/start', { startedOn });
      for (const [sessionOn, hours] of sessions) await step('coaching-coordinator', caseId, 'sessions', { sessionOn, hours });
      return caseId;
    };
    const p1 = await coaching('2026-04-02', '2026-04-07', [
      ['2026-04-14', 8],
      ['2026-04-21', 7],
    ]);
    await step('coaching-coordinator', p1, 'intervention/completion', { completedOn: '2026-06-02' });
    await coaching('2026-10-01', '2026-10-05', [['2026-10-12', 2]]);
    await app.caughtUp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows each programme’s targets for the financial year to date, every figure the API’s', async () => {
    const page = await app.signedIn('commissioner');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Targets dashboard');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Figures for the 2026 to 2027 financial year: 1 April 2026 to 31 March 2027, as they stand today, 22 November 2026.',
    );

    const year = await targets('restorative-justice', wholeYear);
    expect(year.targets.find((figure) => figure.id === 'panels-held')).toMatchObject({ actual: 3, forecast: 5 }); // 3 × 365 / 236 days = 4.64
    await expectTilesToShow(page, wholeYear);
    const panels = page.locator('#restorative-justice-panels-held');
    await expect(panels.locator('.app-tile__meaning').innerText()).resolves.toBe('3 panels held from 1 April 2026 to 22 November 2026');
    await expect(page.locator('#conditional-caution-completion-rate .app-tile__meaning').innerText()).resolves.toBe('2 of 3 people who attended a course in the period completed');
    await expect(page.locator('#restorative-justice-reoffending-12m .app-tile__provisional').innerText()).resolves.toBe(
      'Not counted yet: 3 people whose 12 months are not over (1 reoffended so far)',
    );

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');
  });

  it('opens with one table of every target above the tiles, the period picker folded away, and says the courses cannot hold the attendees target', async () => {
    const page = await app.signedIn('commissioner');
    const summary = page.locator('#targets-summary');
    await expect(summary.locator('caption').innerText()).resolves.toBe('Every target at a glance');
    await expect(summary.locator('thead th').allInnerTexts()).resolves.toEqual(['Measure', 'Status', 'Actual', 'Target', 'Forecast', 'Needed a month']);
    const above = await summary.evaluate((table) => {
      const tile = table.ownerDocument.querySelector('.app-tile');
      return tile !== null && (table.compareDocumentPosition(tile) & table.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(above).toBe(true);

    await expect(page.locator('#period-picker').getAttribute('open')).resolves.toBeNull();
    await expect(page.getByRole('form', { name: 'A quarter' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Show the year' }).isVisible()).resolves.toBe(false);

    const rows = await summaryRows(page);
    // Each tile's name and status in words, read in one go: the table must say the same.
    const tiles = new Map(
      await page
        .locator('.app-tile')
        .evaluateAll((all) =>
          all.map(
            (tile) =>
              [
                tile.id,
                { name: (tile.querySelector('.govuk-summary-card__title')?.textContent ?? '').trim(), words: (tile.querySelector('.app-rag-words')?.textContent ?? '').trim() },
              ] as const,
          ),
        ),
    );
    const expectedRows: { target: string; name: string; words: string; figure: TargetFigure }[] = [];
    for (const programme of programmesWithTargets) {
      for (const figure of (await targets(programme, wholeYear)).targets) {
        const target = `${programme}-${figure.id}`;
        expectedRows.push({ target, name: tiles.get(target)?.name ?? 'no tile', words: tiles.get(target)?.words ?? 'no tile', figure });
      }
    }
    expect(rows.map((row) => row.target)).toEqual(expectedRows.map((row) => row.target));
    expect(Object.keys(neededOn22November)).toEqual(expectedRows.map((row) => row.target));
    for (const [index, { target, name, words, figure }] of expectedRows.entries()) {
      const [shownName, status, actual, targetText, forecast, needed] = rows[index].cells;
      expect({ target, shownName, status, actual, needed }).toEqual({
        target,
        shownName: name,
        status: `${statusTag[figure.status]} ${words}`,
        actual: shownActual(figure),
        needed: neededOn22November[target],
      });
      if (figure.kind !== 'indicator') expect(targetText).toContain(count(figure.target));
      if (figure.kind === 'count-at-least' && typeof figure.forecast === 'number') expect(forecast).toMatch(new RegExp(`^${count(figure.forecast)}\\b`));
    }
    await page.locator('#targets-summary').getByRole('link', { name: 'Offenders who attended a course' }).click();
    expect(new URL(page.url()).hash).toBe('#conditional-caution-attendees');

    await expect(page.locator('#conditional-caution-capacity').innerText()).resolves.toBe(
      'Alcohol Conditional Cautions: 12 courses a year of at most 16 places each hold at most 192 people, so the target of 200 attendees cannot be reached, even with every course full.',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('draws a monthly trend chart per target as an SVG with a title, a description, the target line and its data table', async () => {
    const page = await app.signedIn('commissioner');
    for (const programme of programmesWithTargets) {
      const report = await targets(programme, wholeYear);
      for (const figure of report.targets) {
        const tile = page.locator(`#${programme}-${figure.id}`);
        const chart = tile.locator('svg[role="img"]');
        const name = await tile.locator('.govuk-summary-card__title').innerText();
        await expect(chart.locator('title').textContent()).resolves.toBe(`${name}: by month, 1 April 2026 to 31 March 2027`);
        const titleId = await chart.locator('title').getAttribute('id');
        const descId = await chart.locator('desc').getAttribute('id');
        await expect(chart.getAttribute('aria-labelledby')).resolves.toBe(titleId);
        await expect(chart.getAttribute('aria-describedby')).resolves.toBe(descId);
        const description = (await chart.locator('desc').textContent()) ?? '';
        for (const month of monthsSoFar) expect(description).toContain(month);
        if (figure.kind !== 'indicator') await expect(chart.locator('text', { hasText: `Target ${figure.target}` }).count()).resolves.toBe(1);
        const rows = await trendRows(tile);
        expect(rows.map((row) => row[0])).toEqual(monthsSoFar);
      }
    }

    const panelRows = await trendRows(page.locator('#restorative-justice-panels-held'));
    for (const [index, asOf] of monthEnds.entries()) {
      const figure = (await targets('restorative-justice', wholeYear, asOf)).targets.find((each) => each.id === 'panels-held');
      if (figure?.kind !== 'count-at-least') throw new Error('panels-held is a count');
      expect(panelRows[index]).toEqual([monthsSoFar[index], count(figure.actual), figure.forecast == null ? 'None' : count(figure.forecast), 'At least 100 (up to 200)']);
    }
    const completionRows = await trendRows(page.locator('#conditional-caution-completion-rate'));
    const monthStarts = ['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'];
    for (const [index, from] of monthStarts.entries()) {
      const figure = (await targets('conditional-caution', { from, to: monthEnds[index] === today ? '2026-11-30' : monthEnds[index] }, today)).targets.find(
        (each) => each.id === 'completion-rate',
      );
      if (figure?.kind !== 'rate-at-least') throw new Error('completion-rate is a rate');
      expect(completionRows[index]).toEqual([
        monthsSoFar[index],
        figure.actual === null ? 'No cases' : `${figure.actual.toFixed(1)}%`,
        `${figure.numerator} of ${figure.denominator}`,
        'At least 90%',
      ]);
    }
    expect(completionRows[1].slice(1, 3)).toEqual(['50.0%', '1 of 2']);
  });

  it('changes every figure to a quarter’s when a quarter is picked', async () => {
    const page = await app.signedIn('commissioner');
    await openPicker(page);
    const picker = page.getByRole('form', { name: 'A quarter' });
    await picker.getByLabel('Financial year').selectOption('2026');
    await picker.getByLabel('Quarter').selectOption('1');
    await picker.getByRole('button', { name: 'Show the quarter' }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'quarter');
    await expect(page.locator('main').innerText()).resolves.toContain('Figures for Q1 (April to June 2026) of the 2026 to 2027 financial year: 1 April 2026 to 30 June 2026');

    await expectTilesToShow(page, firstQuarter);
    await expect(page.locator('#restorative-justice-panels-held .app-tile__meaning').innerText()).resolves.toBe('2 panels held from 1 April 2026 to 30 June 2026');
    expect((await trendRows(page.locator('#restorative-justice-panels-held'))).map((row) => row[0])).toEqual(['April 2026', 'May 2026', 'June 2026']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-quarter');
  });

  it('says what is wrong with a custom period that ends before it starts, or is not a real date', async () => {
    const page = await app.signedIn('commissioner');
    await openPicker(page);
    const picker = page.getByRole('form', { name: 'Other dates' });
    const fill = async (legend: string, [day, month, year]: string[]): Promise<void> => {
      const group = picker.getByRole('group', { name: legend });
      await group.getByLabel('Day').fill(day);
      await group.getByLabel('Month').fill(month);
      await group.getByLabel('Year').fill(year);
    };
    await fill('First day', ['1', '10', '2026']);
    await fill('Last day', ['30', '9', '2026']);
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('/dashboard?')),
      picker.getByRole('button', { name: 'Show these dates' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    // Drawn again with the picker open, so that the fields the errors name can be seen and reached.
    await expect(page.locator('#period-picker').getAttribute('open')).resolves.toBe('');
    expect(await errorSummary(page)).toEqual(['The last day of the period must be the same as or after the first day']);
    await expect(page.title()).resolves.toMatch(/^Error: Targets dashboard/);
    await expect(page.locator('#to-error').innerText()).resolves.toContain('The last day of the period must be the same as or after the first day');
    await expect(page.locator('.app-tile').count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await fill('First day', ['31', '2', '2026']);
    await picker.getByRole('button', { name: 'Show these dates' }).click();
    expect(await errorSummary(page)).toEqual(['The first day of the period must be a real date, for example 1 4 2026']);
    await page.getByRole('link', { name: 'The first day of the period must be a real date, for example 1 4 2026' }).click();
    await expect(page.locator('#from-day').evaluate((input) => input === input.ownerDocument.activeElement)).resolves.toBe(true);

    await fill('First day', ['1', '10', '2026']);
    await fill('Last day', ['22', '11', '2026']);
    await picker.getByRole('button', { name: 'Show these dates' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('Figures for 1 October 2026 to 22 November 2026');
    await expectTilesToShow(page, { from: '2026-10-01', to: '2026-11-22' });
  });

  it('downloads the figures shown as CSV, one row per target, each figure the one worked out from the cases above', async () => {
    const page = await app.signedIn('commissioner');
    const link = page.getByRole('link', { name: 'Download these figures as a spreadsheet (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('safer-cases-targets-2026-04-01-to-2027-03-31.csv');
    const year = csvRecords(await readFile(await download.path(), 'utf8'));
    expect(year.header).toEqual(csvHeader);

    expect(year.records.map(({ programme, 'programme name': name }) => [programme, name])).toEqual(
      expectedYearToDate.map(({ programme }) => [programme, programmeNames[programme as Programme]]),
    );
    for (const record of year.records) {
      expect(record['target name']).toBe((await page.locator(`#${record.programme}-${record.target} .govuk-summary-card__title`).innerText()).trim());
      expect([record['period from'], record['period to'], record['as of']]).toEqual([wholeYear.from, wholeYear.to, today]);
    }
    expect(year.records.map(figureCells)).toEqual(expectedYearToDate.map(withEmptyCells));

    const quarter = await page.request.get('/dashboard/figures.csv?period=quarter&year=2026&quarter=1');
    expect(quarter.headers()['content-disposition']).toBe('attachment; filename="safer-cases-targets-2026-04-01-to-2026-06-30.csv"');
    expect(quarter.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const panels = csvRecords(await quarter.text()).records.find((record) => record.programme === 'restorative-justice' && record.target === 'panels-held');
    // r1 on 1 May and r2 on 10 June; the quarter is over, so its forecast is its actual.
    expect(panels && { ...figureCells(panels), period: [panels['period from'], panels['period to'], panels['as of']] }).toEqual({
      ...withEmptyCells({
        programme: 'restorative-justice',
        target: 'panels-held',
        kind: 'count-at-least',
        actual: '2',
        'target value': '100',
        ceiling: '200',
        forecast: '2',
        status: 'red',
      }),
      period: [firstQuarter.from, firstQuarter.to, today],
    });
  });

  it('shows no personal data: no names and no ids of people or cases', async () => {
    const page = await app.signedIn('commissioner');
    const html = await page.locator('main').innerHTML();
    for (const name of ['Jordan', 'Hale', 'Morgan', 'Amara', 'Okafor', '2001']) expect(html).not.toContain(name);
    expect(html).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    const csv = await (await page.request.get('/dashboard/figures.csv')).text();
    expect(csv).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
  });

  it('shows a quarter not yet begun as no data, with no trend', async () => {
    const page = await app.signedIn('commissioner');
    await page.goto('/dashboard?period=quarter&year=2026&quarter=4');
    await expect(page.locator('#conditional-caution-referrals .app-rag').innerText()).resolves.toBe('No data');
    await expect(page.locator('#conditional-caution-referrals').innerText()).resolves.toContain('No month of the period has begun yet');
    await expect(page.locator('svg[role="img"]').count()).resolves.toBe(0);
  });

  const ownProgramme = [
    ['rj-coordinator', 'restorative-justice'],
    ['caution-officer', 'conditional-caution'],
    ['coaching-coordinator', 'community-coaching'],
  ] as const;
  it.each(ownProgramme)('shows the %s their own programme’s targets only (%s), from the Targets link', async (role, programme) => {
    const page = await app.signedIn(role);
    await page.getByRole('link', { name: 'Targets' }).click();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect(page.getByRole('link', { name: 'Targets' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.locator('section.app-programme').evaluateAll((sections) => sections.map((section) => section.id))).resolves.toEqual([programme]);
    await expect(page.locator('#targets-summary tbody').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-programme')))).resolves.toEqual([programme]);
    const report = await targets(programme, wholeYear);
    await expect(page.locator('.app-tile').count()).resolves.toBe(report.targets.length);
    for (const figure of report.targets) expect(await rowValue(page.locator(`#${programme}-${figure.id}`), 'Actual')).toBe(shownActual(figure));
    await expect(page.locator('#conditional-caution-capacity').count()).resolves.toBe(programme === 'conditional-caution' ? 1 : 0);

    const csv = csvRecords(await (await page.request.get('/dashboard/figures.csv')).text());
    expect(new Set(csv.records.map((record) => record.programme))).toEqual(new Set([programme]));
    expect(csv.records.map(figureCells)).toEqual(expectedYearToDate.filter((row) => row.programme === programme).map(withEmptyCells));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('is not for a referrer', async () => {
    const page = await app.signedIn('referrer', 'police');
    const response = await page.goto('/dashboard');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('You cannot see this page');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'This page is for commissioners, Victim Support’s coordinators, WDP’s caution officers and Home-Start’s coordinators. Your pages are: Your referrals and Make a referral.',
    );
    expect((await page.request.get('/dashboard/figures.csv')).status()).toBe(403);
  });
});
