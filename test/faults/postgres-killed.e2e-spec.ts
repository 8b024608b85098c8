import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, call, signIn, startAppProcess } from '../support/app-process';

/**
 * The app on its embedded PostgreSQL, whose server is killed with -9 while the app runs (issue
 * 19, item 6): while it is gone every path answers 503 with Retry-After, never a 500, and the
 * app brings it back by itself, with the data kept, without being restarted.
 */
const adminPassword = 'fault-test admin password 0123456789';

const referral = (reference: string) => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference },
  subject: { givenName: 'Eadgyth', familyName: 'Nancarrow' },
  offence: { type: 'Criminal damage', date: '2026-11-01' },
});

describe('the embedded PostgreSQL killed under the running app', () => {
  const folder = mkdtempSync(join(tmpdir(), 'safer-cases-pg-fault-'));
  const dataDir = join(folder, 'data');
  let app: AppProcess | undefined;

  afterAll(async () => {
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while it is gone, and is back by itself with the data kept', async () => {
    app = await startAppProcess(
      { DATA_DIR: dataDir, KEY_DIR: join(folder, 'keys'), BOOTSTRAP_ADMIN_PASSWORD: adminPassword, JWT_SECRET: 'fault-test-secret-0123456789-0123456789' },
      { timeoutMs: 120_000 },
    );
    const admin = await signIn(app.url, 'admin', adminPassword);
    expect(
      (await call(app.url, 'POST', '/api/users', { token: admin, body: { username: 'pc.outage', password: adminPassword, role: 'referrer', organisation: 'police' } })).status,
    ).toBe(201);
    const token = await signIn(app.url, 'pc.outage', adminPassword);
    const before = await call(app.url, 'POST', '/api/cases', { token, body: referral('before') });
    expect(before.status).toBe(201);

    const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');

    const seen: { status: number; retryAfter: string | null }[] = [];
    const deadline = Date.now() + 90_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      const answers = await Promise.all([
        call(app.url, 'GET', '/api/cases', { token }),
        call(app.url, 'POST', '/api/cases', { token, body: referral(`during ${randomUUID()}`), headers: { 'idempotency-key': randomUUID() } }),
        call(app.url, 'GET', '/health'),
      ]);
      seen.push(...answers.map(({ status, headers }) => ({ status, retryAfter: headers.get('retry-after') })));
      healthy = answers[2].status === 200;
      if (!healthy) await new Promise((done) => setTimeout(done, 100));
    }
    expect(healthy).toBe(true);
    const refused = seen.filter(({ status }) => status !== 200 && status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expect(answer).toEqual({ status: 503, retryAfter: '5' });

    const after = await call(app.url, 'POST', '/api/cases', { token, body: referral('after') });
    expect(after.status).toBe(201);
    const read = await call(app.url, 'GET', `/api/cases/${String(before.body.caseId)}`, { token });
    expect(read.status).toBe(200);
  }, 300_000);
});
