import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner, readCheckpoints, readFailures } from '@safer-cases/projections';
import { Database } from '../shared/database';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections.options';

/**
 * One read model on /health. Positions are strings (they outgrow a JSON number); `lag` is how
 * far the checkpoint is behind the store's head, in positions (0 when caught up). A stopped one
 * names the event it is stopped at, never that event's data.
 */
export type ReadModelReport = {
  name: string;
  status: 'running' | 'stopped';
  checkpoint: string;
  lag: string | null;
  stoppedAt?: { position: string; eventId: string; streamId: string; eventType: string; error: string; attempts: number; since: string };
};

/** The runner's last error, when it runs in this process (else the projector process logs its own). */
export type ProjectorReport = { runsIn: 'api' | 'projector process'; lastError: { at: string; message: string } | null };

/** What /health says of the read models, from the checkpoints and stops every runner writes. */
@Injectable()
export class ReadModelStatus {
  private readonly names: string[];

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    private readonly runner: ProjectionRunner,
    private readonly database: Database,
  ) {
    this.names = options.projections.map((projection) => projection.name);
  }

  async readModels(head: bigint | undefined): Promise<ReadModelReport[]> {
    const [checkpoints, failures] = await Promise.all([readCheckpoints(this.database.pool, this.names), readFailures(this.database.pool, this.names)]);
    return this.names.map((name) => {
      const checkpoint = checkpoints.get(name) ?? 0n;
      const failure = failures.get(name);
      const report: ReadModelReport = {
        name,
        status: failure ? 'stopped' : 'running',
        checkpoint: String(checkpoint),
        lag: head === undefined ? null : String(head > checkpoint ? head - checkpoint : 0n),
      };
      if (!failure) return report;
      const { position, eventId, streamId, eventType, error, attempts, failedAt } = failure;
      return { ...report, stoppedAt: { position: String(position), eventId, streamId, eventType, error, attempts, since: failedAt.toISOString() } };
    });
  }

  projector(): ProjectorReport {
    const lastError = this.options.run ? this.runner.lastFailure() : undefined;
    return { runsIn: this.options.run ? 'api' : 'projector process', lastError: lastError ? { at: lastError.at.toISOString(), message: lastError.message } : null };
  }
}
