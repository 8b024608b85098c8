import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@safer-cases/event-store';
import { CommandTransaction } from './application/command-transaction';
import { EventStoreChoice } from './config';
import { connectEventStore } from './event-store-choice';
import { IDEMPOTENCY_SETTINGS, IdempotencySettings, IdempotencyStore, idempotencySettingsFromEnvironment } from './http/idempotency.store';
import { Clock, SystemClock } from './shared/clock';
import { Database, PgDatabase } from './shared/database';

export type InfrastructureOptions = { databaseUrl: string; eventStore?: EventStoreChoice; idempotency?: IdempotencySettings };
const OPTIONS = Symbol('infrastructure options');

/** The adapters behind every port: PostgreSQL pool, event store, clock, personal data. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  static register(options: InfrastructureOptions): DynamicModule {
    const providers = [
      { provide: OPTIONS, useValue: options },
      { provide: Database, useFactory: () => new PgDatabase(options.databaseUrl) },
      { provide: EventStore, useFactory: () => connectEventStore(options.eventStore ?? { kind: 'postgres' }, options.databaseUrl) },
      { provide: Clock, useClass: SystemClock },
      { provide: IDEMPOTENCY_SETTINGS, useFactory: () => options.idempotency ?? idempotencySettingsFromEnvironment() },
      IdempotencyStore,
      CommandTransaction,
    ];
    return { module: InfrastructureModule, providers, exports: [Database, EventStore, Clock, IdempotencyStore, CommandTransaction] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.database.pool.end();
  }
}
