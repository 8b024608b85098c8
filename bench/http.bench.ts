import { benchMasterKey } from './master-key';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';
import { benchSignInEnvironment, signIn } from './sign-in';

const clients = 8;
const seconds = 5;

type Load = { label: string; request: (worker: number, n: number) => { path: string; body: unknown } };

/**
 * Commands per second through HTTP, the app in this process with `clients` concurrent
 * keep-alive clients, each sending its next command as soon as the last one is answered.
 */
export async function benchHttp(url: string, print: (line: string) => void): Promise<void> {
  const restoreEnvironment = benchSignInEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ databaseUrl: url, masterKey: benchMasterKey }), { logger: false, bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const headers = { 'content-type': 'application/json', ...(await signIn(base, 'referrer', 'police')) };
  const post = async (path: string, body: unknown): Promise<number> => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };
  try {
    const referral = () => ({
      programme: 'restorative-justice',
      referredOn: '2015-01-20',
      referrer: { organisation: 'police' },
      subject: { givenName: 'Bench', familyName: 'Person' },
      offence: { type: 'criminal damage', date: '2015-01-10' },
    });
    const caseIds: string[] = [];
    for (let i = 0; i < 400; i++) {
      const response = await fetch(`${base}/api/cases`, { method: 'POST', headers, body: JSON.stringify(referral()) });
      caseIds.push(((await response.json()) as { caseId: string }).caseId);
    }
    const loads: Load[] = [
      { label: 'referrals (new case stream + personal data)', request: () => ({ path: '/api/cases', body: referral() }) },
      {
        label: 'reoffences on existing cases (read stream, decide, append)',
        request: (worker, n) => ({ path: `/api/cases/${caseIds[(worker * 50 + n) % caseIds.length]}/reoffences`, body: { offenceDate: '2015-06-01' } }),
      },
    ];
    for (const load of loads) {
      let done = 0;
      let failed = 0;
      const started = process.hrtime.bigint();
      const until = started + BigInt(seconds * 1e9);
      await Promise.all(
        Array.from({ length: clients }, async (_, worker) => {
          for (let n = 0; process.hrtime.bigint() < until; n++) {
            const { path, body } = load.request(worker, n);
            const status = await post(path, body);
            if (status >= 200 && status < 300) done++;
            else failed++;
          }
        }),
      );
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      print(`HTTP ${load.label}, ${clients} clients: ${Math.round(done / elapsed)} commands/s${failed ? ` (${failed} refused)` : ''}`);
    }
  } finally {
    await app.close();
    restoreEnvironment();
  }
}
