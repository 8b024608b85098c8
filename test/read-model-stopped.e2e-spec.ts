import { EventStore } from '@safer-cases/event-store';
import { readFailures, skipFailedEvent } from '@safer-cases/projections';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { startTestApp, TestApp, testPassword } from './support/test-app';
import { newVisitor, visit, webSignIn } from './support/web-sign-in';

const today = '2026-11-22';

const referral = () => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference: 'stopped read model' },
  subject: { givenName: 'Sam' },
  offence: { type: 'criminal damage', date: '2026-11-01' },
});

/** The date no calendar has: what an old bug might have written into a CaseReferred. */
const impossibleDate = '2026-02-30';

/**
 * One event that the case read models cannot apply, such as an older version might have written:
 * those read models stop at it, the others carry on, /health names the event (never what it
 * says) and answers 503, and once an operator skips it everything carries on by itself.
 */
describe('a read model stopped at an event', () => {
  let app: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 2 });
  });

  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  /** A copy of a real CaseReferred, for a new case, with the impossible date: appended straight to the store. */
  const appendPoison = async (): Promise<{ position: bigint; streamId: string }> => {
    const { rows } = await pool.query<{ data: Record<string, unknown>; metadata: { recordedAt: string; recordedBy: string } }>(
      `SELECT data, metadata FROM events WHERE type = 'CaseReferred' ORDER BY position LIMIT 1`,
    );
    const caseId = randomUUID();
    const streamId = `case-${caseId}`;
    const { position } = await app.app
      .get(EventStore)
      .append(streamId, [{ type: 'CaseReferred', data: { ...rows[0].data, caseId, referredOn: impossibleDate }, metadata: rows[0].metadata }], 'no-stream');
    return { position, streamId };
  };

  const healthUntil = async (status: number): Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }> => {
    let response = await app.http().get('/health');
    for (let tries = 0; tries < 100 && response.status !== status; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      response = await app.http().get('/health');
    }
    return response;
  };

  it('stops the case read models alone, says so on /health naming the event, and carries on by itself once the event is skipped', async () => {
    expect((await app.as('referrer', 'police').post('/api/cases').send(referral())).status).toBe(201);
    const poison = await appendPoison();

    const unhealthy = await healthUntil(503);
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.headers['retry-after']).toBe('5');
    expect(unhealthy.body.message).toContain(`read model case-summaries stopped at event ${poison.position}`);
    const readModels = (unhealthy.body.details as { readModels: { name: string; status: string; stoppedAt?: Record<string, unknown> }[] }).readModels;
    expect(readModels.find((model) => model.name === 'case-summaries')).toEqual({
      name: 'case-summaries',
      status: 'stopped',
      checkpoint: String(poison.position - 1n),
      lag: '1',
      stoppedAt: {
        position: String(poison.position),
        eventId: expect.any(String),
        streamId: poison.streamId,
        eventType: 'CaseReferred',
        error: 'date/time field value out of range: "…" [22008]',
        attempts: 5,
        since: expect.any(String),
      },
    });
    expect(readModels.find((model) => model.name === 'volunteers')).toMatchObject({ status: 'running' });
    expect(JSON.stringify(unhealthy.body)).not.toContain(impossibleDate);

    const recruited = await app.as('rj-coordinator').post('/api/volunteers').send({ organisation: 'victim-support', recruitedOn: '2026-11-01' });
    expect(recruited.status).toBe(201);
    const roster = await app.as('rj-coordinator').get(`/api/volunteers?after=${recruited.body.position}`);
    expect(roster.status).toBe(200);
    expect(roster.body.items.map(({ volunteerId }: { volunteerId: string }) => volunteerId)).toContain(recruited.body.volunteerId);

    for (const projection of (await readFailures(pool)).keys()) {
      await skipFailedEvent(pool, { projection, position: poison.position, by: 'ops.lead', reason: 'written by the date bug, fixed since' });
    }
    expect((await healthUntil(200)).status).toBe(200);

    const later = await app.as('referrer', 'police').post('/api/cases').send(referral());
    expect(later.status).toBe(201);
    const cases = await app.as('referrer', 'police').get(`/api/cases?after=${later.body.position}`);
    expect(cases.status).toBe(200);
    expect(cases.body.items.map(({ caseId }: { caseId: string }) => caseId)).toContain(later.body.caseId);
  });

  it('tells a page’s reader that a change is recorded but not shown yet, when the read models have not applied it in time', async () => {
    const referrer = newVisitor();
    expect((await webSignIn(app, referrer, 'referrer.police', testPassword)).status).toBe(303);

    const page = await visit(app, referrer, '/referrals?after=999999999');

    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.text).toContain('Your change was recorded, but this page cannot show it yet. Reload the page in a few seconds.');
  });
});
