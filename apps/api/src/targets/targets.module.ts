import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';
import { TargetsQueries } from './targets.queries';

/** The targets' JSON routes, and the queries behind them for the dashboard's pages to call in process. */
@Module({ controllers: [TargetsController], providers: [TargetsQueries], exports: [TargetsQueries] })
export class TargetsModule {}
