import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { PersonalDataStore } from '../apps/api/src/people/personal-data.store';
import { IdempotencyStore } from '../apps/api/src/http/idempotency.store';
import { startTestApp, TestApp } from './support/test-app';

/**
 * One command, one transaction (issue 19, item 3): a command's events, the personal data it
 * names and its idempotency record commit together or not at all; a key claimed by a request
 * that died is not held for ever; and keys are forgotten after their lifetime.
 */
const today = '2026-11-22';
const referral = (reference: string) => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference },
  subject: { givenName: 'Leofric', familyName: 'Trelawney', dateOfBirth: '1979-05-17' },
  offence: { type: 'Theft', date: '2026-11-02' },
  victim: { givenName: 'Godgifu', familyName: 'Penhallow' },
});

describe('one command, one transaction', () => {
  let app: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  const refer = (body: object, key?: string) => {
    const request = app.as('referrer', 'police').post('/api/cases');
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const count = async (sql: string, values: unknown[] = []): Promise<number> => Number((await pool.query<{ n: string }>(sql, values)).rows[0].n);
  const keyRows = (key: string) => count(`select count(*) as n from idempotency_keys where key like '%' || $1`, [key]);

  it('writes no event when the personal data cannot be written after the referral was decided', async () => {
    const people = app.app.get(PersonalDataStore);
    const save = jest.spyOn(people, 'save').mockRejectedValueOnce(new Error('the disk is full'));
    const events = await app.eventCount();
    const key = randomUUID();
    try {
      const failed = await refer(referral('fails'), key);
      expect(failed.status).toBe(500);
    } finally {
      save.mockRestore();
    }
    expect(await app.eventCount()).toBe(events);
    expect(await keyRows(key)).toBe(0);
    const retried = await refer(referral('fails'), key);
    expect(retried.status).toBe(201);
    expect(await count('select count(*) as n from personal_data where id = $1', [retried.body.personId])).toBe(1);
  });

  it('answers two racing requests with one key once: the second waits and replays the first answer', async () => {
    const key = randomUUID();
    const events = await app.eventCount();
    const [first, second] = await Promise.all([refer(referral('race'), key), refer(referral('race'), key)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    expect(await app.eventCount()).toBe(events + 1);
  });

  it('keeps the answer with the events, so a retry of a committed write gets its first answer', async () => {
    const key = randomUUID();
    const first = await refer(referral('kept'), key);
    const { rows } = await pool.query<{ status: number; body: { caseId: string } }>(`select status, body from idempotency_keys where key like '%' || $1`, [key]);
    expect(rows).toEqual([{ status: 201, body: first.body }]);
    const retried = await refer(referral('kept'), key);
    expect({ status: retried.status, body: retried.body, replayed: retried.headers['idempotent-replayed'] }).toEqual({ status: 201, body: first.body, replayed: 'true' });
  });

  it('does not hold a key for ever when the request that claimed it died: the retry runs once its transaction is gone', async () => {
    const key = randomUUID();
    const owner = app.user('referrer', 'police').username;
    const dying = new Client(app.databaseUrl);
    await dying.connect();
    dying.on('error', () => undefined);
    await dying.query('begin');
    await dying.query(`insert into idempotency_keys (key, fingerprint) values ($1, 'in flight')`, [`${owner} ${key}`]);
    const { rows } = await dying.query<{ pid: number }>('select pg_backend_pid() as pid');

    const waiting = await refer(referral('dying'), key);
    expect({ status: waiting.status, code: waiting.body.code }).toEqual({ status: 409, code: 'idempotency-key-in-use' });

    await pool.query('select pg_terminate_backend($1)', [rows[0].pid]);
    const retried = await refer(referral('dying'), key);
    expect(retried.status).toBe(201);
  });

  it('takes over a claim an earlier version left unanswered', async () => {
    const key = randomUUID();
    await pool.query(`insert into idempotency_keys (key, fingerprint) values ($1, 'abandoned')`, [`${app.user('referrer', 'police').username} ${key}`]);
    expect((await refer(referral('abandoned'), key)).status).toBe(201);
  });

  it('forgets a key after its lifetime: it may be used again, and the purge removes old ones', async () => {
    const key = randomUUID();
    const first = await refer(referral('old'), key);
    await pool.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key like '%' || $1`, [key]);
    const reused = await refer(referral('new'), key);
    expect(reused.status).toBe(201);
    expect(reused.body.caseId).not.toBe(first.body.caseId);

    await pool.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key like '%' || $1`, [key]);
    expect(await app.app.get(IdempotencyStore).purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await keyRows(key)).toBe(0);
  });
});
