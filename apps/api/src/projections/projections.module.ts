import { DynamicModule, Inject, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventStore } from '@safer-cases/event-store';
import { ProjectionRunner } from '@safer-cases/projections';
import { Database } from '../shared/database';
import { PROJECTIONS_OPTIONS, ProjectionsOptions, projectionsOptionsFromEnvironment } from './projections.options';
import { ReadModelStatus } from './read-model-status';
import { ReadYourWrites } from './read-your-writes';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';

/**
 * Keeps the read models up to date inside the API (unless RUN_PROJECTIONS=false, when the
 * projector process does) and makes every GET under /api honour `after=<position>`.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    private readonly runner: ProjectionRunner,
  ) {}

  static register(overrides: Partial<ProjectionsOptions> = {}): DynamicModule {
    const options: ProjectionsOptions = { ...projectionsOptionsFromEnvironment(), ...overrides };
    const logger = new Logger('Projections');
    const runner = {
      provide: ProjectionRunner,
      useFactory: (database: Database, store: EventStore) =>
        new ProjectionRunner({ pool: database.pool, store, projections: options.projections, log: { log: (m) => logger.log(m), error: (m) => logger.error(m) } }),
      inject: [Database, EventStore],
    };
    return {
      module: ProjectionsModule,
      global: true,
      providers: [{ provide: PROJECTIONS_OPTIONS, useValue: options }, runner, ReadYourWrites, ReadModelStatus, { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor }],
      exports: [ReadYourWrites, ReadModelStatus],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.run) await this.runner.start();
  }

  /** Before the infrastructure closes its pools, which happens at application shutdown. */
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}
