import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { migrate } from '@safer-cases/database';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { Clock } from '../../apps/api/src/shared/clock';
import { createTestDatabase } from './test-database';

/** A clock the test moves by hand; `today` is a London calendar date. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
  setToday(date: string): void {
    this.instant = new Date(`${date}T12:00:00Z`);
  }
}

export type TestApp = {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  clock: FixedClock;
  databaseUrl: string;
  /** Number of events in a stream, read straight from the store's table. */
  streamLength: (streamId: string) => Promise<number>;
  /** Number of events in the whole store. */
  eventCount: () => Promise<number>;
  close: () => Promise<void>;
};

/** The whole app in-process on a fresh database, with "today" pinned. */
export const startTestApp = async (today = '2015-12-31'): Promise<TestApp> => {
  const databaseUrl = await createTestDatabase();
  await migrate(databaseUrl);
  const clock = new FixedClock(new Date(`${today}T12:00:00Z`));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ databaseUrl })] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);
  return {
    app,
    http: () => request(app.getHttpServer()),
    clock,
    databaseUrl,
    streamLength: (streamId) => count('select count(*) as n from events where stream_id = $1', [streamId]),
    eventCount: () => count('select count(*) as n from events', []),
    close: async () => {
      await pool.end();
      await app.close();
    },
  };
};
