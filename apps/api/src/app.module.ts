import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule } from './application/application.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { EmbeddedDatabaseStatus } from './health/embedded-database-status';
import { HealthController } from './health/health.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { InfrastructureModule, InfrastructureOptions } from './infrastructure.module';
import { MasterKey } from './people/master-key';
import { PeopleModule } from './people/people.module';
import { programmeModules } from './programmes';
import { ProjectionsModule } from './projections/projections.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** `embeddedDatabase`: the supervised embedded server's status, for /health, when the app runs one. */
  static register(options: InfrastructureOptions & { masterKey: MasterKey; embeddedDatabase?: EmbeddedDatabaseStatus }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        InfrastructureModule.register(options),
        ProjectionsModule.register(),
        ApplicationModule,
        AuditModule,
        PeopleModule.register(options.masterKey),
        AuthModule,
        ...programmeModules,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ...(options.embeddedDatabase ? [{ provide: EmbeddedDatabaseStatus, useValue: options.embeddedDatabase }] : []),
      ],
    };
  }
}
