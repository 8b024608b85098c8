import { Organisation } from '@safer-cases/domain';
import { Role } from '../apps/api/src/auth/actor';
import { sessionCookie } from '../apps/api/src/web/session';
import { caseHistories, cautionStages, coachingStages, MadeCase, restorativeJusticeStages } from './support/case-histories';
import { startTestApp, TestApp } from './support/test-app';
import { coordinatorOf } from './support/who-does-what';

const today = '2015-12-31';

/** The signed-in users whose pages are crawled: every role, and a referrer of each organisation that refers. */
const users: { role: Role; organisation?: Organisation }[] = [
  { role: 'referrer', organisation: 'police' },
  { role: 'referrer', organisation: 'probation' },
  { role: 'referrer', organisation: 'council' },
  { role: 'rj-coordinator' },
  { role: 'caution-officer' },
  { role: 'coaching-coordinator' },
  { role: 'commissioner' },
  { role: 'admin' },
];

/** Where each user's crawl starts: their navigation, and the list filters a page offers as a form rather than a link. */
const startPages: Record<Role, string[]> = {
  referrer: ['/', '/referrals', '/referrals/new', ...['restorative-justice', 'conditional-caution', 'community-coaching'].map((programme) => `/referrals?programme=${programme}`)],
  'rj-coordinator': [
    '/',
    '/restorative-justice/volunteers',
    ...restorativeJusticeStages.filter((stage) => stage !== 'surveyed').map((status) => `/restorative-justice?status=${status}`),
    '/restorative-justice?closed=true',
  ],
  'caution-officer': [
    '/',
    '/conditional-caution/courses',
    '/conditional-caution/deadlines',
    ...['7', '14', '28', '56', '84'].map((days) => `/conditional-caution/deadlines?within=${days}`),
    ...['referred', 'booked', 'attended', 'completed', 'breached'].map((status) => `/conditional-caution?status=${status}`),
    '/conditional-caution?closed=true',
  ],
  'coaching-coordinator': ['/', '/community-coaching/coaches', ...coachingStages.map((status) => `/community-coaching?status=${status}`), '/community-coaching?closed=true'],
  // No IOM pages yet (issue 14 part 4), so no IOM officer is among the users crawled.
  'iom-officer': [],
  commissioner: ['/', '/dashboard'],
  admin: ['/', '/admin'],
};

/** Links the crawl does not follow: the API's own documents, assets, and the same page read after a write. */
const followed = (href: string): boolean =>
  href.startsWith('/') && !href.startsWith('//') && !/^\/(api|stylesheets|assets|javascripts|images)\b/.test(href) && !href.includes('after=');

const linksOf = (html: string): string[] => [...html.matchAll(/href="([^"#]*)/g)].map((match) => match[1].replace(/&amp;/g, '&')).filter((href) => href !== '' && followed(href));

/** The path without its query, so that a page's endless variants (a dashboard's periods) are visited a bounded number of times. */
const variantsPerPath = 40;

const cookieOf = (app: TestApp, role: Role, organisation?: Organisation): string => `${sessionCookie}=${app.tokenFor(role, organisation)}`;

/** One page as the user sees it: its status. */
const open = async (app: TestApp, page: string, role: Role, organisation?: Organisation): Promise<number> =>
  (
    await app
      .http()
      .get(page)
      .set('Cookie', cookieOf(app, role, organisation))
      .redirects(0)
  ).status;

const casePage = (made: MadeCase): string => `/${made.programme}/cases/${made.caseId}`;

/**
 * Every page a user can reach by following links from their start pages, each answered with
 * its status: what the crawl saw, not what we think the site has.
 */
const crawl = async (app: TestApp, role: Role, organisation?: Organisation): Promise<Map<string, number>> => {
  const cookie = cookieOf(app, role, organisation);
  const statuses = new Map<string, number>();
  const variants = new Map<string, number>();
  const queue = [...startPages[role]];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (statuses.has(url)) continue;
    const path = url.split('?')[0];
    if ((variants.get(path) ?? 0) >= variantsPerPath) continue;
    variants.set(path, (variants.get(path) ?? 0) + 1);
    const response = await app.http().get(url).set('Cookie', cookie).redirects(0);
    statuses.set(url, response.status);
    if (response.status >= 300 && response.status < 400 && typeof response.headers.location === 'string') queue.push(response.headers.location);
    if (response.status === 200 && String(response.headers['content-type']).startsWith('text/html')) queue.push(...linksOf(response.text));
  }
  return statuses;
};

/**
 * DOMAIN.md's every state, of every programme, made through the API, then every page of every
 * case and every list opened by each user who may see it: a valid state must never break a page.
 */
describe('every page of every case, for everyone who may see it', () => {
  let app: TestApp;
  const cases: MadeCase[] = [];
  const visited = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    app = await startTestApp(today);
    await app.app.listen(0, '127.0.0.1');
    const histories = caseHistories(app);
    const referrers: Organisation[] = ['police', 'probation', 'council'];
    for (const [index, stage] of [...restorativeJusticeStages, ...restorativeJusticeStages, ...restorativeJusticeStages].entries()) {
      cases.push(await histories.restorativeJustice(stage, index % 3 === 0 ? 'probation' : 'police'));
    }
    for (const [index, stage] of [...cautionStages, ...cautionStages, ...cautionStages].entries()) cases.push(await histories.caution(stage, referrers[index % 3]));
    for (const [index, stage] of [...coachingStages, ...coachingStages, ...coachingStages, ...coachingStages, ...coachingStages].entries()) {
      cases.push(await histories.coaching(stage, { referredBy: referrers[index % 3] }));
    }
    const completedRj = cases.filter((made) => made.stage === 'agreement-upheld');
    const completedCaution = cases.filter((made) => made.programme === 'conditional-caution' && made.stage === 'completed');
    cases.push(await histories.coaching('intervention-open', { follows: completedRj[0] }), await histories.coaching('referred', { follows: completedCaution[0] }));
    for (const made of cases.filter((_, index) => index % 4 === 0)) await histories.reoffence(made);
    const closable = cases.filter((made) => !['overdue', 'deadline-near'].includes(made.stage));
    for (const [index, made] of closable.entries()) if (index % 5 === 1) cases[cases.indexOf(made)] = await histories.close(made);
    await app.caughtUp();
    for (const { role, organisation } of users) visited.set(`${role} ${organisation ?? ''}`.trim(), await crawl(app, role, organisation));
  }, 600_000);
  afterAll(() => app.close());

  it.each(users.map(({ role, organisation }) => [`${role} ${organisation ?? ''}`.trim(), role]))('answers every page %s can reach with 200', (user, role) => {
    const statuses = visited.get(user) ?? new Map<string, number>();
    expect(startPages[role as Role].filter((page) => !statuses.has(page))).toEqual([]);
    const broken = [...statuses].filter(([, status]) => status >= 400);
    expect(broken).toEqual([]);
  });

  it('reaches every open case’s page for its programme’s coordinator, through the lists', () => {
    const unseen = cases.filter((made) => !made.closed && !visited.get(coordinatorOf[made.programme])?.has(casePage(made)));
    expect(unseen.map(({ programme, stage }) => ({ programme, stage }))).toEqual([]);
  });

  it('reaches every referral’s page for a referrer of the organisation that made it', () => {
    const unseen = cases.filter((made) => !visited.get(`referrer ${made.referredBy}`)?.has(`/referrals/${made.caseId}`));
    expect(unseen.map(({ programme, stage, closed }) => ({ programme, stage, closed }))).toEqual([]);
  });

  it('opens the page of every case, closed ones too, for its coordinator and for its referrer', async () => {
    const answers: { page: string; stage: string; status: number }[] = [];
    for (const made of cases) {
      for (const [page, user] of [
        [casePage(made), { role: coordinatorOf[made.programme] }],
        [`/referrals/${made.caseId}`, { role: 'referrer' as const, organisation: made.referredBy }],
      ] as const) {
        const status =
          visited.get(`${user.role} ${'organisation' in user ? user.organisation : ''}`.trim())?.get(page) ??
          (await open(app, page, user.role, 'organisation' in user ? user.organisation : undefined));
        answers.push({ page, stage: made.stage, status });
      }
    }
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  });

  it('opens a caution referred after its deadline from the deadlines page, and says why no course can be booked', async () => {
    const late = cases.filter((made) => made.stage === 'deadline-passed' && !made.closed);
    expect(late.length).toBeGreaterThan(0);
    const cookie = cookieOf(app, 'caution-officer');
    const deadlines = await app.http().get('/conditional-caution/deadlines').set('Cookie', cookie);
    expect(deadlines.status).toBe(200);
    for (const made of late) {
      expect(deadlines.text).toContain(`href="/conditional-caution/cases/${made.caseId}"`);
      const page = await app.http().get(`/conditional-caution/cases/${made.caseId}`).set('Cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain('had passed before the case was referred, so no course can be booked');
      expect(page.text).toMatch(/value="deadline-passed" checked/);
    }
  });

  it('shows a risk indicator on the coaching case page escaped once: the words as typed, never its markup or doubled entities', async () => {
    const made = cases.find((each) => each.programme === 'community-coaching' && each.follows === undefined);
    if (!made) throw new Error('No open coaching case on the risk-identified pathway');
    const page = await app.http().get(casePage(made)).set('Cookie', cookieOf(app, 'coaching-coordinator'));
    expect(page.status).toBe(200);
    const row = /Eligibility\s*<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/.exec(page.text)?.[1].trim();
    const indicator = 'Tom &amp; Jerry&#39;s &quot;school&quot; &lt;b&gt;report&lt;/b&gt;';
    expect(row).toBe(`Risk identified: Regular truancy, ${indicator}`);
    expect(page.text).not.toMatch(/&amp;(amp|#39|quot|lt|gt);/);
    expect(page.text).not.toContain('<b>report</b>');
  });
});
