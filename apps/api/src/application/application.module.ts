import { Global, Module } from '@nestjs/common';
import { InProcess } from './in-process';

/** The layer the pages pass through to reach the application services, as JSON clients pass the guard, pipes and interceptors. */
@Global()
@Module({ providers: [InProcess], exports: [InProcess] })
export class ApplicationModule {}
