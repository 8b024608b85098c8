import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';

const today = '2026-11-22';

const referral = (reference: string) => ({ programme: 'restorative-justice', referredOn: '2026-11-20', referrer: { organisation: 'police', reference } });

/**
 * The PostgreSQL store going away and coming back, through a proxy the test cuts: commands are
 * refused with 503 and Retry-After and write nothing, /health names what is down, and the read
 * models carry on from their checkpoint once it is back.
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
    expect({ status: refused.status, code: refused.body.code, retryAfter: refused.headers['retry-after'] }).toEqual({ status: 503, code: 'event-store-unavailable', retryAfter: '5' });
    const health = await app.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.message).toBe('Unavailable: database down, event store down');
    expect(await eventsInStore()).toBe(before);

    proxy.restore();
    let back = 0;
    for (let tries = 0; tries < 50 && back !== 200; tries++) {
      back = (await app.http().get('/health')).status;
      if (back !== 200) await new Promise((done) => setTimeout(done, 100));
    }
    expect(back).toBe(200);
    const after = await app.as('referrer', 'police').post('/api/cases').send(referral('after'));
    expect(after.status).toBe(201);
    await app.caughtUp();
    const list = await app.as('referrer', 'police').get(`/api/cases?after=${after.body.position}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map(({ caseId }: { caseId: string }) => caseId)).toContain(after.body.caseId);
    expect(await eventsInStore()).toBe(before + 1);
  });
});
