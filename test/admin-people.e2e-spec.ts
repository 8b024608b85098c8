import { randomUUID } from 'node:crypto';
import { Role, roles } from '../apps/api/src/auth/actor';
import { startTestApp, TestApp, testPassword, usernameOf } from './support/test-app';
import { newVisitor, sendForm, webSignIn } from './support/web-sign-in';

const today = '2026-11-22';

/** A referral naming a subject and a victim, with the referrer's own reference. */
const referral = (reference: string) => ({
  caseId: randomUUID(),
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference },
  subject: { givenName: 'Aldous', familyName: 'Pengelly', dateOfBirth: '1983-07-09' },
  offence: { type: 'Theft', date: '2026-11-02' },
  victim: { givenName: 'Morwenna', familyName: 'Trevithick' },
});

/** The administrators' People pages (issue 12, item 5): for administrators only, and a person found, not an id typed. */
describe('the People pages', () => {
  let app: TestApp;
  let made: { caseId: string; personId: string; victimId: string };

  beforeAll(async () => {
    app = await startTestApp(today);
    const body = referral('CRIS 9911/26');
    const response = await app.as('referrer', 'police').post('/api/cases').send(body);
    expect(response.status).toBe(201);
    await app.caughtUp();
    const { victimId } = (await app.as('rj-coordinator').get(`/api/cases/${body.caseId}`)).body as { victimId: string };
    made = { caseId: body.caseId, personId: response.body.personId as string, victimId };
  });
  afterAll(() => app.close());

  const page = (path: string, role: Role = 'admin') =>
    app
      .http()
      .get(path)
      .set('Cookie', `sc_session=${app.tokenFor(role)}`);

  /** The people a search lists: each row's name, date of birth, kind and cases, as the page shows them. */
  const rowsOf = (html: string): string[] =>
    [
      ...html.matchAll(
        /<tr class="govuk-table__row" role="row">\s*<td[^>]*data-label="Name"><a[^>]*>([^<]*)<\/a>[\s\S]*?<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/g,
      ),
    ].map((match) => [match[1], match[2], match[3], match[4].trim()].join(' | '));

  const others = roles.filter((role) => role !== 'admin');

  it.each(others)('shows a %s the page that is not for them, for the search, a person and their export, naming no one', async (role) => {
    for (const path of [
      '/admin/people',
      '/admin/people?q=pengelly',
      `/admin/people/${made.personId}`,
      `/admin/people/${made.personId}/export`,
      `/admin/people/${made.personId}/erasure`,
    ]) {
      const response = await page(path, role);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.text).toContain('You cannot see this page');
      // The IOM officer has no pages yet (issue 14 part 4), and is told so.
      expect(response.text).toContain(`This page is for administrators. ${role === 'iom-officer' ? 'You have no pages here yet.' : 'Your pages are: '}`);
      expect(response.text).not.toContain('Pengelly');
    }
  });

  it('erases nobody for someone else who sends the erasure form, even with a good form token', async () => {
    const visitor = newVisitor();
    await webSignIn(app, visitor, usernameOf('rj-coordinator'), testPassword);
    const sent = await sendForm(app, visitor, '/restorative-justice', `/admin/people/${made.personId}/erasure`, {});
    expect(sent.status).toBe(403);
    expect(sent.text).toContain('This page is for administrators.');
    const held = await app.as('admin').get(`/api/people/${made.personId}/export`);
    expect(held.body.personalData).toEqual(expect.objectContaining({ familyName: 'Pengelly', erased: false }));
    expect(held.body.erasure).toBeNull();
  });

  it('finds a case’s subject and victim by the referrer’s reference and by the short reference, with their cases', async () => {
    const short = made.caseId.slice(0, 8);
    for (const q of ['cris 9911', short]) {
      const response = await page(`/admin/people?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(rowsOf(response.text)).toEqual([
        `Aldous Pengelly | 9 July 1983 | Subject of a case | ${short} Restorative justice`,
        `Morwenna Trevithick | Not held | Victim | ${short} Restorative justice (victim)`,
      ]);
      expect(response.text).toContain(`href="/admin/people/${made.personId}"`);
      expect(response.text).toContain(`href="/admin/people/${made.victimId}"`);
    }
  });

  it('finds a victim and a volunteer by name too, in any order and case', async () => {
    const victim = await page('/admin/people?q=trevithick%20MORWENNA');
    expect(rowsOf(victim.text)).toEqual([`Morwenna Trevithick | Not held | Victim | ${made.caseId.slice(0, 8)} Restorative justice (victim)`]);
    const volunteerId = randomUUID();
    await app
      .as('rj-coordinator')
      .post('/api/volunteers')
      .send({ volunteerId, organisation: 'victim-support', recruitedOn: '2026-10-01', givenName: 'Eulalie', familyName: 'Penrose' })
      .expect(201);
    const volunteer = await page('/admin/people?q=penrose%20eulalie');
    expect(volunteer.status).toBe(200);
    expect(volunteer.text).toContain(`href="/admin/people/${volunteerId}"`);
    expect(volunteer.text).toContain('Eulalie Penrose');
  });

  it('audits each name a search shows, as the admin’s read of that person', async () => {
    await page('/admin/people?q=1983-07-09');
    const { body } = await app.as('admin').get(`/api/audit?personId=${made.personId}&limit=1`);
    expect(body.items[0]).toEqual(expect.objectContaining({ action: 'personal-data-read', username: 'admin', personId: made.personId }));
  });

  it('redraws a search that is too long with the error beside the box, in plain words', async () => {
    const response = await page(`/admin/people?q=${'a'.repeat(101)}`);
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toMatch(/href="#q">Name, date of birth or case reference must be 100 characters or fewer/);
  });

  it('answers a person id typed in that holds nothing, or that is not an id, with the page not found', async () => {
    for (const path of [`/admin/people/${randomUUID()}`, '/admin/people/e5cbfc26', `/admin/people/${randomUUID()}/erasure`, `/admin/people/${randomUUID()}/export`]) {
      const response = await page(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.text).toContain('Nothing is held about this person');
    }
  });

  it('lists only the person’s own entries in their audit log, and refuses a person filter that is not an id', async () => {
    await page(`/admin/people/${made.victimId}`);
    const response = await page(`/admin/audit?personId=${made.victimId}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(`Audit log for person ${made.victimId.slice(0, 8)}`);
    const people = [...response.text.matchAll(/data-label="Person">([^<]*)<\/td>/g)].map((match) => match[1]);
    expect(people.length).toBeGreaterThan(0);
    expect(new Set(people)).toEqual(new Set([made.victimId.slice(0, 8)]));
    expect((await page('/admin/audit?personId=not-a-person')).status).toBe(400);
  });
  it('redraws the erasure’s confirmation with the refusal in plain words, erasing nothing, when its form was already sent for someone else', async () => {
    const body = referral('CRIS 9912/26');
    const { personId } = (await app.as('referrer', 'police').post('/api/cases').send(body)).body as { personId: string };
    const visitor = newVisitor();
    await webSignIn(app, visitor, usernameOf('admin'), testPassword);
    const idempotencyKey = randomUUID();
    const first = await sendForm(app, visitor, `/admin/people/${made.victimId}/erasure`, `/admin/people/${made.victimId}/erasure`, { idempotencyKey });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/admin/people/${made.victimId}`);

    const refused = await sendForm(app, visitor, `/admin/people/${personId}/erasure`, `/admin/people/${personId}/erasure`, { idempotencyKey });
    expect(refused.status).toBe(303);
    const redrawn = await app
      .http()
      .get(String(refused.headers.location))
      .set('Cookie', [...visitor.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '));
    expect(new URL(String(refused.headers.location), 'http://page').pathname).toBe(`/admin/people/${personId}/erasure`);
    expect(redrawn.text).toContain('There is a problem');
    expect(redrawn.text).toContain('This form was already sent with other answers. Reload the page and fill it in again');
    const held = await app.as('admin').get(`/api/people/${personId}/export`);
    expect(held.body.erasure).toBeNull();
    expect(held.body.personalData).toEqual(expect.objectContaining({ familyName: 'Pengelly', erased: false }));
  });
});
