import { Controller, DynamicModule, Get, Global, INestApplication, Module, Query } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { EventStore } from '@safer-cases/event-store';
import { ProjectionRunner, recordFailure } from '@safer-cases/projections';
import { ReadModelDatabase, recordingLog, startReadModelDatabase } from '@safer-cases/projections/testing/read-model-database.fixtures';
import { StreamTallyProjection } from '@safer-cases/projections/testing/stream-tally.projection';
import { IsIn, IsOptional } from 'class-validator';
import request from 'supertest';
import { configureApp } from '../configure-app';
import { DomainErrorFilter } from '../http/domain-error.filter';
import { Database } from '../shared/database';
import { AfterQuery } from './after.query';
import { ProjectionsModule } from './projections.module';
import { ProjectionsOptions } from './projections.options';

/** Slow on purpose, so that a read that does not wait misses the write it follows. */
const tally = new StreamTallyProjection({ midBatch: () => new Promise((done) => setTimeout(done, 300)) });

class TallyQuery extends AfterQuery {
  @IsOptional()
  @IsIn(['Counted', 'Noted'])
  type?: string;
}

@Controller('api/tallies')
class TallyController {
  constructor(private readonly database: Database) {}

  @Get()
  async counted(@Query() query: TallyQuery): Promise<{ events: number }> {
    const { rows } = await this.database.pool.query<{ events: number }>('SELECT coalesce(sum(events), 0)::int AS events FROM tally_types WHERE type = $1', [
      query.type ?? 'Counted',
    ]);
    return rows[0];
  }
}

@Module({ controllers: [TallyController] })
class TallyModule {}

/** The two ports the projections module needs, on the test's own database. */
@Global()
@Module({})
class TestInfrastructure {
  static register(db: ReadModelDatabase): DynamicModule {
    const providers = [
      { provide: Database, useValue: { pool: db.pool } },
      { provide: EventStore, useValue: db.store },
    ];
    return { module: TestInfrastructure, providers, exports: [Database, EventStore] };
  }
}

describe('reading your own writes', () => {
  let db: ReadModelDatabase;
  let app: INestApplication;

  const start = async (options: Partial<ProjectionsOptions>): Promise<void> => {
    db = await startReadModelDatabase([tally]);
    const moduleRef = await Test.createTestingModule({
      imports: [TestInfrastructure.register(db), ProjectionsModule.register({ projections: [tally], readYourWritesTimeoutMs: 1000, ...options }), TallyModule],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
    configureApp(app);
    await app.init();
  };

  const counted = (query: string) => request(app.getHttpServer()).get(`/api/tallies${query}`);

  afterEach(async () => {
    await app.close();
    await db.close();
  });

  describe('with the runner in the API', () => {
    beforeEach(() => start({ run: true }));

    it('answers a GET with after=<position> only once that write is in the read models', async () => {
      const position = await db.append(4, 1);

      const unwaited = await counted('');
      const waited = await counted(`?after=${position}`);

      expect(unwaited.body).toEqual({ events: 0 });
      expect(waited.status).toBe(200);
      expect(waited.body).toEqual({ events: 2 });
    });

    it('answers 503 read-model-behind when the read models have not applied the position in time', async () => {
      const started = Date.now();
      const response = await counted('?after=999999');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('999999'), code: 'read-model-behind' });
      expect(response.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    });

    it.each([['abc'], ['-1'], ['1.5'], [''], ['12345678901234567890']])('refuses after=%p with 400 naming the field', async (after) => {
      const response = await counted(`?after=${after}`);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid-request', details: [{ field: 'after', problems: [expect.stringContaining('digits only')] }] });
    });

    it('refuses after given twice', async () => {
      const response = await counted('?after=1&after=2');

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid-request');
    });

    it('lets the query class extending AfterQuery keep refusing fields it does not know', async () => {
      const response = await counted('?after=0&colour=blue');

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'colour', problems: [expect.stringContaining('should not exist')] })]);
    });
  });

  describe('with the runner in a projector process (RUN_PROJECTIONS=false)', () => {
    let projector: ProjectionRunner;
    beforeEach(async () => {
      await start({ run: false });
      projector = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally], log: recordingLog() });
    });
    afterEach(() => projector.stop());

    it('waits on the checkpoints the projector writes', async () => {
      const position = await db.append(8, 2);
      await projector.start();

      const response = await counted(`?after=${position}&type=Noted`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ events: 2 });
    });

    it('does not wait for a read model the projector has stopped at an event: it waits for an operator, and /health names it', async () => {
      const position = await db.append(3, 1);
      const [event] = await db.allEvents();
      await recordFailure(db.pool, tally.name, event, 'division by zero [22012]', 5);

      const response = await counted(`?after=${position}`);

      expect(response.status).toBe(200);
    });

    it('answers 503 when the projector does not get there in time', async () => {
      const position = await db.append(3, 1);

      const response = await counted(`?after=${position}`);

      expect(response.status).toBe(503);
      expect(response.body.code).toBe('read-model-behind');
    });
  });
});
