import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@safer-cases/event-store';
import { Database } from '../shared/database';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
  ) {}

  /** 200 once the app can take commands; 503 naming the part that is down. */
  @Get()
  @HttpCode(200)
  async health(): Promise<{ status: 'ok'; database: 'up'; eventStore: 'up' }> {
    const database = await this.database.pool.query('select 1').then(() => 'up' as const, () => 'down' as const);
    const eventStore = await this.store.headPosition().then(() => 'up' as const, () => 'down' as const);
    if (database === 'down' || eventStore === 'down') {
      throw new ServiceUnavailableException({ message: `Unavailable: database ${database}, event store ${eventStore}`, code: 'unhealthy' });
    }
    return { status: 'ok', database, eventStore };
  }
}
