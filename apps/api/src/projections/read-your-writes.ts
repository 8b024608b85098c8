import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { appliedPosition, ProjectionRunner, readFailures } from '@safer-cases/projections';
import { Database } from '../shared/database';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections.options';

const pollIntervalMs = 25;

/**
 * Whether the read models have applied a position yet, waiting a while for them: asked of the
 * runner in this process when it runs here, else of the checkpoints the projector writes. A read
 * model stopped at an event is left out, as the runner leaves it out: it waits for an operator
 * (and /health names it), and every read would otherwise wait for it in vain.
 */
@Injectable()
export class ReadYourWrites {
  private readonly names: string[];

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    private readonly runner: ProjectionRunner,
    private readonly database: Database,
  ) {
    this.names = options.projections.map((projection) => projection.name);
  }

  /** Returns once every read model has applied `position`: a reader's own write; 503 `read-model-behind` when they have not in time. */
  async assertCaughtUp(position: bigint): Promise<void> {
    if (!(await this.caughtUp(position))) {
      throw new ServiceUnavailableException({ message: `The read models have not yet applied position ${position}; try again in a moment`, code: 'read-model-behind' });
    }
  }

  /** True once every read model has applied `position`; false when the timeout passes first. */
  async caughtUp(position: bigint): Promise<boolean> {
    const timeoutMs = this.options.readYourWritesTimeoutMs;
    if (this.options.run) return this.runner.waitFor(position, timeoutMs);
    if (this.names.length === 0) return true;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.runningHaveApplied(position)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((done) => setTimeout(done, Math.min(pollIntervalMs, left)));
    }
  }

  private async runningHaveApplied(position: bigint): Promise<boolean> {
    const stopped = await readFailures(this.database.pool, this.names);
    const running = this.names.filter((name) => !stopped.has(name));
    return running.length === 0 || (await appliedPosition(this.database.pool, running)) >= position;
  }
}
