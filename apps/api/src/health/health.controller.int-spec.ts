import { ServiceUnavailableException } from '@nestjs/common';
import { ProjectionRunner } from '@safer-cases/projections';
import { ReadModelDatabase, recordingLog, startReadModelDatabase } from '@safer-cases/projections/testing/read-model-database.fixtures';
import { StreamTallyProjection } from '@safer-cases/projections/testing/stream-tally.projection';
import { ReadModelStatus } from '../projections/read-model-status';
import { Database } from '../shared/database';
import { EmbeddedDatabaseStatus } from './embedded-database-status';
import { HealthController } from './health.controller';

describe('/health', () => {
  const tally = new StreamTallyProjection();
  let db: ReadModelDatabase;
  let runner: ProjectionRunner;

  const controller = (embedded?: EmbeddedDatabaseStatus['status']): HealthController => {
    const database: Database = { pool: db.pool };
    const status = new ReadModelStatus({ run: true, projections: [tally], readYourWritesTimeoutMs: 1000 }, runner, database);
    return new HealthController(database, db.store, status, embedded ? { status: embedded } : undefined);
  };

  const refusal = async (check: Promise<unknown>): Promise<Record<string, unknown>> => {
    const error = await check.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!(error instanceof ServiceUnavailableException)) throw new Error(`Expected a 503, got ${String(error)}`);
    return error.getResponse() as Record<string, unknown>;
  };

  beforeEach(async () => {
    db = await startReadModelDatabase([tally]);
    runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally], log: recordingLog() });
  });
  afterEach(async () => {
    await runner.stop();
    await db.close();
  });

  it('reports each read model’s checkpoint and its lag behind the store’s head', async () => {
    const head = await db.append(40, 4);

    const before = await controller().health();
    await runner.start();
    expect(await runner.waitFor(head, 10_000)).toBe(true);
    const after = await controller().health();

    expect(before).toMatchObject({ status: 'ok', database: 'up', eventStore: 'up', readModels: [{ name: tally.name, status: 'running', checkpoint: '0', lag: String(head) }] });
    expect(after).toEqual({
      status: 'ok',
      database: 'up',
      eventStore: 'up',
      readModels: [{ name: tally.name, status: 'running', checkpoint: String(head), lag: '0' }],
      projector: { runsIn: 'api', lastError: null },
    });
  });

  it('answers 503 while the embedded server restarts, and 200 once it is up again', async () => {
    let state: 'up' | 'restarting' = 'restarting';
    const health = controller(() => ({ state, lastError: 'postgres exited with code 1' }));

    const restarting = await refusal(health.health());
    state = 'up';

    expect(restarting).toMatchObject({
      message: 'Unavailable: embedded database restarting',
      code: 'unhealthy',
      details: { embeddedDatabase: { state: 'restarting', lastError: 'postgres exited with code 1' } },
    });
    expect(await health.health()).toMatchObject({ status: 'ok', embeddedDatabase: { state: 'up' } });
  });
});
