import { Controller, Get, HttpCode, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@safer-cases/event-store';
import { ProjectorReport, ReadModelReport, ReadModelStatus } from '../projections/read-model-status';
import { Database } from '../shared/database';
import { EmbeddedDatabaseStatus } from './embedded-database-status';

type Part = 'up' | 'down';

export type HealthReport = {
  database: Part;
  eventStore: Part;
  embeddedDatabase?: ReturnType<EmbeddedDatabaseStatus['status']>;
  /** Unknown while the database cannot be read. */
  readModels: ReadModelReport[] | 'unknown';
  projector: ProjectorReport;
};

/** A check that has not answered by then counts as down: a server that hangs is as good as gone. */
const checkTimeoutMs = 3000;

const within = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly readModelStatus: ReadModelStatus,
    @Optional() private readonly embedded?: EmbeddedDatabaseStatus,
  ) {}

  /**
   * 200 once the app can take commands and every read model runs; 503 naming what is wrong (the
   * database, the event store, the embedded server, a read model stopped at an event), with the
   * whole report in `details`. It asks afresh each time, so it turns 200 again by itself.
   */
  @Get()
  @HttpCode(200)
  async health(): Promise<{ status: 'ok' } & HealthReport> {
    const [database, head] = await Promise.all([
      within(this.database.pool.query('select 1'), checkTimeoutMs).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.store.headPosition(), checkTimeoutMs).catch(() => undefined),
    ]);
    const readModels = database === 'up' ? await within(this.readModelStatus.readModels(head), checkTimeoutMs).catch(() => 'unknown' as const) : 'unknown';
    const embedded = this.embedded?.status();
    const report: HealthReport = {
      database,
      eventStore: head === undefined ? 'down' : 'up',
      ...(embedded ? { embeddedDatabase: embedded } : {}),
      readModels,
      projector: this.readModelStatus.projector(),
    };
    const problems = problemsOf(report);
    if (problems.length > 0) throw new ServiceUnavailableException({ message: `Unavailable: ${problems.join(', ')}`, code: 'unhealthy', details: report });
    return { status: 'ok', ...report };
  }
}

const problemsOf = (report: HealthReport): string[] => {
  const problems: string[] = [];
  if (report.database === 'down' || report.eventStore === 'down') problems.push(`database ${report.database}`, `event store ${report.eventStore}`);
  if (report.embeddedDatabase && report.embeddedDatabase.state !== 'up') problems.push(`embedded database ${report.embeddedDatabase.state}`);
  if (report.readModels === 'unknown') {
    if (report.database === 'up') problems.push('read models unreadable');
  } else {
    for (const model of report.readModels) if (model.stoppedAt) problems.push(`read model ${model.name} stopped at event ${model.stoppedAt.position}`);
  }
  return problems;
};
