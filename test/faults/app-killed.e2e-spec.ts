import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { migrate } from '@safer-cases/database';
import { AppProcess, call, signIn, startAppProcess } from '../support/app-process';
import { createTestDatabase } from '../support/test-database';

/**
 * kill -9 of the app in the middle of a burst of referrals, then a restart on the same data
 * (issue 19, items 3 and 7): every command that was answered is there, no referral is without
 * its person, and every key retried gets one answer (its first, if it had one) and one case.
 */
const adminPassword = 'fault-test admin password 0123456789';
const referrerPassword = 'fault-test referrer password 0123456789';
const burst = 60;

const referral = (reference: string) => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference },
  subject: { givenName: 'Wulfstan', familyName: 'Carminow', dateOfBirth: '1984-08-30' },
  offence: { type: 'Burglary', date: '2026-11-01' },
  victim: { givenName: 'Aelfgifu', familyName: 'Roskilly' },
});

describe('the app killed mid-burst', () => {
  let databaseUrl: string;
  let dataDir: string;
  let pool: Pool;
  let app: AppProcess | undefined;
  const env = (): Record<string, string> => ({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    MASTER_KEY: randomKey,
    JWT_SECRET: 'fault-test-secret-0123456789-0123456789',
    BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    KEY_DIR: join(dataDir, '..', 'keys'),
  });
  const randomKey = randomBytes(32).toString('hex');

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    await migrate(databaseUrl);
    dataDir = join(mkdtempSync(join(tmpdir(), 'safer-cases-fault-')), 'data');
    pool = new Pool({ connectionString: databaseUrl, max: 2 });
  });
  afterAll(async () => {
    await app?.kill();
    await pool.end();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('keeps every answered command, leaves no referral without its person, and answers every retried key once', async () => {
    app = await startAppProcess(env());
    const admin = await signIn(app.url, 'admin', adminPassword);
    const created = await call(app.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'pc.fault', password: referrerPassword, role: 'referrer', organisation: 'police' },
    });
    expect(created.status).toBe(201);
    let token = await signIn(app.url, 'pc.fault', referrerPassword);

    const keys = Array.from({ length: burst }, () => randomUUID());
    const answers = new Map<string, Record<string, unknown>>();
    const running = app;
    let answered = 0;
    const killed = new Promise<void>((done) => {
      const sent = keys.map(async (key) => {
        const answer = await call(running.url, 'POST', '/api/cases', { token, body: referral(key), headers: { 'idempotency-key': key } }).catch(() => undefined);
        if (answer?.status === 201) answers.set(key, answer.body);
        if (++answered === Math.floor(burst / 3)) void running.kill().then(done);
      });
      void Promise.all(sent).then(() => done());
    });
    await killed;
    expect(answers.size).toBeGreaterThan(0);
    expect(answers.size).toBeLessThan(burst);

    app = await startAppProcess(env());
    token = await signIn(app.url, 'pc.fault', referrerPassword);
    for (const key of keys) {
      const retried = await call(app.url, 'POST', '/api/cases', { token, body: referral(key), headers: { 'idempotency-key': key } });
      expect({ key, status: retried.status }).toEqual({ key, status: 201 });
      const first = answers.get(key);
      if (first) expect({ key, body: retried.body }).toEqual({ key, body: first });
    }

    const { rows } = await pool.query<{ reference: string; cases: string; without_person: string }>(
      `select e.data->'referrer'->>'reference' as reference, count(*) as cases,
              count(*) filter (where not exists (select 1 from personal_data d where d.id = e.data->>'personId')) as without_person
       from events e where e.type = 'CaseReferred' group by 1`,
    );
    expect(rows).toHaveLength(burst);
    for (const row of rows) expect(row).toEqual({ reference: row.reference, cases: '1', without_person: '0' });
  }, 300_000);
});
