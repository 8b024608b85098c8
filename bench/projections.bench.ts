import { benchMasterKey } from './master-key';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';
import { Projection, rebuildProjections } from '@safer-cases/projections';
import { StreamTallyProjection } from '@safer-cases/projections/testing/stream-tally.projection';
import { Pool } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';
import { readModels } from '../apps/api/src/projections/read-models';
import { writeEvents, writeStreams } from './history/bulk-events';
import { growHistory } from './history/national-history';
import { benchSignInEnvironment, signIn } from './sign-in';

type Print = (line: string) => void;

const period = { from: '2014-04-01', to: '2019-03-31' };
const programmes = ['restorative-justice', 'conditional-caution', 'community-coaching'];
const asOfs = ['2015-03-31', '2016-09-30', '2017-03-31', '2018-06-15', '2019-03-31'];
const rounds = 7;

/**
 * The read models measured: every registered one; while none is registered, the runner's test
 * tally over every event type, so that the rebuild machinery itself is measured.
 */
const measured = (): readonly Projection[] => (readModels.length > 0 ? readModels : [new StreamTallyProjection({ handles: everyType })]);

const number = (value: number): string => Math.round(value).toLocaleString('en-GB');
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * A national-scale history (`BENCH_EVENTS`, default 1,000,000 events: about 110,000 cases over
 * five years across the three programmes, with their volunteers and courses), grown through the
 * deciders and written in bulk (not measured); then the rebuild of every read model from it in
 * events per second (goal 20,000 or more), and GET /api/targets latency at that size (goal:
 * 95th percentile under 100 ms).
 */
export async function benchProjections(url: string, print: Print): Promise<void> {
  const asked = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  if (!Number.isSafeInteger(asked) || asked < 1000) throw new Error(`BENCH_EVENTS must be a whole number of at least 1000, not "${process.env.BENCH_EVENTS}"`);
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    const growing = Date.now();
    const history = await growHistory({ events: asked, ...period }, (events) => writeEvents(pool, events));
    await writeStreams(pool, history.revisions);
    const cases = Object.entries(history.cases).map(([programme, count]) => `${number(count)} ${programme}`);
    print(`read models over a national-scale history (${period.from} to ${period.to})`);
    print(
      `  history: ${number(history.events)} events, ${cases.join(', ')} cases, grown through the deciders and written in ${seconds(Date.now() - growing)} s (setup, not measured)`,
    );

    const projections = measured();
    await createTallyTables(pool, projections);
    const store = await PostgresEventStore.connect(url, { max: 2 });
    try {
      const result = await rebuildProjections({ pool, store, projections });
      const names = projections.map((projection) => projection.name).join(', ');
      print(`  rebuild of ${names}: ${number(result.events)} events in ${result.seconds.toFixed(1)} s, ${number(result.eventsPerSecond)} events/s (goal 20,000 or more)`);
    } finally {
      await store.close();
    }
  } finally {
    await pool.end();
  }
  await benchTargets(url, print);
}

/**
 * Median and 95th-percentile latency of GET /api/targets, one request at a time, the app in this
 * process, signed in as a commissioner when the app asks for it.
 */
const benchTargets = async (url: string, print: Print): Promise<void> => {
  const restoreEnvironment = benchSignInEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ databaseUrl: url, masterKey: benchMasterKey }), { logger: ['error'], bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  try {
    let headers: Record<string, string> = {};
    const get = async (programme: string, asOf: string): Promise<{ status: number; ms: number }> => {
      const started = performance.now();
      const response = await fetch(`${base}/api/targets?programme=${programme}&asOf=${asOf}`, { headers });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    };
    if ((await get(programmes[0], asOfs[0])).status === 401) headers = await signIn(base, 'commissioner', 'council');
    const warmUp = await get(programmes[0], asOfs[0]);
    if (warmUp.status !== 200) {
      print(`  GET /api/targets answered ${warmUp.status}: latency not measured`);
      return;
    }
    for (const programme of programmes) for (const asOf of asOfs) await get(programme, asOf);
    const latencies: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const programme of programmes) {
        for (const asOf of asOfs) {
          const { status, ms } = await get(programme, asOf);
          if (status !== 200) throw new Error(`GET /api/targets?programme=${programme}&asOf=${asOf} answered ${status}`);
          latencies.push(ms);
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (share: number): string => latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)].toFixed(1);
    print(
      `  GET /api/targets (${programmes.length} programmes x ${asOfs.length} asOf dates, ${latencies.length} requests one at a time): ` +
        `median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms (goal under 100 ms)`,
    );
  } finally {
    await app.close();
    restoreEnvironment();
  }
};

const createTallyTables = async (pool: Pool, projections: readonly Projection[]): Promise<void> => {
  for (const projection of projections) {
    if (!(projection instanceof StreamTallyProjection)) continue;
    const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [projection.tables[0]]);
    if (!rows[0].present) await projection.createTables(pool);
  }
};

const everyType = [
  'CaseReferred',
  'ReoffenceRecorded',
  'CaseClosed',
  'ReferralAccepted',
  'ReferralDeclined',
  'PanelHeld',
  'OutcomeAgreementReached',
  'NoAgreementReached',
  'OutcomeAgreementUpheld',
  'OutcomeAgreementBreached',
  'VictimSatisfactionRecorded',
  'CourseBooked',
  'BookingCancelled',
  'FeePaid',
  'CourseAttended',
  'CourseCompleted',
  'ConditionBreached',
  'CoachAssigned',
  'InterventionStarted',
  'CoachingSessionLogged',
  'InterventionCompleted',
  'InterventionWithdrawn',
  'VolunteerRecruited',
  'VolunteerTrained',
  'VolunteerLeft',
  'CoachingCaseTaken',
  'CoachingCaseReleased',
  'CourseScheduled',
  'CoursePlaceBooked',
  'CoursePlaceCancelled',
];
