import { Organisation } from '@safer-cases/domain';
import { programmesWithTargets as programmes, ProgrammeWithTargets } from '@safer-cases/projections/targets';
import { randomUUID } from 'node:crypto';
import { Role } from '../apps/api/src/auth/actor';
import { sessionCookie } from '../apps/api/src/web/session';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';
import { coordinatorOf } from './support/who-does-what';

const today = '2015-03-10';
const year = 'from=2014-04-01&to=2015-03-31';
const routes = ['/api/targets', '/api/targets/series'] as const;

/**
 * Whose targets each role reads: a commissioner every programme's, a provider's coordinator
 * their own programme's only, through the API and on the dashboard alike; anyone else none.
 */
describe('each provider’s own targets', () => {
  let app: TestApp;

  const get = (role: Role, path: string, organisation?: Organisation) => app.as(role, organisation).get(path);
  const page = (role: Role, path: string, organisation?: Organisation) =>
    app
      .http()
      .get(path)
      .set('Cookie', `${sessionCookie}=${app.tokenFor(role, organisation)}`)
      .redirects(0);

  beforeAll(async () => {
    app = await startTestApp(today);
    const caseId = randomUUID();
    expectAccepted(
      await app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          caseId,
          programme: 'conditional-caution',
          referredOn: '2014-06-01',
          referrer: { organisation: 'police' },
          subject: { givenName: 'Sam' },
          offence: { type: 'theft', date: '2014-05-30' },
        }),
    );
    await app.caughtUp();
  });
  afterAll(() => app.close());

  it.each(programmes)('gives the %s coordinator its programme’s figures, the same as a commissioner’s', async (programme) => {
    const coordinator = coordinatorOf[programme];
    for (const route of routes) {
      const own = await get(coordinator, `${route}?programme=${programme}&${year}`);
      expect({ route, status: own.status, programme: own.body.programme }).toEqual({ route, status: 200, programme });
      expect(own.body).toEqual((await get('commissioner', `${route}?programme=${programme}&${year}`)).body);
    }
  });

  it.each(programmes)('refuses the %s coordinator every other programme’s targets with 403', async (programme) => {
    const coordinator = coordinatorOf[programme];
    for (const other of programmes.filter((each) => each !== programme)) {
      for (const route of routes) {
        const refused = await get(coordinator, `${route}?programme=${other}&${year}`);
        expect({ route, other, status: refused.status, code: refused.body.code }).toEqual({ route, other, status: 403, code: 'forbidden' });
        expect(refused.body.message).toContain(programme);
      }
    }
  });

  it('answers no IOM targets yet (issue 14 part 3): 400 naming the programme, and the IOM officer no targets at all', async () => {
    for (const route of routes) {
      const refused = await get('commissioner', `${route}?programme=iom&${year}`);
      expect({ status: refused.status, code: refused.body.code, fields: refused.body.details?.map((detail: { field: string }) => detail.field) }).toEqual({
        status: 400,
        code: 'invalid-request',
        fields: ['programme'],
      });
      expect((await get('iom-officer', `${route}?programme=restorative-justice&${year}`)).status).toBe(403);
    }
  });

  it('refuses a coordinator another programme’s targets before looking at the period', async () => {
    const refused = await get('rj-coordinator', '/api/targets?programme=community-coaching&from=2015-04-01&to=2015-03-31');
    expect(refused.status).toBe(403);
  });

  it('gives a commissioner every programme, and a referrer or an administrator none', async () => {
    for (const programme of programmes) {
      for (const route of routes) {
        expect((await get('commissioner', `${route}?programme=${programme}`)).status).toBe(200);
        expect((await get('referrer', `${route}?programme=${programme}`, 'police')).status).toBe(403);
        expect((await get('admin', `${route}?programme=${programme}`)).status).toBe(403);
      }
    }
  });

  it.each(programmes)('shows the %s coordinator a dashboard and a CSV of its own programme only, linked from its navigation', async (programme: ProgrammeWithTargets) => {
    const coordinator = coordinatorOf[programme];
    const home = await page(coordinator, '/');
    const landing = await page(coordinator, String(home.headers.location ?? '/'));
    expect(landing.text).toContain('href="/dashboard"');

    const dashboard = await page(coordinator, '/dashboard?period=year&year=2014');
    expect(dashboard.status).toBe(200);
    expect([...dashboard.text.matchAll(/<section class="app-programme" id="([^"]+)"/g)].map((match) => match[1])).toEqual([programme]);
    expect([...dashboard.text.matchAll(/<tbody [^>]*data-programme="([^"]+)"/g)].map((match) => match[1])).toEqual([programme]);

    const csv = await page(coordinator, '/dashboard/figures.csv?period=year&year=2014');
    expect(csv.status).toBe(200);
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.split(',')[0]))).toEqual(new Set([programme]));
  });

  it('shows a commissioner every programme on the dashboard, and a referrer no dashboard', async () => {
    const dashboard = await page('commissioner', '/dashboard?period=year&year=2014');
    expect([...dashboard.text.matchAll(/<section class="app-programme" id="([^"]+)"/g)].map((match) => match[1])).toEqual([...programmes]);
    expect((await page('referrer', '/dashboard', 'police')).status).toBe(403);
    expect((await page('admin', '/dashboard/figures.csv')).status).toBe(403);
  });
});
