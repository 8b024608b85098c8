import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { createTestDatabase } from './support/test-database';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp, testPassword } from './support/test-app';
import { newVisitor, sendForm, visit, Visitor, webSignIn } from './support/web-sign-in';

const today = '2026-11-22';

const referral = (reference: string) => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference },
  subject: { givenName: 'Sam' },
  offence: { type: 'criminal damage', date: '2026-11-01' },
});

/**
 * The PostgreSQL store going away and coming back, through a proxy the test cuts: commands are
 * refused with 503 and Retry-After and write nothing, every read, sign-in and page answers 503
 * with Retry-After too (never 500), /health names what is down, and all of it comes back by
 * itself, the read models carrying on from their checkpoint, without restarting the app.
 */
describe('when the store is down', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let directUrl: string;

  const eventsInStore = async (): Promise<number> => {
    const client = new Client(directUrl);
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('select count(*) as n from events')).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    directUrl = await createTestDatabase();
    const url = new URL(directUrl);
    proxy = await startTcpProxy(url.hostname, Number(url.port));
    url.port = String(proxy.port);
    app = await startTestApp(today, { databaseUrl: url.toString() });
  });

  const healthBack = async (): Promise<number> => {
    let back = 0;
    for (let tries = 0; tries < 50 && back !== 200; tries++) {
      back = (await app.http().get('/health')).status;
      if (back !== 200) await new Promise((done) => setTimeout(done, 100));
    }
    return back;
  };

  afterAll(async () => {
    proxy.restore();
    await app.close();
    await proxy.close();
  });

  it('answers commands 503 with Retry-After, writes nothing, says on /health what is down, and carries on once it is back', async () => {
    expect((await app.as('referrer', 'police').post('/api/cases').send(referral('before'))).status).toBe(201);
    await app.caughtUp();
    const before = await eventsInStore();

    proxy.cut();
    const refused = await app.as('referrer', 'police').post('/api/cases').send(referral('while down'));
    expect({ status: refused.status, code: refused.body.code, retryAfter: refused.headers['retry-after'] }).toEqual({
      status: 503,
      code: expect.stringMatching(/^(event-store|database)-unavailable$/),
      retryAfter: '5',
    });
    const health = await app.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.message).toBe('Unavailable: database down, event store down');
    expect(await eventsInStore()).toBe(before);

    proxy.restore();
    expect(await healthBack()).toBe(200);
    const after = await app.as('referrer', 'police').post('/api/cases').send(referral('after'));
    expect(after.status).toBe(201);
    await app.caughtUp();
    const list = await app.as('referrer', 'police').get(`/api/cases?after=${after.body.position}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map(({ caseId }: { caseId: string }) => caseId)).toContain(after.body.caseId);
    expect(await eventsInStore()).toBe(before + 1);
  });

  describe('every door', () => {
    let commissioner: Visitor;
    const caseId = randomUUID();

    /** Each API call and page that needs the database, as a client or a browser sends it. */
    const doors: [string, () => Promise<Response>][] = [
      ['POST /api/cases with Idempotency-Key', () => app.as('referrer', 'police').post('/api/cases').set('Idempotency-Key', randomUUID()).send(referral('keyed'))],
      ['GET /api/cases', () => app.as('referrer', 'police').get('/api/cases')],
      ['GET /api/cases/:id', () => app.as('referrer', 'police').get(`/api/cases/${caseId}`)],
      ['GET /api/targets', () => app.as('commissioner').get('/api/targets?programme=conditional-caution')],
      ['GET /api/audit', () => app.as('admin').get(`/api/audit?caseId=${caseId}`)],
      ['POST /api/auth/login', () => app.http().post('/api/auth/login').send({ username: 'commissioner', password: testPassword })],
      ['POST /sign-in', () => sendForm(app, newVisitor(), '/sign-in', '/sign-in', { username: 'commissioner', password: testPassword })],
      ['GET /dashboard', () => visit(app, commissioner, '/dashboard')],
      ['GET /health', () => app.http().get('/health')],
    ];

    beforeAll(async () => {
      const referred = await app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({ ...referral('every door'), caseId });
      expect(referred.status).toBe(201);
      commissioner = newVisitor();
      expect((await webSignIn(app, commissioner, 'commissioner', testPassword)).status).toBe(303);
    });

    it('answers 503 with Retry-After at each while the database is away, a plain page on the web, and each works again once it is back', async () => {
      proxy.cut();
      const down: Record<string, unknown> = {};
      for (const [door, send] of doors) {
        const response = await send();
        down[door] = { status: response.status, retryAfter: response.headers['retry-after'] };
      }
      expect(down).toEqual(Object.fromEntries(doors.map(([door]) => [door, { status: 503, retryAfter: '5' }])));
      const page = await sendForm(app, newVisitor(), '/sign-in', '/sign-in', { username: 'commissioner', password: testPassword });
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('Sorry, the service is unavailable');
      expect(page.text).toContain('The service is briefly unavailable');
      const api = await app.as('referrer', 'police').get('/api/cases');
      expect(api.body).toMatchObject({ statusCode: 503, code: 'database-unavailable' });

      proxy.restore();
      expect(await healthBack()).toBe(200);
      const up: Record<string, number> = {};
      for (const [door, send] of doors) up[door] = (await send()).status;
      expect(up).toEqual({
        'POST /api/cases with Idempotency-Key': 201,
        'GET /api/cases': 200,
        'GET /api/cases/:id': 200,
        'GET /api/targets': 200,
        'GET /api/audit': 200,
        'POST /api/auth/login': 200,
        'POST /sign-in': 303,
        'GET /dashboard': 200,
        'GET /health': 200,
      });
    });
  });
});
